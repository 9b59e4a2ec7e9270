import type { Diagnostic } from 'vscode-languageserver-types';
import { diagnostic } from '../rule';
import { closestName } from '../../util/suggestions';
import { scalarSource } from '../../yaml/nodes';
import { locate, type RuleContext, type SiteRule } from './context';

/** Topics must come from the site's taxonomy, each once. */
export const topicRules: SiteRule = ({ data, site, ...context }) => {
  const topics = data.topics;
  if (!Array.isArray(topics)) return [];
  return site.whenLoaded(() => checkTopics(topics, { data, site, ...context }));
};

function checkTopics(topics: unknown[], { data, site, ...context }: RuleContext): Diagnostic[] {
  const known = site.topicNames();
  const seen = new Set<string>();
  const result: Diagnostic[] = [];
  for (let index = 0; index < topics.length; index++) {
    const topic = topics[index];
    if (typeof topic !== 'string') continue;
    const duplicate = seen.has(topic);
    seen.add(topic);
    if (!duplicate && (known.length === 0 || site.hasTopic(topic))) continue;
    const place = locate({ data, site, ...context }, ['topics', index]);
    if (!place) continue;
    if (duplicate) {
      result.push(diagnostic('duplicate-topic', place.range, `The topic \`${topic}\` is listed twice`));
      continue;
    }
    const suggestion = closestName(topic, known);
    const message = suggestion
      ? `\`${topic}\` is not a topic of this site \u2014 did you mean \`${suggestion}\`?`
      : `\`${topic}\` is not a topic of this site (see its topics folder)`;
    result.push(
      diagnostic(
        'unknown-topic',
        place.range,
        message,
        suggestion ? { replacement: scalarSource(place.node, suggestion) } : undefined,
      ),
    );
  }
  return result;
}

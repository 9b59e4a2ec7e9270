import type { Diagnostic } from 'vscode-languageserver-types';
import type { ArticleContext } from '../../context';
import { closestName } from '../../util/suggestions';
import { scalarSource } from '../../yaml/nodes';
import { defineRule, diagnostic } from '../rule';
import { locate } from './helpers';

/** Topics must come from the site's taxonomy (a topic listed twice is `duplicate-topic`'s). */
export const unknownTopic = defineRule({
  code: 'unknown-topic',
  severity: 'warning',
  description: 'A topic not in `_data/topics`, with the right name offered.',
  severityReason:
    'Warning: the article is missing from the topic’s page; the taxonomy’s spelling is the fix.',
  layer: 'site',
  fix: 'safe',
  fields: ['topics'],
  check(context): Diagnostic[] | Promise<Diagnostic[]> {
    const topics = context.data.topics;
    if (!Array.isArray(topics)) return [];
    return context.site.whenLoaded(() => checkTopics(topics, context));
  },
});

function checkTopics(topics: unknown[], context: ArticleContext): Diagnostic[] {
  const known = context.site.topicNames();
  if (known.length === 0) return [];
  const seen = new Set<string>();
  const result: Diagnostic[] = [];
  for (let index = 0; index < topics.length; index++) {
    const topic = topics[index];
    if (typeof topic !== 'string' || seen.has(topic)) continue;
    seen.add(topic);
    if (context.site.hasTopic(topic)) continue;
    const place = locate(context, ['topics', index]);
    if (!place) continue;
    const suggestion = closestName(topic, known);
    const message = suggestion
      ? `\`${topic}\` is not a topic of this site \u2014 did you mean \`${suggestion}\`?`
      : `\`${topic}\` is not a topic of this site (see its topics folder)`;
    result.push(
      diagnostic(
        unknownTopic,
        place.range,
        message,
        suggestion ? { replacement: scalarSource(place.node, suggestion) } : undefined,
      ),
    );
  }
  return result;
}

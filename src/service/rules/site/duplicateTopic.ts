import type { Diagnostic } from 'vscode-languageserver-types';
import { defineRule, diagnostic } from '../rule';
import { locate } from './helpers';

/** Each topic once: a topic listed again is reported on the repeat, which the fix removes. */
export const duplicateTopic = defineRule({
  code: 'duplicate-topic',
  severity: 'warning',
  description: 'The same topic twice.',
  severityReason: 'Warning: harmless to the page, but a slip a maintainer removes.',
  layer: 'site',
  fix: 'safe',
  removal: { target: 'topic-entry', safety: 'safe', title: () => 'Remove the repeated topic' },
  fields: ['topics'],
  check(context): Diagnostic[] {
    const topics = context.data.topics;
    if (!Array.isArray(topics)) return [];
    const seen = new Set<string>();
    const result: Diagnostic[] = [];
    for (let index = 0; index < topics.length; index++) {
      const topic = topics[index];
      if (typeof topic !== 'string') continue;
      if (!seen.has(topic)) {
        seen.add(topic);
        continue;
      }
      const place = locate(context, ['topics', index]);
      if (place)
        result.push(diagnostic(duplicateTopic, place.range, `The topic \`${topic}\` is listed twice`));
    }
    return result;
  },
});

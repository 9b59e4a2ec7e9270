import type { Diagnostic } from 'vscode-languageserver-types';
import { defineRule, diagnostic } from '../rule';
import { locate } from './helpers';
import { articlePlace, ownPublishedFalse } from './publicationFacts';

/**
 * `published: false` (or an unquoted `no`/`off`, false to Jekyll): Jekyll does not build the
 * file, unless run with `--unpublished` or `_config.yml` sets `unpublished: true`. A hint: it is
 * usually meant, and said so that a writer looking for a missing page finds why. Only on files
 * Jekyll reads as pages, posts, drafts or collection documents.
 */
export const unpublished = defineRule({
  code: 'unpublished',
  severity: 'hint',
  description: '`published: false`: Jekyll does not build the file (unless with `--unpublished`).',
  layer: 'site',
  fix: 'none',
  severityReason: 'Hint: usually meant; said so that a writer looking for a missing page finds why.',
  check(context): Diagnostic[] {
    if (context.shape.config.unpublished || !Object.hasOwn(context.ownData, 'published')) return [];
    if (!articlePlace(context) || !ownPublishedFalse(context)) return [];
    const place = locate(context, ['published']);
    if (!place) return [];
    return [
      diagnostic(
        unpublished,
        place.range,
        `\`published: ${String(context.ownData.published)}\`: Jekyll does not build this file, so it will not appear on the site (unless built with \`--unpublished\`, or \`_config.yml\` sets \`unpublished: true\`)`,
      ),
    ];
  },
});

import type { Diagnostic } from 'vscode-languageserver-types';
import { defineRule, diagnostic } from '../rule';
import { closestName } from '../../util/suggestions';
import { scalarSource } from '../../yaml/nodes';
import { hasLoneSurrogate, joinUri } from '../../util/uri';
import { LEARNING_FOLDERS, learningFolderOf } from '../../site/taxonomy';
import { locate } from './helpers';

/** A collection's `items` (`videos/<name>`, `courses/<name>`) must name existing learning items. */
export const missingCollectionItem = defineRule({
  code: 'missing-collection-item',
  severity: 'warning',
  description: 'A collection’s `items` entry naming no learning item.',
  severityReason: 'Warning: the collection shows one item fewer; the site still builds.',
  layer: 'site',
  fix: 'safe',
  // The schema's "must look like `videos/...`" on the same item, where this rule names the folder.
  supersedes: ['invalid-format'],
  fields: ['items'],
  async check(context): Promise<Diagnostic[]> {
    const items = context.data.items;
    if (context.kind !== 'collection' || !Array.isArray(items)) return [];
    const base = learningFolderOf(context.article.uri);
    const result: Diagnostic[] = [];
    for (let index = 0; index < items.length; index++) {
      const item = items[index];
      if (typeof item !== 'string') continue;
      if (/^[^/\s]+$/.test(item.trim()) && !hasLoneSurrogate(item)) {
        // A name without its folder: the fix is knowable when one learning folder has it.
        const name = item.trim();
        const folders: string[] = [];
        for (const folder of LEARNING_FOLDERS)
          if (await context.site.hasItem(joinUri(base, folder), name)) folders.push(folder);
        const place = folders.length === 1 ? locate(context, ['items', index]) : undefined;
        if (place) {
          const suggestion = `${folders[0]}/${name}`;
          result.push(
            diagnostic(
              missingCollectionItem,
              place.range,
              `\`${name}\` needs its folder \u2014 did you mean \`${suggestion}\`?`,
              { replacement: scalarSource(place.node, suggestion) },
            ),
          );
        }
        continue;
      }
      if (!/^[^/\s]+\/[^/\s]+$/.test(item.trim())) continue;
      const [folder, name] = item.trim().split('/');
      // A lone surrogate names no file (and cannot be put in a URI).
      if (!hasLoneSurrogate(item) && (await context.site.hasItem(joinUri(base, folder), name))) continue;
      const place = locate(context, ['items', index]);
      if (place) {
        const closest = closestName(name, await context.site.itemNames(joinUri(base, folder)));
        const suggestion = closest === undefined ? undefined : `${folder}/${closest}`;
        result.push(
          diagnostic(
            missingCollectionItem,
            place.range,
            `\`${item}\` names no existing learning item (no \`${folder}/${name}.md\`)` +
              (suggestion ? ` \u2014 did you mean \`${suggestion}\`?` : ''),
            suggestion ? { replacement: scalarSource(place.node, suggestion) } : undefined,
          ),
        );
      }
    }
    return result;
  },
});

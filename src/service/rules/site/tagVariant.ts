import type { Diagnostic } from 'vscode-languageserver-types';
import type { ArticleContext } from '../../context';
import {
  commonForm,
  differOnlyInSpelling,
  fieldValues,
  normalTag,
  removeOccurrence,
  renameOccurrence,
  schemaFixesValues,
  TAG_FIELDS,
  tagOccurrences,
  type TagKind,
} from '../../site/tags';
import { defineRule, diagnostic } from '../rule';

/**
 * A free-form tag or category spelt otherwise than most articles of the site spell it
 * (`Docker` where 12 articles say `docker`): Jekyll makes two tags of them, each with part of
 * the articles. Needs the site index (`indexSite`).
 */
export const tagVariant = defineRule({
  code: 'tag-variant',
  severity: 'warning',
  description:
    'A tag or category that differs only by case, plural or separator from the one most articles use (needs the site index).',
  severityReason:
    'Warning: the site builds, but Jekyll lists the articles under two tags, so each tag\u2019s page misses some of them.',
  layer: 'site',
  fix: 'safe',
  fields: Object.keys(TAG_FIELDS),
  // An empty replacement: the fix's edits are elsewhere than the flagged word (the whole value, or the entry's removal).
  fixTitle: (replacement) => (replacement ? `Change to ${replacement}` : 'Use the site\u2019s spelling'),
  check(context): Diagnostic[] {
    const index = context.articles;
    if (!index.built) return [];
    const data = context.ownData;
    // This article as it is now, in place of what the index read of it.
    const mine: Record<TagKind, Set<string>> = { tags: new Set(), categories: new Set() };
    for (const field in TAG_FIELDS)
      if (Object.hasOwn(data, field) && !constrained(context, field))
        for (const value of fieldValues(field, data[field])) mine[TAG_FIELDS[field].kind].add(value);
    // What the index read of this file, which this article's current values stand in for.
    const indexed = index.tagsOf(context.article.uri);
    const flagged = new Map<
      string,
      { kind: TagKind; value: string; common: string; counts: Map<string, number> }
    >();
    for (const kind of ['tags', 'categories'] as const) {
      const read = new Set(indexed?.[kind]);
      const byForm = new Map<string, string[]>();
      for (const value of mine[kind]) {
        const form = normalTag(value);
        const group = byForm.get(form);
        if (group) group.push(value);
        else byForm.set(form, [value]);
      }
      for (const [form, values] of byForm) {
        const counts = index.tagSpellings(kind, form);
        for (const [spelling, count] of counts) if (read.has(spelling)) counts.set(spelling, count - 1);
        for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
        for (const [spelling, count] of counts) if (count <= 0) counts.delete(spelling);
        const common = commonForm(counts);
        if (!common) continue;
        for (const value of values)
          if (common.value !== value)
            flagged.set(`${kind}\0${value}`, { kind, value, common: common.value, counts });
      }
    }
    if (flagged.size === 0) return [];
    const { yaml, block } = context.article;
    if (!yaml || !block) return [];
    const source = context.article.source;
    const result: Diagnostic[] = [];
    for (const occurrence of tagOccurrences(yaml, source)) {
      const found = flagged.get(`${occurrence.kind}\0${occurrence.value}`);
      if (!found || constrained(context, occurrence.field)) continue;
      const { value, common, counts } = found;
      const range = context.article.range(occurrence.span[0], occurrence.span[1]);
      const word = occurrence.kind === 'tags' ? 'tag' : 'category';
      const uses = (spelling: string) => {
        const count = counts.get(spelling) ?? 0;
        return `${count} article${count === 1 ? '' : 's'}`;
      };
      // Already written the site's way in this field: the fix would only repeat it.
      const repeats = mine[occurrence.kind].has(common);
      const message =
        `The ${word} \`${value}\` is spelt \`${common}\` on this site (${uses(common)}; \`${value}\`: ${uses(value)}) \u2014 ` +
        (repeats
          ? `this article already has \`${common}\`, so remove \`${value}\``
          : `Jekyll lists them as two ${occurrence.kind}`);
      if (repeats) {
        // Only a difference of case or separators is the same tag for certain: a plural may be a name.
        const removal = differOnlyInSpelling(value, common)
          ? removeOccurrence(occurrence, source)
          : undefined;
        const edits = removal && [
          { range: context.article.range(removal.start, removal.end), newText: removal.newText },
        ];
        result.push(diagnostic(tagVariant, range, message, edits && { edits }));
        continue;
      }
      const edit = renameOccurrence(occurrence, common);
      const [start, end] = occurrence.span;
      // Case and separators are the same tag for certain; a plural may be a name (a guess).
      const guess = !differOnlyInSpelling(value, common);
      const data =
        edit.start === start && edit.end === end
          ? { replacement: edit.newText, ...(guess && { guess }) }
          : guess
            ? undefined
            : { edits: [{ range: context.article.range(edit.start, edit.end), newText: edit.newText }] };
      result.push(diagnostic(tagVariant, range, message, data));
    }
    return result;
  },
});

/** Whether the schema in effect says which values the field takes. */
function constrained(context: ArticleContext, field: string): boolean {
  return schemaFixesValues(context.schema, field);
}

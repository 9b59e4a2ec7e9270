import type { Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { isScalar, Scalar } from 'yaml';
import type { ArticleContext } from '../../context';
import type { IndexedArticle } from '../../site/articleIndex';
import {
  COPIED_FIELDS,
  copiedValues,
  urlOf,
  type CopiedField,
  type CopiedValue,
  type CopiedValues,
} from '../../site/articleRecord';
import { isRecord } from '../../util/records';
import { lineEnd } from '../../util/lines';
import { scalarSource } from '../../yaml/nodes';
import { defineRule, diagnostic } from '../rule';
import { locate } from './helpers';

/**
 * A `related` entry is a copy of another article of the site: its title, excerpt, date, type,
 * quality and provider name are the article's (its images legitimately differ, and are never
 * compared). A copy that no longer matches the article (nor, for a `webUrl` imported twice,
 * any of its files) is stale. Needs the site index (`indexSite`).
 */
export const staleRelated = defineRule({
  code: 'stale-related',
  severity: 'warning',
  description:
    'A `related` entry whose title, excerpt, date, type, quality or provider differs from the article it points at (needs the site index).',
  layer: 'site',
  fix: 'safe',
  severityReason:
    'Warning: the page shows an old title or excerpt for the linked article; the fix copies the article\u2019s own values.',
  fields: ['related'],
  judgesRelatedCopies: true,
  fixTitle: () => 'Update from the article',
  check(context): Diagnostic[] {
    const index = context.articles;
    const related = context.data.related;
    if (!index.built || !Array.isArray(related)) return [];
    const result: Diagnostic[] = [];
    related.forEach((entry, position) => {
      const webUrl = isRecord(entry) ? urlOf(entry.webUrl) : undefined;
      if (webUrl === undefined || !isRecord(entry)) return;
      const targets = index.articlesAt(webUrl);
      if (targets.length === 0) return;
      const copy = copiedValues(entry);
      let closest: { article: IndexedArticle; fields: CopiedField[] } | undefined;
      for (const article of targets) {
        const fields = differences(copy, article.values);
        if (fields.length === 0) return;
        if (!closest || fields.length < closest.fields.length) closest = { article, fields };
      }
      if (closest) {
        const found = report(context, position, copy, closest.article, closest.fields);
        if (found) result.push(found);
      }
    });
    return result;
  },
});

/** The copied fields whose value the entry holds and that differ from the article's. */
function differences(copy: CopiedValues, article: CopiedValues): CopiedField[] {
  const fields: CopiedField[] = [];
  for (const { name } of COPIED_FIELDS) {
    const here = copy[name];
    const there = article[name];
    if (here !== undefined && there !== undefined && here !== there) fields.push(name);
  }
  return fields;
}

function report(
  context: ArticleContext,
  position: number,
  copy: CopiedValues,
  article: IndexedArticle,
  fields: CopiedField[],
): Diagnostic | undefined {
  const entry = locate(context, ['related', position]);
  if (!entry) return undefined;
  const { document, text } = context.article;
  // From the entry's first field to the end of its first line: the whole entry would cover the screen.
  const start = entry.range.start;
  const range = { start, end: document.positionAt(lineEnd(text, document.offsetAt(start))) };
  const edits: TextEdit[] = [];
  for (const name of fields) {
    const path = COPIED_FIELDS.find((field) => field.name === name)!.path;
    const place = locate(context, ['related', position, ...path]);
    const value = article.values[name]!;
    if (place) edits.push({ range: place.range, newText: written(place.node, value) });
  }
  const file = context.articles.relativePathOf(article.uri);
  const what = fields.map((name) => describe(name, copy[name], article.values[name])).join('; ');
  return diagnostic(
    staleRelated,
    range,
    `This related entry is an out-of-date copy of \`${file}\`: ${what}`,
    edits.length === fields.length ? { edits } : undefined,
  );
}

/** A value as YAML, in the quoting the entry used where that reads back the same. */
function written(node: unknown, value: CopiedValue): string {
  if (typeof value !== 'string') return String(value);
  const single = isScalar(node) && node.type === Scalar.QUOTE_SINGLE;
  const block = isScalar(node) && (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED);
  // Single quotes cannot hold a line break as written, nor can a block scalar be rewritten in place.
  if ((single && /[\r\n]/.test(value)) || block) return JSON.stringify(value);
  return scalarSource(isScalar(node) ? node : undefined, value);
}

function describe(name: CopiedField, here: CopiedValue | undefined, there: CopiedValue | undefined): string {
  if (name === 'excerpt') return 'the excerpt differs';
  return `the ${name === 'provider.name' ? 'provider' : name} is \u201c${String(there)}\u201d there, \u201c${String(here)}\u201d here`;
}

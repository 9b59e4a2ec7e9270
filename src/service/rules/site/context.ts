import type { Diagnostic, Range } from 'vscode-languageserver-types';
import type { Node } from 'yaml';
import type { ParsedArticle } from '../../yaml/articleDocument';
import type { ContentKind } from '../../schema/catalog';
import type { SiteIndex } from '../../site/taxonomy';
import { nodeAtPath, nodeSpan, type PathSegment } from '../../yaml/nodes';

/** What a site rule sees of the article and the site. */
export interface RuleContext {
  readonly article: ParsedArticle;
  /** The front matter's values (a mapping). */
  readonly data: Record<string, unknown>;
  readonly site: SiteIndex;
  /** The content kind chosen for the article, if any. */
  readonly kind: ContentKind | undefined;
  /** Whether a schema was applied (some rules only speak where no schema did). */
  readonly schemaApplied: boolean;
  /** Offsets of `yes`/`no` values the schema check already reported. */
  readonly reportedBooleans: ReadonlySet<number>;
}

/** A check of the site's own conventions, beyond what a schema can say. */
export type SiteRule = (context: RuleContext) => Diagnostic[] | Promise<Diagnostic[]>;

/** The node at a path and the document range of its value (or of its key when the value is empty). */
export function locate(
  context: RuleContext,
  path: readonly PathSegment[],
): { node: Node | undefined; range: Range } | undefined {
  const yaml = context.article.yaml;
  if (!yaml) return undefined;
  const found = nodeAtPath(yaml, path);
  if (!found) return undefined;
  const span = nodeSpan(found.node);
  const keySpan = nodeSpan(found.ownerKey);
  const chosen = span && span[1] > span[0] ? span : keySpan;
  if (!chosen) return undefined;
  return { node: found.node, range: context.article.range(chosen[0], chosen[1]) };
}

/** The article itself and each of its `related` entries: the places that have a URL and a provider. */
export function linkedEntries(
  data: Record<string, unknown>,
): Array<{ path: PathSegment[]; entry: Record<string, unknown> }> {
  const entries: Array<{ path: PathSegment[]; entry: Record<string, unknown> }> = [{ path: [], entry: data }];
  if (Array.isArray(data.related)) {
    data.related.forEach((entry, index) => {
      if (typeof entry === 'object' && entry !== null && !Array.isArray(entry)) {
        entries.push({ path: ['related', index], entry: entry as Record<string, unknown> });
      }
    });
  }
  return entries;
}

/**
 * Whether any text among the front matter's values (keys excluded) passes `test`: a rule that
 * walks the nodes first asks this of the values, so a clean article never needs its nodes read.
 * When the article's values are kept from one version to the next (`ParsedArticle.valuesKept`),
 * the lists and mappings found to hold no such text are remembered in `clean`, so after a
 * keystroke only the edited entry is looked at again; `clean` must be the same set for the
 * same test. Values read once (a first version read for its values only, as a command-line
 * check reads nearly every file) are not remembered: a weak set that only grows until the
 * next full collection costs more than the walk it would save.
 */
export function someText(
  context: RuleContext,
  test: (text: string) => boolean,
  clean: WeakSet<object>,
): boolean {
  return textIn(context.data, test, context.article.valuesKept ? clean : undefined);
}

function textIn(
  value: unknown,
  test: (text: string) => boolean,
  clean: WeakSet<object> | undefined,
): boolean {
  if (typeof value === 'string') return test(value);
  if (typeof value !== 'object' || value === null || clean?.has(value)) return false;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) if (textIn(value[index], test, clean)) return true;
  } else {
    const record = value as Record<string, unknown>;
    // Plain data from the reader: own, enumerable keys only.
    for (const key in record) if (textIn(record[key], test, clean)) return true;
  }
  clean?.add(value);
  return false;
}

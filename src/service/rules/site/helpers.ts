import type { Range } from 'vscode-languageserver-types';
import type { Node } from 'yaml';
import type { ArticleContext } from '../../context';
import type { ContentKind } from '../../schema/catalog';
import { hostOf } from '../../util/uri';
import { nodeAtPath, nodeSpan, type PathSegment } from '../../yaml/nodes';

/** The node at a path and the document range of its value (or of its key when the value is empty). */
export function locate(
  context: ArticleContext,
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
  context: ArticleContext,
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

const LEARNING_KINDS: ReadonlySet<ContentKind> = new Set(['video', 'course', 'collection']);

/** A `provider` group of the article or of one of its `related` entries, with what its rules compare. */
export interface ProviderEntry {
  /** Where the entry is (empty for the article itself). */
  readonly path: PathSegment[];
  /** The provider's `domain` and `name` as written. */
  readonly domain: string;
  readonly name: unknown;
  /** The host of the entry's `webUrl`, when it has one. */
  readonly host: string | undefined;
  /** Whether `domain` is that host or a parent domain of it (or there is no host to compare). */
  readonly domainMatches: boolean;
}

/**
 * The providers of the article and of its `related` entries that have a `domain`. A learning
 * item's own `webUrl` is its page on this site, and its content is elsewhere (a video
 * platform that hosts every provider): it is left out; its related entries are news.
 */
export function providerEntries(context: ArticleContext): readonly ProviderEntry[] {
  let result = PROVIDER_ENTRIES.get(context);
  if (!result) {
    result = readProviderEntries(context);
    PROVIDER_ENTRIES.set(context, result);
  }
  return result;
}

/** The provider entries of each context, read once for the rules that compare them (one context per version). */
const PROVIDER_ENTRIES = new WeakMap<ArticleContext, readonly ProviderEntry[]>();

function readProviderEntries(context: ArticleContext): ProviderEntry[] {
  const result: ProviderEntry[] = [];
  for (const { path, entry } of linkedEntries(context.data)) {
    if (path.length === 0 && context.kind !== undefined && LEARNING_KINDS.has(context.kind)) continue;
    const provider = entry.provider;
    if (typeof provider !== 'object' || provider === null || Array.isArray(provider)) continue;
    const { domain, name } = provider as Record<string, unknown>;
    if (typeof domain !== 'string') continue;
    const host = hostOf(entry.webUrl);
    const wanted = domain.trim().toLowerCase();
    const domainMatches = !host || host === wanted || host.endsWith('.' + wanted);
    result.push({ path, domain, name, host, domainMatches });
  }
  return result;
}

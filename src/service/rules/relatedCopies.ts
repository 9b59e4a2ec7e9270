import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { ArticleContext } from '../context';
import { urlOf } from '../site/articleRecord';
import { isRecord } from '../util/records';

/**
 * A site rule's findings, less those inside `related` entries that copy an article of the
 * site. Such an entry is a copy the site's tooling makes of another article (its title,
 * excerpt, date, provider, URLs): a problem there is that article's, reported once, in its own
 * file — not again in every article that links to it (176 of 179 provider-name findings of one
 * month of a real site). Once the whole site is indexed, an entry whose article is not on the
 * site (it points elsewhere, or has no `webUrl`) has no other file to be reported in: its
 * findings stay. Until then every entry may be a copy, and its findings are left out.
 */
export function outsideRelatedCopies(context: ArticleContext, found: Diagnostic[]): Diagnostic[] {
  const related = context.data.related;
  if (!Array.isArray(related)) return found;
  const { article } = context;
  const contents = article.yaml?.contents;
  if (!isMap(contents) || !article.block) return found;
  const pair = contents.items.find((item) => isScalar(item.key) && item.key.value === 'related');
  const list = pair?.value as Node | null | undefined;
  const span = list?.range;
  if (!span) return found;
  const base = article.block.contentStart;
  const start = base + span[0];
  const end = base + span[2];
  const index = context.articles;
  const entries = isSeq(list) ? list.items : [];
  /** Whether the entry at `offset` copies an article of the site (or may, while the site is not indexed). */
  const isCopy = (offset: number): boolean => {
    if (!index.wholeSite) return true;
    const position = entries.findIndex((item) => {
      const range = (item as Node | null)?.range;
      return range !== undefined && range !== null && offset >= base + range[0] && offset <= base + range[2];
    });
    if (position < 0) return true;
    const entry: unknown = related[position];
    const webUrl = isRecord(entry) ? urlOf(entry.webUrl) : undefined;
    return webUrl !== undefined && index.articlesAt(webUrl).length > 0;
  };
  return found.filter((item) => {
    const at = article.document.offsetAt(item.range.start);
    return at < start || at > end || !isCopy(at);
  });
}

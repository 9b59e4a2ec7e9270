import { isMap, isScalar, type Node } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { ArticleContext } from '../context';

/**
 * A site rule's findings, less those inside the article's `related` entries. Each entry is a
 * copy the site's tooling makes of another article (its title, excerpt, date, provider, URLs):
 * a problem there is that article's, reported once, in its own file — not again in every
 * article that links to it (176 of 179 provider-name findings of one month of a real site).
 */
export function outsideRelatedCopies(context: ArticleContext, found: Diagnostic[]): Diagnostic[] {
  if (!Array.isArray(context.data.related)) return found;
  const { article } = context;
  const contents = article.yaml?.contents;
  if (!isMap(contents) || !article.block) return found;
  const pair = contents.items.find((item) => isScalar(item.key) && item.key.value === 'related');
  const span = (pair?.value as Node | null | undefined)?.range;
  if (!span) return found;
  const start = article.block.contentStart + span[0];
  const end = article.block.contentStart + span[2];
  return found.filter((item) => {
    const at = article.document.offsetAt(item.range.start);
    return at < start || at > end;
  });
}

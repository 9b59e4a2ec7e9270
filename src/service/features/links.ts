import type { DocumentLink } from 'vscode-languageserver-types';
import type { ParsedArticle } from '../yaml/articleDocument';
import { webAddress } from '../util/uri';
import { forEachScalar } from '../yaml/nodes';
import { scalarTextSpan } from '../yaml/spans';

/**
 * A link on every web address among the front matter's values — `webUrl`, `ampWebUrl`, image
 * `url`s, the related articles' addresses, provider logos — wherever it is. Only `http:` and
 * `https:` addresses become links; the range is the address as written, inside its quotes.
 */
export function computeLinks(article: ParsedArticle): DocumentLink[] {
  const { block, yaml } = article;
  if (!block || !yaml) return [];
  const source = article.source;
  const links: DocumentLink[] = [];
  forEachScalar(yaml.contents, (scalar) => {
    if (typeof scalar.value !== 'string') return;
    const target = webAddress(scalar.value, ADDRESS_CHAR);
    if (!target) return;
    const span = scalarTextSpan(scalar, source);
    if (span) links.push({ range: article.range(...span), target });
  });
  return links;
}

/** A character that may stand as it is in an address (RFC 3986's unreserved and reserved ones). */
/** What a link target may hold as it is: everything else is percent-encoded. */
const ADDRESS_CHAR = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]$/;

import type { DocumentLink } from 'vscode-languageserver-types';
import type { ParsedArticle } from './articleDocument';
import { forEachScalar } from './yamlNodes';
import { scalarTextSpan } from './yamlSpans';

/**
 * A link on every web address among the front matter's values — `webUrl`, `ampWebUrl`, image
 * `url`s, the related articles' addresses, provider logos — wherever it is. Only `http:` and
 * `https:` addresses become links; the range is the address as written, inside its quotes.
 */
export function computeLinks(article: ParsedArticle): DocumentLink[] {
  const { block, yaml } = article;
  if (!block || !yaml) return [];
  const source = article.text.slice(block.contentStart, block.contentEnd);
  const links: DocumentLink[] = [];
  forEachScalar(yaml.contents, (scalar) => {
    if (typeof scalar.value !== 'string') return;
    const target = webAddress(scalar.value);
    if (!target) return;
    const span = scalarTextSpan(scalar, source);
    if (span) links.push({ range: article.range(...span), target });
  });
  return links;
}

/** A character that may stand as it is in an address (RFC 3986's unreserved and reserved ones). */
const ADDRESS_CHAR = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]$/;

/**
 * The link target for a value, or `undefined` when it is not an `http:` or `https:` address.
 * Spaces and other characters an address cannot hold are percent-encoded; escapes already
 * written (`%20`) are kept.
 */
function webAddress(value: string): string | undefined {
  const trimmed = value.trim();
  if (!/^https?:\/\/[^\s/?#\\@]/i.test(trimmed)) return undefined;
  let encoded = '';
  for (let i = 0; i < trimmed.length;) {
    const char = String.fromCodePoint(trimmed.codePointAt(i)!);
    i += char.length;
    if (ADDRESS_CHAR.test(char)) encoded += char;
    else if (char === '%' && /^[0-9A-Fa-f]{2}$/.test(trimmed.slice(i, i + 2))) encoded += char;
    else if (char.charCodeAt(0) < 0x80)
      encoded += '%' + char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0');
    else if (char.length === 1 && char >= '\ud800' && char <= '\udfff') return undefined;
    else encoded += encodeURIComponent(char);
  }
  return encoded;
}

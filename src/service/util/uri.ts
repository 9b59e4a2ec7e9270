/** Small helpers for the URI strings the service passes around (no Node `path` here). */

/** Joins a folder URI and a relative path of `/`-separated segments. */
export function joinUri(base: string, relativePath: string): string {
  const segments = relativePath.split('/').filter((part) => part !== '' && part !== '.');
  let result = base.replace(/\/+$/, '');
  for (const segment of segments) {
    if (segment === '..') result = parentUri(result);
    else result += '/' + encodeURIComponent(wellFormed(segment));
  }
  return result;
}

/** Half of a surrogate pair without its other half: no URI (and no file name) can hold one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/** Whether a text holds a lone surrogate, which no URI or file name can hold. */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/** The text with lone surrogates replaced by U+FFFD. */
function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATES, '\ufffd');
}

/** The URI of the folder holding this one. */
export function parentUri(uri: string): string {
  const trimmed = uri.replace(/\/+$/, '');
  const slash = trimmed.lastIndexOf('/');
  return slash > trimmed.indexOf('//') + 1 ? trimmed.slice(0, slash) : trimmed;
}

/** The `/`-separated path of `uri` below `root`, decoded, or `undefined` when it is not inside it. */
export function relativePath(root: string, uri: string): string | undefined {
  if (root !== lastRoot.root) lastRoot = { root, base: normalize(root).replace(/\/+$/, '') + '/' };
  const base = lastRoot.base;
  const target = normalize(uri);
  if (!target.startsWith(base)) return undefined;
  return target.slice(base.length);
}

/** The base of the last root asked for: a service asks again and again for the same. */
let lastRoot = { root: '', base: '/' };

/** The last segment of a URI, decoded. */
export function baseName(uri: string): string {
  const trimmed = uri.replace(/\/+$/, '');
  return safeDecode(trimmed.slice(trimmed.lastIndexOf('/') + 1));
}

function normalize(uri: string): string {
  // Hosts encode differently (`%3A` or `:`), so compare decoded text.
  return safeDecode(uri);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * A value as the address of a link or picture, or `undefined` when it is not an `http:` or
 * `https:` address. Characters outside `allowed` are percent-encoded; a `%` outside
 * `allowed` is kept only where it starts an escape already written (`%20`).
 */
export function webAddress(value: string, allowed: RegExp): string | undefined {
  const trimmed = value.trim();
  if (!/^https?:\/\/[^\s/?#\\@]/i.test(trimmed)) return undefined;
  let encoded = '';
  for (let i = 0; i < trimmed.length;) {
    const char = String.fromCodePoint(trimmed.codePointAt(i)!);
    i += char.length;
    if (allowed.test(char)) encoded += char;
    else if (char === '%' && /^[0-9A-Fa-f]{2}$/.test(trimmed.slice(i, i + 2))) encoded += char;
    else if (char.charCodeAt(0) < 0x80)
      encoded += '%' + char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0');
    else if (char.length === 1 && char >= '\ud800' && char <= '\udfff') return undefined;
    else encoded += encodeURIComponent(char);
  }
  return encoded;
}

/** The host of an http(s) URL, lower-cased, or `undefined` when it is not one. */
export function hostOf(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  const match = /^https?:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]+)/i.exec(url.trim());
  return match ? match[1].toLowerCase().replace(/\.$/, '') : undefined;
}

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

/** The text with lone surrogates (which no URI can hold) replaced by U+FFFD. */
function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** The URI of the folder holding this one. */
export function parentUri(uri: string): string {
  const trimmed = uri.replace(/\/+$/, '');
  const slash = trimmed.lastIndexOf('/');
  return slash > trimmed.indexOf('//') + 1 ? trimmed.slice(0, slash) : trimmed;
}

/** The `/`-separated path of `uri` below `root`, decoded, or `undefined` when it is not inside it. */
export function relativePath(root: string, uri: string): string | undefined {
  const base = normalize(root).replace(/\/+$/, '') + '/';
  const target = normalize(uri);
  if (!target.startsWith(base)) return undefined;
  return target.slice(base.length);
}

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

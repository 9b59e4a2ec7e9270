/** The few URI operations the host layer needs; locations are URI strings, never paths. */

/** The URI of the folder holding `uri`, or `undefined` when `uri` is the top folder. */
export function parentFolder(uri: string): string | undefined {
  const authority = uri.indexOf('//');
  const pathStart = uri.indexOf('/', authority < 0 ? uri.indexOf(':') + 1 : authority + 2);
  if (pathStart < 0) return undefined;
  const path = uri.slice(pathStart).replace(/\/+$/, '');
  if (path === '') return undefined;
  return uri.slice(0, pathStart) + (path.slice(0, path.lastIndexOf('/')) || '/');
}

/** The URI of `name` in the folder `folder` (`name` is encoded as one path segment). */
export function childUri(folder: string, name: string): string {
  return `${folder.replace(/\/+$/, '')}/${encodeURIComponent(name)}`;
}

/** The last segment of a URI, decoded. */
export function lastSegment(uri: string): string {
  const trimmed = uri.replace(/\/+$/, '');
  return decoded(trimmed.slice(trimmed.lastIndexOf('/') + 1));
}

/**
 * The `/`-separated path of `uri` below the folder `folder`, decoded; `''` for the folder
 * itself; `undefined` when `uri` is not inside it.
 */
export function pathBelow(folder: string, uri: string): string | undefined {
  const base = decoded(folder).replace(/\/+$/, '');
  const target = decoded(uri).replace(/\/+$/, '');
  if (target === base) return '';
  return target.startsWith(base + '/') ? target.slice(base.length + 1) : undefined;
}

/** Text with its `%` escapes decoded: hosts encode differently (`%3A` or `:`). */
function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

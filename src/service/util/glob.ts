const cache = new Map<string, RegExp>();

/**
 * Whether a `/`-separated relative path matches a glob as `json.schemas` uses them:
 * `*` and `?` within a segment, `**` across segments, `{a,b}` alternatives. A glob
 * without a `/` matches the file name in any folder.
 */
export function matchesGlob(glob: string, path: string): boolean {
  let pattern = cache.get(glob);
  if (!pattern) {
    pattern = globToRegExp(glob);
    cache.set(glob, pattern);
  }
  return pattern.test(path);
}

function globToRegExp(glob: string): RegExp {
  let source = glob.replace(/^\.?\//, '');
  if (!source.includes('/')) source = '**/' + source;
  let out = '';
  let inBraces = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '*') {
      if (source[i + 1] === '*') {
        const followedBySlash = source[i + 2] === '/';
        out += followedBySlash ? '(?:.*/)?' : '.*';
        i += followedBySlash ? 2 : 1;
      } else {
        out += '[^/]*';
      }
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '{') {
      inBraces = true;
      out += '(?:';
    } else if (c === '}' && inBraces) {
      inBraces = false;
      out += ')';
    } else if (c === ',' && inBraces) {
      out += '|';
    } else {
      out += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${out}$`);
}

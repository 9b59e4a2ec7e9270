import { Buffer } from 'node:buffer';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import type { EntryKind, SiteWorkspace } from '../service/types';

/**
 * A workspace that reads the site from the local disk. Reads are synchronous: the site's
 * files are small and many, and fs/promises costs several times more per file.
 * @param siteRoot the folder holding the site's `_config.yml` and `_data`.
 */
export function createNodeWorkspace(siteRoot: string): SiteWorkspace {
  const rootPath = path.resolve(siteRoot);
  const root = pathToFileURL(rootPath).href.replace(/\/+$/, '');
  const rootPrefix = root + '/';
  const pathPrefix = rootPath.endsWith(path.sep) ? rootPath.slice(0, -1) : rootPath;
  /**
   * The path of a URI. Inside the site, with nothing encoded after the root, it is the root's
   * path and the rest as is (POSIX): no URL to parse for each of the taxonomy's files.
   */
  const toPath = (uri: string): string => {
    if (path.sep === '/' && uri.startsWith(rootPrefix) && !uri.includes('%', rootPrefix.length)) {
      return pathPrefix + uri.slice(root.length);
    }
    return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
  };
  return {
    root,
    async readFile(uri) {
      try {
        return readFileSync(toPath(uri), 'utf8');
      } catch {
        return undefined;
      }
    },
    async readFileWithout(uri, key) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(toPath(uri));
      } catch {
        return undefined;
      }
      const text = textWithout(bytes, key);
      return text === undefined ? undefined : { text, bytes: bytes.length };
    },
    async readDirectory(uri) {
      try {
        const entries = readdirSync(toPath(uri), { withFileTypes: true });
        return entries
          .filter((entry) => entry.isFile() || entry.isDirectory())
          .map((entry): [string, EntryKind] => [entry.name, entry.isDirectory() ? 'directory' : 'file']);
      } catch {
        return [];
      }
    },
  };
}

/** The `file:` URI of a local path. */
export function fileUri(filePath: string): string {
  return pathToFileURL(path.resolve(filePath)).href;
}

const LF = 10;
const CR = 13;
const SPACE = 32;
const HASH = 35;
const DASH = 45;
const DOT = 46;

/**
 * The text of a file without the block of the top-level `key:` in its front matter, found in
 * the bytes: the text before the `key:` line, the lines from the next one at the left margin
 * (what `withoutRelated` in the service keeps), then the closing line as `---`. Only the
 * plainest shape is cut, anything else gives `undefined` (the whole text is then read): the
 * `key:` line alone with nothing after the colon, no carriage return, the block's lines
 * starting with a space, `-` or `#` (or blank), no line after it starting with `title`, and a
 * closing line. A line break is never inside a character in UTF-8, so decoding the parts
 * gives the characters the whole text has there.
 */
export function textWithout(bytes: Buffer, key: string): string | undefined {
  const needle = `\n${key}:`;
  const at = bytes.indexOf(needle, 0, 'latin1');
  if (at < 0) return undefined;
  let end = at + needle.length;
  while (bytes[end] === SPACE) end++;
  if (bytes[end] !== LF) return undefined;
  const blockStart = at + 1;
  // The block's lines, until a line at the left margin (its end) or the closing line.
  let line = end + 1;
  let after = -1;
  for (;;) {
    if (line >= bytes.length) return undefined;
    if (isClosingLine(bytes, line)) break;
    const c = bytes[line];
    if (c !== SPACE && c !== DASH && c !== HASH && c !== LF) {
      // Other blanks (tabs, non-ASCII spaces) are left to the whole text.
      if (c < 33 || c >= 0x80) return undefined;
      if (after < 0) after = line;
    }
    if (after >= 0 && bytes.indexOf('title', line, 'latin1') === line) return undefined;
    const next = bytes.indexOf(LF, line);
    if (next < 0) return undefined;
    line = next + 1;
  }
  const close = line;
  // A carriage return, or a line or paragraph separator, also starts a line for the service.
  for (const breaking of [CR, '\u2028', '\u2029']) {
    const found = bytes.indexOf(breaking);
    if (found >= 0 && found < close) return undefined;
  }
  const head = bytes.toString('utf8', 0, blockStart);
  const rest = after < 0 ? '' : bytes.toString('utf8', after, close);
  return `${head}${rest}---\n`;
}

/** Whether the line starting at `at` is a closing marker: `---` or `...`, then blanks or nothing. */
function isClosingLine(bytes: Buffer, at: number): boolean {
  const c = bytes[at];
  if ((c !== DASH && c !== DOT) || bytes[at + 1] !== c || bytes[at + 2] !== c) return false;
  for (let i = at + 3; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === LF) return true;
    if (b !== SPACE && b !== 9) return false;
  }
  return true;
}

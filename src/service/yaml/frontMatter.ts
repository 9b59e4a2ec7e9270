/** Where an article's front matter is, as offsets into the whole document text. */
export interface FrontMatterBlock {
  /** Offset of the opening `---` (1 when the file starts with a byte order mark). */
  readonly openStart: number;
  /** Offset just after the opening `---` line's text (before its line break). */
  readonly openEnd: number;
  /** Offset of the first character of the YAML (the line after the opening `---`). */
  readonly contentStart: number;
  /** Offset just after the YAML: the line break before the closing marker, or the end of the text. */
  readonly contentEnd: number;
  /** Whether a closing `---` or `...` line was found. */
  readonly closed: boolean;
}

// Sticky: V8 would otherwise try a `^`-anchored pattern at every position of a 142 KB text.
const OPENING = /\uFEFF?---[ \t]*(?:\r\n|\n|\r|$)/y;

/**
 * Finds the front matter: an opening `---` on the first line and a closing `---` or `...` line.
 * Returns `undefined` when the document has no front matter at all.
 */
export function locateFrontMatter(text: string): FrontMatterBlock | undefined {
  OPENING.lastIndex = 0;
  const open = OPENING.exec(text);
  if (!open) return undefined;
  const openStart = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const openEnd = openStart + 3;
  const contentStart = open[0].length;
  // An empty front matter: the closing marker is the very next line.
  if (closingAt(text, contentStart)) {
    return { openStart, openEnd, contentStart, contentEnd: contentStart, closed: true };
  }
  // The closing marker: `---` or `...` alone on a line (trailing blanks allowed).
  CLOSING.lastIndex = contentStart;
  const close = CLOSING.exec(text);
  if (close) return { openStart, openEnd, contentStart, contentEnd: close.index, closed: true };
  return { openStart, openEnd, contentStart, contentEnd: text.length, closed: false };
}

const CLOSING = /(?:\r\n|\n|\r)(?:---|\.\.\.)[ \t]*(?=\r|\n|$)/g;

/** A closing marker: `---` or `...` alone on its line (trailing blanks allowed). */
function closingAt(text: string, at: number): boolean {
  const marker = text.slice(at, at + 3);
  if (marker !== '---' && marker !== '...') return false;
  for (let i = at + 3; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return true;
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

import { type Range } from 'vscode-languageserver-types';
import type { ArticleContext } from '../../context';
import { type JsonSchema } from '../../schema/navigation';
import { type PathSegment } from '../../yaml/nodes';

/** A key or a list marker on a line of the front matter. */
export interface Entry {
  readonly kind: 'key' | 'item';
  /** The column of the key's first character, or of the `-`. */
  readonly column: number;
  /** The key's name (unquoted); empty for a list marker. */
  readonly name: string;
  /** Just after the key's text (before blanks and the colon), or after the `-`. */
  readonly nameEnd: number;
  /** Just after the colon, or after the `-`. */
  readonly markEnd: number;
  /** Where the value written on the line starts (its first non-blank), and where it ends (comment excluded). */
  readonly valueStart: number;
  readonly valueEnd: number;
}

export interface OutlineLine {
  readonly text: string;
  /** Keys and list markers, left to right; none for blank lines, comments and block scalar text. */
  readonly entries: Entry[];
  /**
   * For a line of a `|` or `>` block scalar's text: the column its key is at (a blank line there
   * may as well start a new key left of it); -1 for other lines.
   */
  readonly scalarAbove: number;
}

/** An entry and the line (of the front matter) it is on. */
export interface Located {
  readonly line: number;
  readonly entry: Entry;
}

/** The mapping or list holding a key or a list item, found by indentation. */
interface Container {
  /** The path of the mapping or list (the path of its owning key or item). */
  readonly path: PathSegment[];
  /** The key or list item that owns it; `undefined` for the front matter's top level. */
  readonly owner: Located | undefined;
  /** For a list item: how many items come before it in its list. */
  readonly index: number;
}

/** Where completion was asked: the cursor, and the front matter around it. */
export interface Place {
  readonly context: ArticleContext;
  readonly root: JsonSchema | undefined;
  readonly outline: OutlineLine[];
  /** The cursor's line in the front matter (0 = the line after `---`), and its column. */
  readonly line: number;
  readonly column: number;
  /** The document line of the front matter's first line. */
  readonly firstLine: number;
  /** The document's line break, for lines added by an edit. */
  readonly eol: string;
  /** For a collection: the learning items its `items` may name (`videos/<name>`, `courses/<name>`). */
  readonly learningItems: readonly string[];
}

/* ---------- The outline ---------- */

const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#:'"[\]{},&*!|>%@`?-][^:#]*?)[ \t]*:(?=[ \t]|$)/;

export function outlineOf(texts: string[]): OutlineLine[] {
  const outline: OutlineLine[] = [];
  // Lines indented deeper than this are the text of a block scalar (`excerpt: >`).
  let scalarAbove = -1;
  for (const text of texts) {
    const indent = firstNonBlank(text);
    if (scalarAbove >= 0 && (indent === text.length || indent > scalarAbove)) {
      outline.push({ text, entries: [], scalarAbove });
      continue;
    }
    scalarAbove = -1;
    const entries = entriesOf(text);
    const last = entries.at(-1);
    if (last && /^[|>][-+0-9]*$/.test(text.slice(last.valueStart, last.valueEnd))) scalarAbove = last.column;
    outline.push({ text, entries, scalarAbove: -1 });
  }
  return outline;
}

/** The list markers and the key of one line. */
function entriesOf(text: string): Entry[] {
  const entries: Entry[] = [];
  let at = firstNonBlank(text);
  while (text[at] === '-' && (at + 1 === text.length || /[ \t]/.test(text[at + 1]))) {
    const next = firstNonBlank(text, at + 1);
    entries.push({
      kind: 'item',
      column: at,
      name: '',
      nameEnd: at + 1,
      markEnd: at + 1,
      ...valueAt(text, next),
    });
    at = next;
  }
  const key = at < text.length && text[at] !== '#' ? KEY.exec(text.slice(at)) : null;
  if (key) {
    const markEnd = at + key[0].length;
    entries.push({
      kind: 'key',
      column: at,
      name: unquote(key[1]),
      nameEnd: at + key[1].length,
      markEnd,
      ...valueAt(text, firstNonBlank(text, markEnd)),
    });
  }
  // A marker followed by more on its line holds a list or a mapping, not text.
  return entries.map((entry, i) =>
    i < entries.length - 1
      ? { ...entry, valueStart: entries[i + 1].column, valueEnd: entries[i + 1].column }
      : entry,
  );
}

/** Where a value written from `start` ends: before a comment and trailing blanks. */
function valueAt(text: string, start: number): { valueStart: number; valueEnd: number } {
  let scanFrom = start;
  const quote = text[start];
  if (quote === '"' || quote === "'") {
    let i = start + 1;
    while (i < text.length) {
      if (quote === '"' && text[i] === '\\') i += 2;
      else if (text[i] === quote && quote === "'" && text[i + 1] === "'") i += 2;
      else if (text[i] === quote) break;
      else i++;
    }
    scanFrom = Math.min(i + 1, text.length);
  }
  let end = start;
  if (text[start] !== '#') {
    const comment = text.slice(scanFrom).search(/[ \t]#/);
    end = comment < 0 ? text.length : scanFrom + comment;
  }
  return { valueStart: start, valueEnd: start + text.slice(start, end).trimEnd().length };
}

/** Where an edit of a key's value should end: the value's end, or the end of blanks when it has none. */
export function valueReplaceEnd(text: string, entry: Entry): number {
  if (entry.valueEnd > entry.valueStart) return entry.valueEnd;
  return entry.valueStart < text.length ? entry.markEnd : text.length;
}

/**
 * The mapping or list that holds a key (or an item) at `column` on `line`, found by walking up
 * to the nearest key or list marker to its left. `left`: the entries before it on its line.
 */
export function containerOf(
  outline: OutlineLine[],
  line: number,
  left: Entry[],
  column: number,
  kind: Entry['kind'],
): Container {
  let siblings = 0;
  for (let l = line; l >= 0; l--) {
    const entries = l === line ? left : outline[l].entries;
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i];
      if (kind === 'item' && entry.kind === 'item' && entry.column === column) {
        siblings++;
        continue;
      }
      const owns =
        entry.column < column || (kind === 'item' && entry.kind === 'key' && entry.column === column);
      if (!owns) continue;
      const above = containerOf(outline, l, entries.slice(0, i), entry.column, entry.kind);
      const segment = entry.kind === 'key' ? entry.name : above.index;
      return { path: [...above.path, segment], owner: { line: l, entry }, index: siblings };
    }
  }
  return { path: [], owner: undefined, index: siblings };
}

/** The lines (and, on the owner's line, the entries right of it) that belong to a container. */
function* membersOf(outline: OutlineLine[], owner: Located | undefined): Generator<Located> {
  const start = owner?.line ?? 0;
  for (let l = start; l < outline.length; l++) {
    const entries = outline[l].entries;
    if (owner && l === start) {
      for (const entry of entries.slice(entries.indexOf(owner.entry) + 1)) yield { line: l, entry };
      continue;
    }
    const first = entries[0];
    if (owner && first) {
      const compactList = owner.entry.kind === 'key' && first.kind === 'item';
      if (first.column < owner.entry.column || (first.column === owner.entry.column && !compactList)) return;
    }
    for (const entry of entries) yield { line: l, entry };
  }
}

/** The keys a mapping already has at `column` (the cursor's line left out unless asked). */
export function keysIn(
  place: Place,
  owner: Located | undefined,
  column: number,
  withCursorLine = false,
): Map<string, Located> {
  const keys = new Map<string, Located>();
  for (const member of membersOf(place.outline, owner)) {
    if (member.entry.kind !== 'key' || member.entry.column !== column) continue;
    if (member.line === place.line && !withCursorLine) continue;
    if (!keys.has(member.entry.name)) keys.set(member.entry.name, member);
  }
  return keys;
}

/** The values already in a list (`- value` lines at `column`), the cursor's line left out. */
export function itemsIn(place: Place, owner: Located | undefined, column: number): Set<string> {
  const values = new Set<string>();
  for (const { line, entry } of membersOf(place.outline, owner)) {
    if (entry.kind !== 'item' || entry.column !== column || line === place.line) continue;
    const text = place.outline[line].text.slice(entry.valueStart, entry.valueEnd);
    if (text) values.add(unquote(text));
  }
  return values;
}

/* ---------- Small helpers ---------- */

export function rangeOn(place: Place, span: { start: number; end: number }): Range {
  const line = place.firstLine + place.line;
  return { start: { line, character: span.start }, end: { line, character: span.end } };
}

export function firstNonBlank(text: string, from = 0): number {
  let i = from;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

/** The end of a line's text, before a comment and trailing blanks. */
export function trimmedEnd(text: string): number {
  return valueAt(text, firstNonBlank(text)).valueEnd;
}

export function isPartialKey(text: string): boolean {
  return /^([A-Za-z_$][\w$.-]*)?$/.test(text);
}

export function unquote(text: string): string {
  if (text.length >= 2 && text.startsWith("'") && text.endsWith("'")) {
    return text.slice(1, -1).replace(/''/g, "'");
  }
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) {
    try {
      return String(JSON.parse(text));
    } catch {
      return text.slice(1, -1);
    }
  }
  return text;
}

/** The width of one level of indentation in snippets (the site's files use two spaces). */
export const INDENT = '  ';

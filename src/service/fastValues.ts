import { isIndicator, resolvePlain, unescapeDouble } from './fastYaml';

/**
 * The values of the commonest front matter, read line by line with a few regular
 * expressions: what checking an article that turns out clean needs, and what a command-line
 * check of a folder does for every file before anything else. No nodes, no ranges.
 *
 * It reads a strict subset of what the fast reader (`fastYaml.ts`) reads — `key: value`
 * lines, nested mappings, lists of scalars and of mappings, one-line scalars without escapes —
 * into the same values, and gives up (`undefined`) on anything else, which the fast reader or
 * the `yaml` package then reads. Tests hold it to that on the corpus and on fuzzed sources.
 *
 * Lines are offsets into the source, and keys are matched in place (sticky expressions): no
 * string or object is made per line but the keys and values themselves.
 */
export function readFastValues(source: string): { readonly value: Record<string, unknown> } | undefined {
  // Tabs, carriage returns and a byte order mark: left to the readers that explain them. Line
  // and paragraph separators too: every other line is then content, blank or a comment.
  if (/[\t\r\uFEFF\u2028\u2029]/.test(source)) return undefined;
  const lines = LINES;
  lines.count = 0;
  for (let at = 0; at <= source.length;) {
    let end = source.indexOf('\n', at);
    if (end < 0) end = source.length;
    let start = at;
    while (start < end && source.charCodeAt(start) === 32 /* space */) start++;
    if (start < end && source.charCodeAt(start) !== 35 /* # */) lines.add(start, end, start - at);
    at = end + 1;
  }
  if (lines.count === 0 || lines.indents[0] !== 0) return undefined;
  try {
    const reader = new LineReader(source, lines);
    const value = reader.map(0, 0, lines.starts[0]);
    return reader.at === lines.count ? { value } : undefined;
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}

/**
 * The lines with content (not blank, not only a comment): where each starts and ends, and its
 * indentation. One set of arrays serves every read (reads are synchronous): nothing to
 * allocate per line or per read.
 */
class Lines {
  starts = new Int32Array(256);
  ends = new Int32Array(256);
  indents = new Int32Array(256);
  count = 0;

  add(start: number, end: number, indent: number): void {
    if (this.count === this.starts.length) this.grow();
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.indents[this.count] = indent;
    this.count++;
  }

  private grow(): void {
    const larger = (array: Int32Array): Int32Array => {
      const copy = new Int32Array(array.length * 2);
      copy.set(array);
      return copy;
    };
    this.starts = larger(this.starts);
    this.ends = larger(this.ends);
    this.indents = larger(this.indents);
  }
}

const LINES = new Lines();

/**
 * `key:`, keys of the common kind only. Sticky, matched where a line's text starts, and only
 * tested (`lastIndex` then says where it ends): no match array per line.
 */
const KEY = /[A-Za-z_][A-Za-z0-9_-]*:/y;
/** Quoted scalars (single-quoted without doubled quotes), then blanks or a comment. */
const DOUBLE_QUOTED = /^"((?:[^"\\]|\\.)*)"(?: +#.*| *)$/;
const SINGLE_QUOTED = /^'([^']*)'(?: *| +#.*)$/;
/** Keys the YAML 1.2 core schema reads as something other than text. */
const NOT_TEXT_KEYS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);
/** Shallower than the fast reader's limit, so that this reader never reads what that one leaves. */
const MAX_DEPTH = 32;

const GIVE_UP = new Error('not the common kind of front matter');
const give = (): never => {
  throw GIVE_UP;
};

class LineReader {
  /** The next line to read. */
  at = 0;
  /** After `pairAt`: where the pair's value starts (the end of its line when it has none there). */
  private valueStart = 0;

  constructor(
    private readonly source: string,
    private readonly lines: Lines,
  ) {}

  /**
   * A mapping whose keys are at `indent`; its first pair starts at offset `first` of the line
   * `at` (a line of its own, or the text after a list entry's dash).
   */
  map(indent: number, depth: number, first: number): Record<string, unknown> {
    if (depth > MAX_DEPTH) give();
    const { source, lines } = this;
    const value: Record<string, unknown> = {};
    let start = first;
    for (;;) {
      const end = lines.ends[this.at];
      const key = this.pairAt(start, end) ?? give();
      // A key seen before, or named like what every object has (`__proto__`, `toString`…):
      // left to the other readers. No value read here is `undefined`.
      if (value[key] !== undefined || (key.length <= 5 && NOT_TEXT_KEYS.has(key))) give();
      const rest = this.valueStart;
      this.at++;
      const next = this.at;
      const hasNext = next < lines.count;
      if (rest === end) {
        // The value is on the following lines, more indented, or there is none.
        if (hasNext && lines.indents[next] > indent) {
          value[key] = this.isDashSpace(next)
            ? this.list(lines.indents[next], depth + 1)
            : this.map(lines.indents[next], depth + 1, lines.starts[next]);
        } else if (hasNext && lines.indents[next] === indent && this.isDash(next)) {
          give(); // a list at the key's own indentation
        } else {
          value[key] = null;
        }
      } else {
        if (source.charCodeAt(rest) === 35 /* # */) give(); // a comment after an empty value
        value[key] = scalar(source, rest, end);
        if (hasNext && lines.indents[next] > indent) give(); // a multi-line scalar
      }
      const after = this.at;
      if (after >= lines.count || lines.indents[after] < indent) return value;
      if (lines.indents[after] > indent || this.isDash(after)) give();
      start = lines.starts[after];
    }
  }

  /** A list whose dashes are at `indent`. */
  private list(indent: number, depth: number): unknown[] {
    if (depth > MAX_DEPTH) give();
    const { source, lines } = this;
    const items: unknown[] = [];
    for (;;) {
      const line = this.at;
      if (!this.isDashSpace(line)) give();
      const end = lines.ends[line];
      let start = lines.starts[line] + 2;
      while (start < end && source.charCodeAt(start) === 32) start++;
      // A nested block, or `- - x`.
      if (start === end || source.charCodeAt(start) === 35 /* # */ || this.isDashAt(start, end)) give();
      const column = indent + start - lines.starts[line];
      if (this.pairAt(start, end) !== undefined) {
        items.push(this.map(column, depth + 1, start));
      } else {
        const text = source.slice(start, end);
        // Text that would be a pair of another kind of key is left to the other readers.
        if (text.includes(': ') || / *:$/.test(text.replace(/ +#.*$/, ''))) give();
        items.push(scalar(source, start, end, text));
        this.at++;
        if (this.at < lines.count && lines.indents[this.at] > indent) give(); // a multi-line scalar
      }
      const after = this.at;
      if (after >= lines.count || lines.indents[after] < indent) return items;
      if (lines.indents[after] > indent) give();
      if (!this.isDash(after)) return items;
    }
  }

  /**
   * The key of the pair at `start` (`key:` then the end of the line, or blanks and the value),
   * setting `valueStart`; `undefined` when the text there is not such a pair.
   */
  private pairAt(start: number, end: number): string | undefined {
    const source = this.source;
    KEY.lastIndex = start;
    if (!KEY.test(source)) return undefined;
    const colon = KEY.lastIndex;
    let after = colon;
    while (after < end && source.charCodeAt(after) === 32 /* space */) after++;
    if (after < end && after === colon) return undefined; // `key:value`
    this.valueStart = after;
    return source.slice(start, colon - 1);
  }

  /** Whether the line is `-` alone or `- ` and more. */
  private isDash(line: number): boolean {
    return this.isDashAt(this.lines.starts[line], this.lines.ends[line]);
  }

  private isDashAt(start: number, end: number): boolean {
    return (
      this.source.charCodeAt(start) === 45 /* - */ &&
      (start + 1 === end || this.source.charCodeAt(start + 1) === 32)
    );
  }

  /** Whether the line is `- ` and more: a list entry. */
  private isDashSpace(line: number): boolean {
    const start = this.lines.starts[line];
    return (
      this.source.charCodeAt(start) === 45 /* - */ &&
      start + 1 < this.lines.ends[line] &&
      this.source.charCodeAt(start + 1) === 32
    );
  }
}

/**
 * A one-line scalar (then maybe a comment), as the fast reader reads it; else give up.
 * @param start where it starts in `source`; `end`, where its line ends.
 * @param line the text from `start` to `end`, when the caller has it already.
 */
function scalar(source: string, start: number, end: number, line?: string): unknown {
  const c = source.charCodeAt(start);
  if (c === 34 /* " */) {
    // The common case, the whole text in quotes without escapes, without an expression.
    if (source.indexOf('"', start + 1) === end - 1) {
      const body = source.slice(start + 1, end - 1);
      if (!body.includes('\\')) return body;
    }
    const quoted = DOUBLE_QUOTED.exec(line ?? source.slice(start, end));
    if (!quoted) give();
    try {
      return unescapeDouble(quoted![1]);
    } catch {
      return give(); // an escape YAML does not have
    }
  }
  if (c === 39 /* ' */) {
    if (source.indexOf("'", start + 1) === end - 1) return source.slice(start + 1, end - 1);
    const quoted = SINGLE_QUOTED.exec(line ?? source.slice(start, end));
    return quoted ? quoted[1] : give();
  }
  if (isIndicator(c, end - start > 1 ? source.charCodeAt(start + 1) : NaN)) give();
  // Searched in the line's text only: a search in `source` would run to its end on every line.
  const text = line ?? source.slice(start, end);
  const comment = text.indexOf(' #');
  let raw = comment < 0 ? text : text.slice(0, comment);
  if (raw.endsWith(' ')) raw = raw.replace(/ +$/, '');
  if (raw.includes(': ') || raw.endsWith(':')) give();
  return resolvePlain(raw);
}

import { FAST_READERS, isIndicator, MAX_KEY_LENGTH, resolvePlain, unescapeDouble } from './fastYaml';

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
  if (!FAST_READERS.enabled || /[\t\r\uFEFF\u2028\u2029]/.test(source)) return undefined;
  lineCount = 0;
  // Each content line found by its first character (spaces, then not a space, `#` or line end).
  CONTENT.lastIndex = 0;
  while (CONTENT.test(source)) {
    const start = CONTENT.lastIndex - 1;
    let end = source.indexOf('\n', start);
    if (end < 0) end = source.length;
    addLine(start, end, start - (source.lastIndexOf('\n', start) + 1));
    CONTENT.lastIndex = end;
  }
  readSource = source;
  nextLine = 0;
  try {
    if (lineCount === 0 || indents[0] !== 0) return undefined;
    const value = readMap(0, 0, starts[0]);
    return nextLine === lineCount ? { value } : undefined;
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  } finally {
    readSource = '';
    // A rare large front matter (the arrays grow to its line count) is not kept for good.
    if (starts.length > MAX_KEPT_LINES) {
      starts = new Int32Array(256);
      ends = new Int32Array(256);
      indents = new Int32Array(256);
    }
  }
}

// The state of a read, in module variables rather than an object's fields: reads are
// synchronous and never nested, and a variable costs less than a field in code that V8 has
// not optimized yet, which is most of a command-line run.
/** The source being read. */
let readSource = '';
/** The next content line to read. */
let nextLine = 0;
/** The content lines (not blank, not only a comment): how many, where each starts and ends, its indentation. */
let lineCount = 0;
/** Arrays longer than this are dropped after the read that needed them. */
const MAX_KEPT_LINES = 4096;
let starts: Int32Array = new Int32Array(256);
let ends: Int32Array = new Int32Array(256);
let indents: Int32Array = new Int32Array(256);

function addLine(start: number, end: number, indent: number): void {
  if (lineCount === starts.length) {
    const larger = (array: Int32Array): Int32Array => {
      const copy = new Int32Array(array.length * 2);
      copy.set(array);
      return copy;
    };
    starts = larger(starts);
    ends = larger(ends);
    indents = larger(indents);
  }
  starts[lineCount] = start;
  ends[lineCount] = end;
  indents[lineCount] = indent;
  lineCount++;
}

/** A content line's first character: at a line's start, spaces, then not a space, `#` or line end. */
const CONTENT = /^ *[^ #\n]/gm;
/**
 * `key:`, keys of the common kind only. Sticky, matched where a pair starts (a line's text, or
 * the text after a list entry's dash), and only tested (`lastIndex` then says where it ends):
 * no match array per line.
 */
const KEY = /[A-Za-z_][A-Za-z0-9_-]*:/y;
/** Quoted scalars (single-quoted without doubled quotes), then blanks or a comment. */
const DOUBLE_QUOTED = /^"((?:[^"\\]|\\.)*)"(?: +#.*| *)$/;
const SINGLE_QUOTED = /^'([^']*)'(?: *| +#.*)$/;
/** What a plain value may hold that needs a closer look: a comment, a trailing blank, `: ` or a final `:`. */
const PLAIN_TO_CUT = / #|: | $|:$/;
/** Keys the YAML 1.2 core schema reads as something other than text. */
const NOT_TEXT_KEYS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);
/** Shallower than the fast reader's limit, so that this reader never reads what that one leaves. */
const MAX_DEPTH = 32;

const GIVE_UP = new Error('not the common kind of front matter');
const give = (): never => {
  throw GIVE_UP;
};

/**
 * A mapping whose keys are at `indent`; its first pair starts at offset `first` of the source,
 * on the line `nextLine` (a line of its own, or the text after a list entry's dash).
 */
function readMap(indent: number, depth: number, first: number): Record<string, unknown> {
  if (depth > MAX_DEPTH) give();
  const source = readSource;
  const value: Record<string, unknown> = {};
  let start = first;
  for (;;) {
    const end = ends[nextLine];
    // `key:` then the end of the line, or blanks and the value.
    KEY.lastIndex = start;
    if (!KEY.test(source)) give();
    const colon = KEY.lastIndex;
    if (colon - 1 - start > MAX_KEY_LENGTH) give();
    let rest = colon;
    while (rest < end && source.charCodeAt(rest) === 32 /* space */) rest++;
    if (rest < end && rest === colon) give(); // `key:value`
    const key = source.slice(start, colon - 1);
    // A key seen before, or named like what every object has (`__proto__`, `toString`…):
    // left to the other readers. No value read here is `undefined`.
    if (value[key] !== undefined || (key.length <= 5 && NOT_TEXT_KEYS.has(key))) give();
    const next = ++nextLine;
    const nextIndent = next < lineCount ? indents[next] : -1;
    if (rest === end) {
      // The value is on the following lines, more indented, or there is none.
      if (nextIndent > indent) {
        value[key] = isListEntry(starts[next], ends[next])
          ? readList(nextIndent, depth + 1)
          : readMap(nextIndent, depth + 1, starts[next]);
      } else if (nextIndent === indent && isDashLine(starts[next], ends[next])) {
        give(); // a list at the key's own indentation
      } else {
        value[key] = null;
      }
    } else {
      if (source.charCodeAt(rest) === 35 /* # */) give(); // a comment after an empty value
      value[key] = scalar(source, rest, end);
      if (nextIndent > indent) give(); // a multi-line scalar
    }
    if (nextLine >= lineCount || indents[nextLine] < indent) return value;
    if (indents[nextLine] > indent || isDashLine(starts[nextLine], ends[nextLine])) give();
    start = starts[nextLine];
  }
}

/** A list whose dashes are at `indent`. */
function readList(indent: number, depth: number): unknown[] {
  if (depth > MAX_DEPTH) give();
  const source = readSource;
  const items: unknown[] = [];
  for (;;) {
    const lineStart = starts[nextLine];
    const end = ends[nextLine];
    if (!isListEntry(lineStart, end)) give();
    let start = lineStart + 2;
    while (start < end && source.charCodeAt(start) === 32) start++;
    // A nested block, or `- - x`.
    if (start === end || source.charCodeAt(start) === 35 /* # */ || isDashLine(start, end)) give();
    if (isPairAt(source, start, end)) {
      items.push(readMap(indent + start - lineStart, depth + 1, start));
    } else {
      const line = source.slice(start, end);
      // Text that would be a pair of another kind of key is left to the other readers.
      if (PLAIN_TO_CUT.test(line) && (line.includes(': ') || / *:$/.test(line.replace(/ +#.*$/, '')))) give();
      items.push(scalar(source, start, end, line));
      nextLine++;
      if (nextLine < lineCount && indents[nextLine] > indent) give(); // a multi-line scalar
    }
    if (nextLine >= lineCount || indents[nextLine] < indent) return items;
    if (indents[nextLine] > indent) give();
    if (!isDashLine(starts[nextLine], ends[nextLine])) return items;
  }
}

/** Whether the text at `start` is `key:` then the end of the line, or blanks. */
function isPairAt(source: string, start: number, end: number): boolean {
  KEY.lastIndex = start;
  if (!KEY.test(source)) return false;
  const colon = KEY.lastIndex;
  return colon === end || source.charCodeAt(colon) === 32;
}

/** Whether the text from `start` to `end` is a dash: `-` alone, or `- ` and more. */
function isDashLine(start: number, end: number): boolean {
  return (
    readSource.charCodeAt(start) === 45 /* - */ &&
    (start + 1 === end || readSource.charCodeAt(start + 1) === 32)
  );
}

/** Whether the text from `start` to `end` is a list entry with text: `- ` and more. */
function isListEntry(start: number, end: number): boolean {
  return (
    readSource.charCodeAt(start) === 45 /* - */ && start + 1 < end && readSource.charCodeAt(start + 1) === 32
  );
}

/**
 * A one-line scalar (then maybe a comment), as the fast reader reads it; else give up.
 * @param start where it starts in `source`; `end`, where its line ends.
 * @param line the text from `start` to `end`, when the caller has it already.
 */
function scalar(source: string, start: number, end: number, line?: string): unknown {
  const c = source.charCodeAt(start);
  if (c === 34 /* " */) {
    // The common case, the whole text in quotes without escapes, without an expression. The
    // search starts only when the line ends with a quote, so it never leaves the line.
    if (source.charCodeAt(end - 1) === 34 && source.indexOf('"', start + 1) === end - 1) {
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
    if (source.charCodeAt(end - 1) === 39 && source.indexOf("'", start + 1) === end - 1) {
      return source.slice(start + 1, end - 1);
    }
    const quoted = SINGLE_QUOTED.exec(line ?? source.slice(start, end));
    return quoted ? quoted[1] : give();
  }
  if (isIndicator(c, end - start > 1 ? source.charCodeAt(start + 1) : NaN)) give();
  // Searched in the line's text only: a search in `source` could run to its end on every line.
  const plain = line ?? source.slice(start, end);
  // Most values hold no comment, no trailing blank and no `:` that would end a key: one test.
  if (!PLAIN_TO_CUT.test(plain)) return resolvePlain(plain);
  const comment = plain.indexOf(' #');
  let raw = comment < 0 ? plain : plain.slice(0, comment);
  if (raw.endsWith(' ')) raw = raw.replace(/ +$/, '');
  if (raw.includes(': ') || raw.endsWith(':')) give();
  return resolvePlain(raw);
}

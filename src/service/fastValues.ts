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
 */
export function readFastValues(source: string): { readonly value: Record<string, unknown> } | undefined {
  // Tabs, carriage returns and a byte order mark: left to the readers that explain them.
  if (/[\t\r\uFEFF]/.test(source)) return undefined;
  const lines: Line[] = [];
  for (const text of source.split('\n')) {
    const match = CONTENT.exec(text);
    if (match) lines.push({ indent: match[1].length, text: match[2] });
    // Not content, and not blank or a comment either: `.` stops at U+2028 and the like.
    else if (!BLANK.test(text)) return undefined;
  }
  if (lines.length === 0 || lines[0].indent !== 0) return undefined;
  try {
    const reader = new LineReader(lines);
    const value = reader.map(0, 0, lines[0], 0);
    return reader.at === lines.length ? { value } : undefined;
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}

/** A line that is not blank and not only a comment: its indentation and the text after it. */
interface Line {
  readonly indent: number;
  readonly text: string;
}

/** A line with content: spaces, then something other than `#`. */
const CONTENT = /^( *)([^ #].*)$/;
/** A blank line, or only a comment. */
const BLANK = /^ *(?:#.*)?$/;
/** `key:` then the end of the line, or a space and the rest. Keys of the common kind only. */
const PAIR = /^([A-Za-z_][A-Za-z0-9_-]*):(?:$| +(.*)$)/;
/** `-` then spaces, and the entry's text. */
const DASH = /^- +(.*)$/;
/** Quoted scalars (single-quoted without doubled quotes), then blanks or a comment. */
const DOUBLE_QUOTED = /^"((?:[^"\\]|\\.)*)"(?: +#.*| *)$/;
/** The same without escapes: most values, matched without the alternation's cost. */
const PLAIN_DOUBLE_QUOTED = /^"([^"\\]*)"(?: +#.*| *)$/;
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

  constructor(private readonly lines: readonly Line[]) {}

  /**
   * A mapping whose keys are at `indent`; its first pair is `first` (a line of its own, or
   * the text after a list entry's dash, which `at` does not count).
   */
  map(indent: number, depth: number, first: Line, firstAt: number): Record<string, unknown> {
    if (depth > MAX_DEPTH) give();
    const value: Record<string, unknown> = {};
    let line = first;
    this.at = firstAt;
    for (;;) {
      const pair = PAIR.exec(line.text);
      if (!pair) give();
      const key = pair![1];
      // A key seen before, or named like what every object has (`__proto__`, `toString`…):
      // left to the other readers. No value read here is `undefined`.
      if (value[key] !== undefined || (key.length <= 5 && NOT_TEXT_KEYS.has(key))) give();
      const rest = pair![2];
      this.at++;
      const next = this.lines[this.at];
      if (rest === undefined || rest === '') {
        // The value is on the following lines, more indented, or there is none.
        if (next && next.indent > indent) {
          value[key] = DASH.test(next.text)
            ? this.list(next.indent, depth + 1)
            : this.map(next.indent, depth + 1, next, this.at);
        } else if (next && next.indent === indent && isDash(next.text)) {
          give(); // a list at the key's own indentation
        } else {
          value[key] = null;
        }
      } else {
        if (rest.startsWith('#')) give(); // a comment after an empty value
        value[key] = scalar(rest);
        if (next && next.indent > indent) give(); // a multi-line scalar
      }
      const after = this.lines[this.at];
      if (!after || after.indent < indent) return value;
      if (after.indent > indent || isDash(after.text)) give();
      line = after;
    }
  }

  /** A list whose dashes are at `indent`. */
  private list(indent: number, depth: number): unknown[] {
    if (depth > MAX_DEPTH) give();
    const items: unknown[] = [];
    for (;;) {
      const line = this.lines[this.at];
      const dash = DASH.exec(line.text);
      if (!dash) give();
      const text = dash![1];
      if (text === '' || text.startsWith('#') || isDash(text)) give(); // a nested block, or `- - x`
      const column = indent + line.text.length - text.length;
      if (PAIR.test(text)) {
        items.push(this.map(column, depth + 1, { indent: column, text }, this.at));
      } else {
        // Text that would be a pair of another kind of key is left to the other readers.
        if (text.includes(': ') || / *:$/.test(text.replace(/ +#.*$/, ''))) give();
        items.push(scalar(text));
        this.at++;
        const next = this.lines[this.at];
        if (next && next.indent > indent) give(); // a multi-line scalar
      }
      const after = this.lines[this.at];
      if (!after || after.indent < indent) return items;
      if (after.indent > indent) give();
      if (!isDash(after.text)) return items;
    }
  }
}

function isDash(text: string): boolean {
  return text === '-' || text.startsWith('- ');
}

/** A one-line scalar (then maybe a comment), as the fast reader reads it; else give up. */
function scalar(text: string): unknown {
  const c = text.charCodeAt(0);
  if (c === 34 /* " */) {
    const plain = PLAIN_DOUBLE_QUOTED.exec(text);
    if (plain) return plain[1];
    // Not matched without escapes: the body holds a backslash.
    const quoted = DOUBLE_QUOTED.exec(text);
    if (!quoted) give();
    try {
      return unescapeDouble(quoted![1]);
    } catch {
      return give(); // an escape YAML does not have
    }
  }
  if (c === 39 /* ' */) {
    const quoted = SINGLE_QUOTED.exec(text);
    return quoted ? quoted[1] : give();
  }
  if (isIndicator(c, text.length > 1 ? text.charCodeAt(1) : NaN)) give();
  const comment = text.indexOf(' #');
  let raw = comment < 0 ? text : text.slice(0, comment);
  if (raw.endsWith(' ')) raw = raw.replace(/ +$/, '');
  if (raw.includes(': ') || raw.endsWith(':')) give();
  return resolvePlain(raw);
}

import { Document, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';

/** YAML's limit on a key's length (longer ones are an error the yaml package reports). */
export const MAX_KEY_LENGTH = 1024;
/**
 * A fast reader for the block YAML that front matter is made of: `key: value` lines,
 * `- item` lists, plain and one-line quoted scalars, comments. It builds the same nodes,
 * ranges and values as the `yaml` package, in a fraction of the time, and gives up
 * (returns `undefined`) on anything else — flow collections, anchors, tags, block
 * scalars, multi-line scalars, tabs, duplicate keys, syntax errors — which the `yaml`
 * package then reads, with its error messages.
 *
 * It reads the source in chunks: each top-level field, and each entry of a top-level list.
 * A chunk whose text is unchanged since the previous version is reused, not read again, so
 * a keystroke inside `related[57]` reads that entry only.
 */

/** A parsed piece of the source, reusable wherever the same text appears again. */
interface Chunk {
  readonly text: string;
  /** Where the chunk starts in the source it was last used in; node ranges are relative to the source. */
  start: number;
  /** For a top-level field: its pair. For a list entry: the entry's node. */
  readonly pair?: Pair;
  readonly node?: Node;
  /** The chunk's value as plain data. */
  readonly value: unknown;
  /** Every node of the chunk, to move its ranges when the chunk moves. */
  readonly nodes: Node[];
}

/** What a fast read keeps for the next version of the same document. */
export interface FastYamlMemory {
  readonly chunks: Map<string, Chunk>;
  /** Shared by the versions of one document: how many reads moved nodes they reused. */
  readonly lineage: { moves: number };
  /** `lineage.moves` when this read ended. */
  moves: number;
}

/**
 * Whether a later version moved nodes of this read's document, which it reused in place: a
 * request still working on this version (waiting for the site's files while the writer
 * typed) must then read it again.
 */
export function nodesMoved(memory: FastYamlMemory): boolean {
  return memory.lineage.moves !== memory.moves;
}

/** The result of a fast read. */
export interface FastYamlResult {
  readonly document: Document.Parsed;
  readonly value: Record<string, unknown>;
  readonly memory: FastYamlMemory;
  /** How many chunks were read (the others were reused). */
  readonly chunksRead: number;
}

class GiveUp extends Error {}

const give = (): never => {
  throw new GiveUp();
};

/**
 * Whether the fast readers (this one and `readFastValues`) are used. Off, every source goes
 * to the yaml package: a test turns them off to hold the fast path to the full parser's
 * diagnostics, file by file.
 */
export const FAST_READERS = { enabled: true };

/** Reads block YAML; `undefined` when it is not of the simple kind this reader handles. */
export function parseFastYaml(source: string, previous?: FastYamlMemory): FastYamlResult | undefined {
  if (!FAST_READERS.enabled) return undefined;
  try {
    return new Reader(source, previous).read();
  } catch (error) {
    if (error instanceof GiveUp) return undefined;
    throw error;
  }
}

interface Line {
  start: number;
  /** End of the line's text, before its line break. */
  end: number;
  /** Start of the next line (after the line break). */
  next: number;
  indent: number;
  /** Blank, or only a comment. */
  empty: boolean;
}

const MAX_DEPTH = 64;

class Reader {
  private lines: Line[] = [];
  private readonly memory: FastYamlMemory;
  private chunksRead = 0;
  private nodes: Node[] = [];
  private readonly used = new Set<Chunk>();
  private moved = false;

  constructor(
    private readonly source: string,
    private readonly previous: FastYamlMemory | undefined,
  ) {
    const lineage = previous?.lineage ?? { moves: 0 };
    this.memory = { chunks: new Map(), lineage, moves: lineage.moves };
  }

  read(): FastYamlResult {
    this.splitLines();
    const first = this.nextContent(0);
    if (first >= this.lines.length) give();
    if (this.lines[first].indent !== 0 || this.isDash(this.lines[first], 0)) give();

    const map = new YAMLMap();
    const value: Record<string, unknown> = {};
    const seen = new Set<string>();
    let index = first;
    while (index < this.lines.length) {
      const line = this.lines[index];
      if (line.indent !== 0) give();
      const end = this.topLevelEnd(index);
      const chunk = this.topLevelChunk(index, end);
      const key = (chunk.pair!.key as Scalar).value as string;
      if (seen.has(key)) give();
      seen.add(key);
      map.items.push(chunk.pair!);
      value[key] = chunk.value;
      index = this.nextContent(end);
    }
    const sourceEnd = this.source.length;
    const last = map.items[map.items.length - 1];
    const lastEnd = ((last.value as Node | null)?.range ?? (last.key as Node).range!)[2];
    map.range = [(map.items[0].key as Node).range![0], lastEnd, lastEnd];
    const document = new Document(undefined, { version: '1.2' }) as unknown as Document.Parsed;
    document.contents = map as unknown as Document.Parsed['contents'];
    (document as { range: [number, number, number] }).range = [0, sourceEnd, sourceEnd];
    return { document, value, memory: this.memory, chunksRead: this.chunksRead };
  }

  private splitLines(): void {
    const text = this.source;
    if (text.includes('\t')) give(); // tabs: the full parser explains them
    if (text.includes('\ufeff')) give(); // a byte order mark: the yaml package drops it at any line's start
    const hasCarriageReturns = text.includes('\r');
    // A local list: pushing onto `this.lines` in this loop is many times slower in V8.
    const lines: Line[] = [];
    let start = 0;
    while (start < text.length) {
      const newline = text.indexOf('\n', start);
      const next = newline < 0 ? text.length : newline + 1;
      let end = newline < 0 ? text.length : newline;
      if (newline >= 0 && end > start && text.charCodeAt(end - 1) === 13) end--;
      if (hasCarriageReturns) {
        const cr = text.indexOf('\r', start);
        if (cr >= 0 && cr < end) give(); // a lone CR: leave it to the full parser
      }
      let indent = start;
      while (indent < end && text.charCodeAt(indent) === 32) indent++;
      const empty = indent === end || text.charCodeAt(indent) === 35; /* # */
      lines.push({ start, end, next, indent: indent - start, empty });
      start = next;
    }
    this.lines = lines;
  }

  private nextContent(index: number): number {
    while (index < this.lines.length && this.lines[index].empty) index++;
    return index;
  }

  /** The line index after a top-level field: the next line at column 0 that is not blank. */
  private topLevelEnd(index: number): number {
    let next = index + 1;
    while (next < this.lines.length && (this.lines[next].empty || this.lines[next].indent > 0)) next++;
    // Trailing blank lines belong to no one.
    while (next > index + 1 && this.lines[next - 1].empty) next--;
    return next;
  }

  /** The chunk of a top-level field: reused when its text is unchanged, else read. */
  private topLevelChunk(from: number, to: number): Chunk {
    const start = this.lines[from].start;
    const end = this.lines[to - 1].next;
    const text = this.source.slice(start, end);
    // A field holding a list is read entry by entry, so that entries can be reused.
    const line = this.lines[from];
    const colon = this.keyColon(line, line.start);
    const afterColon = this.skipSpaces(colon + 1, line.end);
    if ((afterColon === line.end || this.source.charCodeAt(afterColon) === 35) && from + 1 < to) {
      const firstChild = this.nextContent(from + 1);
      if (firstChild < to && this.isDash(this.lines[firstChild], this.lines[firstChild].indent)) {
        return this.listField(from, to, text, start, colon);
      }
    }
    const reused = this.reuse(text, start);
    if (reused?.pair) return reused;
    this.chunksRead++;
    this.nodes = [];
    const { pair, value, next } = this.readPair(from, to, line.start, 0, 0);
    if (this.nextContent(next) < to) give();
    const chunk: Chunk = { text, start, pair, value, nodes: this.nodes };
    this.memory.chunks.set(text, chunk);
    return chunk;
  }

  /** A top-level field whose value is a block list: each entry is a chunk of its own. */
  private listField(from: number, to: number, text: string, start: number, colon: number): Chunk {
    this.nodes = [];
    const line = this.lines[from];
    const key = this.keyScalar(line.start, colon);
    const seq = new YAMLSeq();
    const values: unknown[] = [];
    const indent = this.lines[this.nextContent(from + 1)].indent;
    let index = this.nextContent(from + 1);
    while (index < to) {
      const entryLine = this.lines[index];
      if (entryLine.indent !== indent || !this.isDash(entryLine, indent)) give();
      let end = index + 1;
      while (end < to && (this.lines[end].empty || this.lines[end].indent > indent)) end++;
      while (end > index + 1 && this.lines[end - 1].empty) end--;
      const entryStart = entryLine.start;
      const entryText = this.source.slice(entryStart, this.lines[end - 1].next);
      let entry = this.reuse(entryText, entryStart);
      if (!entry?.node) {
        this.chunksRead++;
        this.nodes = [];
        const read = this.readSeqItem(index, end, indent, 1);
        entry = { text: entryText, start: entryStart, node: read.node, value: read.value, nodes: this.nodes };
        this.memory.chunks.set(entryText, entry);
      }
      seq.items.push(entry.node!);
      values.push(entry.value);
      index = this.nextContent(end);
    }
    const first = this.lines[this.nextContent(from + 1)];
    const lastEnd = (seq.items[seq.items.length - 1] as Node).range![2];
    seq.range = [first.start + first.indent, lastEnd, lastEnd];
    const pair = new Pair(key, seq);
    // Not remembered as a whole: its entries are the chunks that get reused.
    return { text, start, pair, value: values, nodes: [] };
  }

  /** A chunk of the previous version with this text, moved to `start`. */
  private reuse(text: string, start: number): Chunk | undefined {
    const chunk = this.previous?.chunks.get(text);
    // The same text twice in one document (two equal entries) needs two sets of nodes.
    if (!chunk || this.used.has(chunk)) return undefined;
    this.used.add(chunk);
    const delta = start - chunk.start;
    if (delta !== 0) {
      // Counted before the move, and even if this read gives up later: the earlier versions' nodes move now.
      if (!this.moved) {
        this.moved = true;
        this.memory.moves = ++this.memory.lineage.moves;
      }
      for (const node of chunk.nodes) {
        // In place: the previous version's tree is not used again, and a new array per node costs.
        const range = node.range as [number, number, number];
        range[0] += delta;
        range[1] += delta;
        range[2] += delta;
      }
      chunk.start = start;
    }
    this.memory.chunks.set(text, chunk);
    return chunk;
  }

  /** A `key: value` pair starting at `at` on line `from`; its nested lines end before `to`. */
  private readPair(
    from: number,
    to: number,
    at: number,
    indent: number,
    depth: number,
  ): { pair: Pair; value: unknown; next: number } {
    const line = this.lines[from];
    const colon = this.keyColon(line, at);
    const key = this.keyScalar(at, colon);
    const valueStart = this.skipSpaces(colon + 1, line.end);
    if (valueStart < line.end && this.source.charCodeAt(valueStart) !== 35) {
      if (valueStart === colon + 1) give(); // `key:value` is a plain scalar, not a pair
      const scalar = this.readScalar(valueStart, line.end, line.next);
      const next = this.nextContent(from + 1);
      if (next < to && this.lines[next].indent > indent) give(); // a multi-line scalar
      return { pair: new Pair(key, scalar.node), value: scalar.value, next };
    }
    // The value is on the following lines, more indented (or there is none).
    const next = this.nextContent(from + 1);
    if (next < to && this.lines[next].indent > indent) {
      const nested = this.readBlock(next, to, this.lines[next].indent, depth + 1);
      return { pair: new Pair(key, nested.node), value: nested.value, next: nested.next };
    }
    if (next < to && this.isDash(this.lines[next], indent)) give(); // a list at the key's own indentation
    if (valueStart < line.end) give(); // a comment after an empty value: ranges differ
    const empty = new Scalar(null);
    empty.range = [valueStart, valueStart, valueStart]; // after any trailing blanks, as the yaml package places it
    empty.type = Scalar.PLAIN;
    (empty as Scalar & { source: string }).source = '';
    this.nodes.push(empty);
    return { pair: new Pair(key, empty), value: null, next };
  }

  /** A block mapping or list whose lines start at `indent`. */
  private readBlock(
    from: number,
    to: number,
    indent: number,
    depth: number,
  ): { node: Node; value: unknown; next: number } {
    if (depth > MAX_DEPTH) give();
    const line = this.lines[from];
    if (this.isDash(line, indent)) return this.readSeq(from, to, indent, depth);
    return this.readMap(from, to, line.start + indent, indent, depth);
  }

  private readMap(
    from: number,
    to: number,
    at: number,
    indent: number,
    depth: number,
  ): { node: Node; value: unknown; next: number } {
    const map = new YAMLMap();
    const value: Record<string, unknown> = {};
    let index = from;
    let position = at;
    while (index < to) {
      const { pair, value: item, next } = this.readPair(index, to, position, indent, depth);
      const key = (pair.key as Scalar).value as string;
      if (Object.prototype.hasOwnProperty.call(value, key)) give();
      map.items.push(pair);
      value[key] = item;
      index = next;
      if (index >= to) break;
      const line = this.lines[index];
      if (line.indent < indent) break;
      if (line.indent > indent || this.isDash(line, indent)) give();
      position = line.start + indent;
    }
    const last = map.items[map.items.length - 1];
    const end = ((last.value as Node).range ?? (last.key as Node).range!)[2];
    map.range = [at, end, end];
    this.nodes.push(map);
    return { node: map, value, next: index };
  }

  private readSeq(
    from: number,
    to: number,
    indent: number,
    depth: number,
  ): { node: Node; value: unknown; next: number } {
    const seq = new YAMLSeq();
    const values: unknown[] = [];
    let index = from;
    while (index < to) {
      const line = this.lines[index];
      if (line.indent < indent) break;
      if (line.indent > indent || !this.isDash(line, indent)) give();
      let end = index + 1;
      while (end < to && (this.lines[end].empty || this.lines[end].indent > indent)) end++;
      const item = this.readSeqItem(index, end, indent, depth);
      seq.items.push(item.node);
      values.push(item.value);
      index = this.nextContent(end);
    }
    const start = this.lines[from].start + indent;
    const end = (seq.items[seq.items.length - 1] as Node).range![2];
    seq.range = [start, end, end];
    this.nodes.push(seq);
    return { node: seq, value: values, next: index };
  }

  /** One `- item` of a list: a scalar, or a mapping starting on the dash's line. */
  private readSeqItem(
    from: number,
    to: number,
    indent: number,
    depth: number,
  ): { node: Node; value: unknown } {
    if (depth > MAX_DEPTH) give();
    const line = this.lines[from];
    const content = this.skipSpaces(line.start + indent + 1, line.end);
    if (content === line.end || this.source.charCodeAt(content) === 35) give(); // `-` alone: nested block
    const c = this.source.charCodeAt(content);
    if (c === 45 /* - */ && this.isDashAt(content, line.end)) give(); // `- - x`
    if (this.findKeyColon(content, line.end) >= 0) {
      const column = content - line.start;
      const map = this.readMap(from, to, content, column, depth + 1);
      if (this.nextContent(map.next) < to) give();
      return { node: map.node, value: map.value };
    }
    const scalar = this.readScalar(content, line.end, line.next);
    if (this.nextContent(from + 1) < to) give(); // a multi-line scalar
    return scalar;
  }

  /** A one-line scalar from `at` to the line's end (before a comment). */
  private readScalar(at: number, lineEnd: number, lineNext: number): { node: Scalar; value: unknown } {
    const text = this.source;
    const c = text.charCodeAt(at);
    let scalar: Scalar;
    let end: number;
    if (c === 34 /* " */) {
      const closed = this.closingDoubleQuote(at, lineEnd);
      scalar = new Scalar(unescapeDouble(text.slice(at + 1, closed)));
      scalar.type = Scalar.QUOTE_DOUBLE;
      end = closed + 1;
    } else if (c === 39 /* ' */) {
      let i = at + 1;
      for (;;) {
        const quote = text.indexOf("'", i);
        if (quote < 0 || quote >= lineEnd) give();
        if (text.charCodeAt(quote + 1) === 39) i = quote + 2;
        else {
          end = quote + 1;
          break;
        }
      }
      scalar = new Scalar(text.slice(at + 1, end - 1).replace(/''/g, "'"));
      scalar.type = Scalar.QUOTE_SINGLE;
    } else {
      if (isIndicator(c, at + 1 < lineEnd ? text.charCodeAt(at + 1) : NaN)) give();
      end = plainEnd(text, at, lineEnd);
      const raw = text.slice(at, end);
      if (raw.includes(': ') || raw.endsWith(':') || raw.includes('\t')) give();
      scalar = new Scalar(resolvePlain(raw));
      scalar.type = Scalar.PLAIN;
      (scalar as Scalar & { source: string }).source = raw;
    }
    // Only blanks and a comment may follow on the line.
    const rest = this.skipSpaces(end, lineEnd);
    if (rest < lineEnd && (text.charCodeAt(rest) !== 35 || rest === end)) give();
    scalar.range = [at, end, lineNext];
    this.nodes.push(scalar);
    return { node: scalar, value: scalar.value };
  }

  private closingDoubleQuote(at: number, lineEnd: number): number {
    const text = this.source;
    // Loops bounded by the line here: a search of the whole rest of the text (indexOf) would
    // make every line of a 2 400-line front matter cost the rest of it.
    for (let i = at + 1; i < lineEnd; i++) {
      const c = text.charCodeAt(i);
      if (c === 92 /* \ */) i++;
      else if (c === 34) return i;
    }
    return give();
  }

  /** The offset of the `:` that ends the key starting at `at`, or give up. */
  private keyColon(line: Line, at: number): number {
    const colon = this.findKeyColon(at, line.end);
    if (colon < 0) give();
    return colon;
  }

  /** The `:` followed by a space or the line's end, before any comment; -1 when none. */
  private findKeyColon(at: number, end: number): number {
    const text = this.source;
    const c = text.charCodeAt(at);
    if (c === 34 || c === 39) return -1; // quoted keys: left to the full parser
    for (let i = at; i < end; i++) {
      const d = text.charCodeAt(i);
      if (d === 58 /* : */ && (i + 1 === end || text.charCodeAt(i + 1) === 32)) return i;
      if (d === 35 /* # */ && text.charCodeAt(i - 1) === 32) return -1;
    }
    return -1;
  }

  private keyScalar(at: number, colon: number): Scalar {
    const raw = this.source.slice(at, colon);
    const c = raw.charCodeAt(0);
    if (
      raw.length === 0 ||
      raw.length > MAX_KEY_LENGTH ||
      raw !== raw.trimEnd() ||
      isIndicator(c, raw.charCodeAt(1)) ||
      raw === '__proto__' ||
      raw === '<<'
    )
      give();
    const value = resolvePlain(raw);
    if (typeof value !== 'string') give(); // `1:` or `true:` keys: rare, and not strings
    const key = new Scalar(raw);
    key.type = Scalar.PLAIN;
    (key as Scalar & { source: string }).source = raw;
    key.range = [at, colon, colon];
    this.nodes.push(key);
    return key;
  }

  private isDash(line: Line, indent: number): boolean {
    return !line.empty && line.indent === indent && this.isDashAt(line.start + indent, line.end);
  }

  private isDashAt(at: number, end: number): boolean {
    return this.source.charCodeAt(at) === 45 && (at + 1 === end || this.source.charCodeAt(at + 1) === 32);
  }

  private skipSpaces(at: number, end: number): number {
    while (at < end && this.source.charCodeAt(at) === 32) at++;
    return at;
  }
}

/** Characters that cannot start a plain scalar here (flow, anchors, tags, block scalars…). */
export function isIndicator(c: number, next: number): boolean {
  switch (c) {
    case 91: // [
    case 93: // ]
    case 123: // {
    case 125: // }
    case 44: // ,
    case 38: // &
    case 42: // *
    case 33: // !
    case 124: // |
    case 62: // >
    case 37: // %
    case 64: // @
    case 96: // `
    case 35: // #
    case 34: // "
    case 39: // '
      return true;
    case 45: // -
    case 63: // ?
    case 58: // :
      return Number.isNaN(next) || next === 32;
    default:
      return false;
  }
}

/** Where a plain scalar ends: before ` #` or trailing blanks. */
function plainEnd(text: string, at: number, lineEnd: number): number {
  let end = lineEnd;
  for (let i = at; i < lineEnd; i++) {
    if (text.charCodeAt(i) === 35 && text.charCodeAt(i - 1) === 32) {
      end = i;
      break;
    }
  }
  while (end > at && text.charCodeAt(end - 1) === 32) end--;
  return end;
}

/** A plain scalar's value under the YAML 1.2 core schema, as the `yaml` package resolves it. */
export function resolvePlain(raw: string): unknown {
  const c = raw.charCodeAt(0);
  if ((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46) {
    // 0-9 - + . : a number, or text such as a date (no number holds `:` or a space).
    if (/^[-+]?[0-9]+$/.test(raw)) return parseInt(raw, 10);
    if (raw.includes(':') || raw.includes(' ')) return raw;
    if (/^0o[0-7]+$/.test(raw)) return parseInt(raw.substring(2), 8);
    if (/^0x[0-9a-fA-F]+$/.test(raw)) return parseInt(raw.substring(2), 16);
    if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(raw)) {
      return raw.slice(-3).toLowerCase() === 'nan' ? NaN : raw[0] === '-' ? -Infinity : Infinity;
    }
    if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(raw)) return parseFloat(raw);
    if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(raw)) return parseFloat(raw);
    return raw;
  }
  if (c === 126 /* ~ */) return raw === '~' ? null : raw;
  // n N t T f F: only `null`, `true`, `false` and their capitalised forms are not text.
  if (raw.length <= 5 && (c === 110 || c === 78 || c === 116 || c === 84 || c === 102 || c === 70)) {
    if (/^(?:[Nn]ull|NULL)$/.test(raw)) return null;
    if (/^(?:[Tt]rue|TRUE)$/.test(raw)) return true;
    if (/^(?:[Ff]alse|FALSE)$/.test(raw)) return false;
  }
  return raw;
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  '\t': '\t',
};

/** The text of a one-line double-quoted scalar, escapes resolved. */
export function unescapeDouble(body: string): string {
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    const simple = ESCAPES[e];
    if (simple !== undefined) {
      out += simple;
      continue;
    }
    const length = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    const hex = body.slice(i + 1, i + 1 + length);
    if (length === 0 || hex.length !== length || !/^[0-9a-fA-F]+$/.test(hex)) give();
    const code = parseInt(hex, 16);
    if (code > 0x10ffff) give();
    out += String.fromCodePoint(code);
    i += length;
  }
  return out;
}

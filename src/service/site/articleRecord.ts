import { isMap, isSeq, type Node } from 'yaml';
import { MAX_ALIAS_COUNT, parseFrontMatterYaml } from '../yaml/articleDocument';
import { readFastValues } from '../yaml/fastValues';
import { locateFrontMatter, type FrontMatterBlock } from '../yaml/frontMatter';
import { isRecord } from '../util/records';
import { tagListsOf, type TagLists } from './tags';

/**
 * The fields a `related` entry copies from the article it points at. Measured on the azure
 * site (159 561 entries pointing inside it): these equal the article's in every case; its
 * `images` differ legitimately in 41 361 of them and are never compared.
 */
export const COPIED_FIELDS = [
  { name: 'title', path: ['title'] },
  { name: 'excerpt', path: ['excerpt'] },
  { name: 'publishedDateTime', path: ['publishedDateTime'] },
  { name: 'type', path: ['type'] },
  { name: 'quality', path: ['quality'] },
  { name: 'provider.name', path: ['provider', 'name'] },
] as const;

/** A field a related entry copies. */
export type CopiedField = (typeof COPIED_FIELDS)[number]['name'];

/** A copied value: only text, numbers and booleans are compared. */
export type CopiedValue = string | number | boolean;

/** The copied values of an article or of a related entry, by field. */
export type CopiedValues = Partial<Record<CopiedField, CopiedValue>>;

/** Where a text is on its line: `[line, start character, end character]`, 0-based. */
export type LineSpan = readonly [line: number, start: number, end: number];

/** What the index keeps of one file: its own article (when it has a `webUrl`) and its related entries. */
export interface ArticleRecord {
  /** The article's own `webUrl`, trimmed. */
  readonly webUrl: string | undefined;
  /** The values its copies hold. */
  readonly values: CopiedValues;
  /** Where the value of its top-level `title` is (the `---` line when it has none). */
  readonly titleSpan: LineSpan;
  /** Its `related` entries that have a `webUrl`: the entry's index, first line and the column of its first field. */
  readonly related: ReadonlyArray<{ webUrl: string; index: number; line: number; column: number }>;
  /** Its distinct tags and categories, when it has any. */
  readonly tags: TagLists | undefined;
}

/**
 * Reads what the index keeps of one file, or `undefined` when it has no front matter that
 * can be read (it then gets its usual diagnostics and is simply not linked).
 * @param maxLength front matter longer than this is not read, as it is not checked.
 */
export function readArticleRecord(text: string, maxLength: number, links = true): ArticleRecord | undefined {
  const block = locateFrontMatter(text);
  if (!block?.closed) return undefined;
  const source = text.slice(block.contentStart, block.contentEnd);
  if (source.length > maxLength) return undefined;
  // Without the links, the `related` list (most of a large front matter) need not be read.
  return recordOf(text, block, source, links ? source : withoutRelated(source), links);
}

/**
 * What the index keeps of a file read without its `related` block (`SiteWorkspace.readFileWithout`),
 * the same as `readArticleRecord(whole text, maxLength, false)`; `null` when that cannot be
 * told from this text (the whole text is then read).
 * @param bytes the whole file's size in bytes, no less than its length in characters.
 */
export function readRecordWithoutRelated(
  text: string,
  bytes: number,
  maxLength: number,
): ArticleRecord | undefined | null {
  const block = locateFrontMatter(text);
  // The text as cut ends with its closing line, `---` and a line break.
  if (bytes > maxLength || !block?.closed || block.contentEnd !== text.length - 5) return null;
  const source = text.slice(block.contentStart, block.contentEnd);
  // What was cut is the first `related` block, and only what the whole text reads would drop.
  const values = withoutRelated(source) === source ? readFastValues(source) : undefined;
  return values ? recordOf(text, block, source, values.value, false) : null;
}

function recordOf(
  text: string,
  block: FrontMatterBlock,
  source: string,
  /** The values read already, or the text to read them from (the source, or it without `related`). */
  own: string | Record<string, unknown>,
  links: boolean,
): ArticleRecord | undefined {
  let data: unknown =
    typeof own !== 'string'
      ? own
      : (readFastValues(own)?.value ?? (own === source ? undefined : readFastValues(source)?.value));
  let yamlNodes: Node | null | undefined;
  if (data === undefined) {
    const yaml = parseFrontMatterYaml(source);
    if (yaml.errors.length > 0) return undefined;
    try {
      data = yaml.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch {
      return undefined;
    }
    yamlNodes = yaml.contents as Node | null;
  }
  if (!isRecord(data)) return undefined;
  const firstLine = lineCount(text, block.contentStart);
  const related: Array<{ webUrl: string; index: number; line: number; column: number }> = [];
  if (links && Array.isArray(data.related) && data.related.length > 0) {
    let lines = entryLines(source, data.related.length);
    if (!lines) {
      yamlNodes ??= parseFrontMatterYaml(source).contents as Node | null;
      lines = entryLinesFromNodes(source, yamlNodes);
    }
    data.related.forEach((entry, index) => {
      const webUrl = isRecord(entry) ? keptUrlOf(entry.webUrl) : undefined;
      const [line, column] = lines?.[index] ?? [0, 0];
      if (webUrl !== undefined) related.push({ webUrl, index, line: firstLine + line, column });
    });
  }
  return {
    webUrl: keptUrlOf(data.webUrl),
    values: copiedValues(data, true),
    titleSpan: titleSpanIn(source, firstLine) ?? [firstLine - 1, 0, 3],
    related,
    tags: tagListsOf(data),
  };
}

/**
 * The copied values of an article or entry.
 * @param kept whether they are kept (in the index): then as fresh strings, since a slice of
 * the file's text would keep the whole text alive.
 */
export function copiedValues(data: Record<string, unknown>, kept = false): CopiedValues {
  const values: CopiedValues = {};
  for (const field of COPIED_FIELDS) {
    let value: unknown = data;
    for (const key of field.path) value = isRecord(value) ? value[key] : undefined;
    if (typeof value === 'string') values[field.name] = kept ? fresh(value) : value;
    else if (typeof value === 'number' || typeof value === 'boolean') values[field.name] = value;
  }
  return values;
}

/**
 * A `webUrl` as the index keys it: trimmed text, or nothing. A slice of the value: what the
 * index keeps goes through `fresh`, a lookup need not copy it.
 */
export function urlOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** `urlOf`, as a string of its own (kept in the index). */
function keptUrlOf(value: unknown): string | undefined {
  const url = urlOf(value);
  return url === undefined ? undefined : fresh(url);
}

/** A copy of a string that holds no reference to the text it was cut from. */
function fresh(text: string): string {
  return text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string);
}

/** How many line breaks come before `offset`. */
function lineCount(text: string, offset: number): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

const TITLE = /^title[ \t]*:[ \t]*(.*?)[ \t]*\r?$/m;

/** The span of the top-level `title`'s value (the key when it is empty). */
function titleSpanIn(source: string, firstLine: number): LineSpan | undefined {
  const match = TITLE.exec(source);
  if (!match) return undefined;
  const line = firstLine + lineCount(source, match.index);
  if (match[1] === '') return [line, 0, 5];
  const start = match.index + match[0].indexOf(match[1], match[0].indexOf(':') + 1);
  const column = start - match.index;
  return [line, column, column + match[1].length];
}

/** The front matter without its top-level `related` list (the same text when it has none). */
function withoutRelated(source: string): string {
  const start = /^related[ \t]*:/m.exec(source)?.index;
  if (start === undefined) return source;
  const after = /^[^\s#-]/m;
  after.lastIndex = 0;
  const rest = source.slice(start + 1);
  const end = after.exec(rest.slice(rest.indexOf('\n') + 1));
  if (!end) return source.slice(0, start);
  return source.slice(0, start) + rest.slice(rest.indexOf('\n') + 1 + end.index);
}

/**
 * The line (within the front matter) on which each entry of the top-level block list
 * `related` starts, read from the text; `undefined` when the text is not that plain shape
 * (a flow list, comments in odd places, a count that does not match the values).
 */
function entryLines(source: string, expected: number): Array<[number, number]> | undefined {
  const lines = source.split('\n');
  const start = lines.findIndex((line) => /^related[ \t]*:[ \t]*\r?$/.test(line));
  if (start < 0) return undefined;
  const found: Array<[number, number]> = [];
  let indent = -1;
  for (let index = start + 1; index < lines.length; index++) {
    const line = lines[index].replace(/\r$/, '');
    const content = line.trimStart();
    if (content === '' || content.startsWith('#')) continue;
    const depth = line.length - content.length;
    if (depth === 0 && !content.startsWith('-')) break;
    if (!/^-(?:[ \t]|$)/.test(content)) continue;
    if (indent < 0) indent = depth;
    if (depth === indent) found.push([index, depth + content.length - content.slice(1).trimStart().length]);
    else if (depth < indent) return undefined;
  }
  return found.length === expected ? found : undefined;
}

/** The same lines, read from the YAML's nodes. */
function entryLinesFromNodes(
  source: string,
  contents: Node | null | undefined,
): Array<[number, number]> | undefined {
  if (!isMap(contents)) return undefined;
  const list = contents.get('related', true);
  if (!isSeq(list)) return undefined;
  return list.items.map((item) => {
    const offset = (item as Node | null)?.range?.[0] ?? 0;
    return [lineCount(source, offset), offset - source.lastIndexOf('\n', offset - 1) - 1];
  });
}

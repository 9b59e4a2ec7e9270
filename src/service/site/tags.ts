import { isMap, isScalar, isSeq, Scalar, type Document, type Node } from 'yaml';
import { isRecord } from '../util/records';
import { keyText, scalarSource } from '../yaml/nodes';

/** The two free-form vocabularies of a Jekyll site: `site.tags` and `site.categories`. */
export type TagKind = 'tags' | 'categories';

/**
 * The fields Jekyll reads tags and categories from. A plural field written as text is split
 * on spaces (`tags: a b` is two tags); a singular one is one value, or a list.
 */
export const TAG_FIELDS: Readonly<Record<string, { kind: TagKind; split: boolean }>> = {
  tags: { kind: 'tags', split: true },
  tag: { kind: 'tags', split: false },
  categories: { kind: 'categories', split: true },
  category: { kind: 'categories', split: false },
};

/** The distinct tags and categories of one article, as the site index keeps them. */
export interface TagLists {
  readonly tags: readonly string[];
  readonly categories: readonly string[];
}

/** The values of one tag field as Jekyll reads them: a list's texts, or a text (split when plural). */
export function fieldValues(field: string, value: unknown): string[] {
  const how = TAG_FIELDS[field];
  if (!how) return [];
  if (typeof value === 'string') return how.split ? value.split(/\s+/).filter(Boolean) : value ? [value] : [];
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is string => typeof item === 'string' && item.trim() !== '');
}

/** The distinct tags and categories the front matter's values give, or `undefined` when none. */
export function tagListsOf(data: Record<string, unknown>): TagLists | undefined {
  let tags: Set<string> | undefined;
  let categories: Set<string> | undefined;
  for (const field in TAG_FIELDS) {
    if (!Object.hasOwn(data, field)) continue;
    const values = fieldValues(field, data[field]);
    if (values.length === 0) continue;
    const into = TAG_FIELDS[field].kind === 'tags' ? (tags ??= new Set()) : (categories ??= new Set());
    for (const value of values) into.add(kept(value));
  }
  if (!tags && !categories) return undefined;
  return { tags: tags ? [...tags] : [], categories: categories ? [...categories] : [] };
}

/**
 * A spelling as the index keeps it: one copy for every article that uses it (a site repeats
 * its tags), and a copy that holds no reference to the text it was cut from.
 */
function kept(text: string): string {
  let copy = keptSpellings.get(text);
  if (copy === undefined) {
    // Bounded: a site's distinct spellings are few; a hostile file's thousands are forgotten.
    if (keptSpellings.size >= MAX_REMEMBERED) keptSpellings.clear();
    copy = text.length < 13 ? text : (' ' + text).slice(1);
    keptSpellings.set(copy, copy);
  }
  return copy;
}

const keptSpellings = new Map<string, string>();
const MAX_REMEMBERED = 20000;

/**
 * Plural-looking words that are names, not plurals: `Windows` is not more than one window,
 * `Teams` not more than one team, `GitHub Pages` not more than one page.
 */
const NOT_PLURALS = new Set([
  'windows',
  'teams',
  'pages',
  'rails',
  'pandas',
  'jenkins',
  'news',
  'series',
  'species',
  'means',
  'lens',
  'atlas',
  'canvas',
  'alias',
  'kudos',
  'chaos',
  'sales',
  'glasses',
]);

/**
 * One word's stem, so that a singular and its plural meet (`docker`/`dockers`,
 * `library`/`libraries`, `box`/`boxes`, `cache`/`caches`). Only a key for comparing: never shown.
 */
function stem(word: string): string {
  let stemmed = word;
  // Not after a digit (`2020s`), nor in `-ss`, `-us`, `-is`, `-ics` (`class`, `status`, `redis`, `analytics`).
  if (
    stemmed.length > 3 &&
    /\p{L}s$/u.test(stemmed) &&
    !/(?:ss|us|is|ics)$/.test(stemmed) &&
    !NOT_PLURALS.has(stemmed)
  )
    stemmed = stemmed.slice(0, -1);
  if (stemmed.length > 3 && stemmed.endsWith('e')) stemmed = stemmed.slice(0, -1);
  if (stemmed.length > 2 && stemmed.endsWith('y')) stemmed = stemmed.slice(0, -1) + 'i';
  return stemmed;
}

/** The words of a tag, in lower case, without the separators (spaces, `-`, `_`) between them. */
function words(value: string): string[] {
  return value
    .normalize('NFKC')
    .toLowerCase()
    .split(/[\s_-]+/)
    .filter(Boolean);
}

/**
 * The form that a tag's variants share: case, separators and plurals aside (`Machine_Learning`,
 * `machine-learning` and `machine learnings` are one).
 */
export function normalTag(value: string): string {
  let form = normalForms.get(value);
  if (form === undefined) {
    if (normalForms.size >= MAX_REMEMBERED) normalForms.clear();
    form = words(value).map(stem).join('');
    normalForms.set(value, form);
  }
  return form;
}

/** The forms of the spellings met lately: a site repeats its tags in every article. */
const normalForms = new Map<string, string>();

/** Whether two tags differ only by case and separators (not by a plural). */
export function differOnlyInSpelling(a: string, b: string): boolean {
  return words(a).join('') === words(b).join('');
}

/** One spelling of a tag, and how many articles of the site use it. */
export interface TagForm {
  readonly value: string;
  readonly articles: number;
}

/** How many articles use each spelling of each tag and category, by the form their variants share. */
export class TagCounts {
  /** Per kind, per form (`normalTag`), per spelling: how many articles. */
  private readonly forms: Record<TagKind, Map<string, Map<string, number>>> = {
    tags: new Map(),
    categories: new Map(),
  };

  /** Counts (`+1`) or stops counting (`-1`) one article's tags and categories. */
  add(lists: TagLists, delta: 1 | -1): void {
    for (const kind of ['tags', 'categories'] as const) {
      const forms = this.forms[kind];
      for (const value of lists[kind]) {
        const form = normalTag(value);
        let counts = forms.get(form);
        if (!counts) {
          if (delta < 0) continue;
          forms.set(form, (counts = new Map()));
        }
        const count = (counts.get(value) ?? 0) + delta;
        if (count > 0) counts.set(value, count);
        else counts.delete(value);
        if (counts.size === 0) forms.delete(form);
      }
    }
  }

  /** Every spelling on the site of the tags of one form (`normalTag`), with its number of articles. */
  spellingsOf(kind: TagKind, form: string): Map<string, number> {
    return new Map(this.forms[kind].get(form));
  }

  /** How many distinct spellings are counted. */
  get size(): number {
    let size = 0;
    for (const kind of ['tags', 'categories'] as const)
      for (const counts of this.forms[kind].values()) size += counts.size;
    return size;
  }
}

/**
 * The spelling most articles use, where one does (a tie has none), among counts by spelling.
 */
export function commonForm(counts: ReadonlyMap<string, number>): TagForm | undefined {
  let best: TagForm | undefined;
  let tied = false;
  for (const [value, articles] of counts) {
    if (!best || articles > best.articles) {
      best = { value, articles };
      tied = false;
    } else if (articles === best.articles) tied = true;
  }
  return tied ? undefined : best;
}

/** One tag or category written in the front matter, and where. */
export interface TagOccurrence {
  readonly kind: TagKind;
  /** The field it is written in (`tags`, `tag`, `categories`, `category`). */
  readonly field: string;
  /** The tag. */
  readonly value: string;
  /** Its position in the field's list, when the field is a list. */
  readonly index: number | undefined;
  /** Where the tag is in the front matter's source: the word, for a text split on spaces. */
  readonly span: readonly [number, number];
  /** The scalar that holds it. */
  readonly node: Scalar;
  /** For a plural field written as text: its words (the value is one of them). */
  readonly words: readonly string[] | undefined;
  /** For a plural field written as text: which of its words this is. */
  readonly word: number | undefined;
  /** Whether the scalar is an entry of a list in brackets (`[a, b]`), where `,` and brackets need quotes. */
  readonly inFlow: boolean;
  /** For a list entry: where each entry of its list is. */
  readonly siblings: ReadonlyArray<readonly [number, number] | undefined> | undefined;
}

/**
 * Every tag and category the front matter writes, with its place. A value that is not text
 * (a number, a nested list) is not a tag this reads.
 */
export function tagOccurrences(yaml: Document.Parsed, source: string): TagOccurrence[] {
  const contents = yaml.contents;
  if (!isMap(contents)) return [];
  const found: TagOccurrence[] = [];
  // Of a key written twice, Jekyll reads the last.
  const last = new Map<string | undefined, unknown>(contents.items.map((pair) => [keyText(pair), pair]));
  for (const pair of contents.items) {
    const field = keyText(pair);
    const how = field === undefined ? undefined : TAG_FIELDS[field];
    if (!how || field === undefined || last.get(field) !== pair) continue;
    const value = pair.value as Node | null;
    const base = { kind: how.kind, field };
    if (isSeq(value)) {
      const siblings = value.items.map((item) => {
        const range = (item as Node | null)?.range;
        return range ? ([range[0], range[1]] as const) : undefined;
      });
      value.items.forEach((item, index) => {
        if (!isScalar(item) || typeof item.value !== 'string' || item.value.trim() === '' || !item.range)
          return;
        const span = [item.range[0], item.range[1]] as const;
        found.push({
          ...base,
          value: item.value,
          index,
          span,
          node: item,
          words: undefined,
          word: undefined,
          inFlow: value.flow === true,
          siblings,
        });
      });
    } else if (isScalar(value) && typeof value.value === 'string' && value.range) {
      const text = value.value;
      if (!how.split) {
        if (text === '') continue;
        const span = [value.range[0], value.range[1]] as const;
        found.push({
          ...base,
          value: text,
          index: undefined,
          span,
          node: value,
          words: undefined,
          word: undefined,
          inFlow: false,
          siblings: undefined,
        });
        continue;
      }
      const split = text.split(/\s+/).filter(Boolean);
      const spans = wordSpans(value, source, split);
      split.forEach((word, at) => {
        const span = spans?.[at] ?? ([value.range![0], value.range![1]] as const);
        found.push({
          ...base,
          value: word,
          index: undefined,
          span,
          node: value,
          words: split,
          word: at,
          inFlow: false,
          siblings: undefined,
        });
      });
    }
  }
  return found;
}

/**
 * Where each word of a scalar written on one line is in the source; `undefined` when the
 * source does not show the words as they read (escapes, a value over several lines).
 */
function wordSpans(
  node: Scalar,
  source: string,
  split: string[],
): Array<readonly [number, number]> | undefined {
  const [start, end] = node.range!;
  const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
  if (!quoted && node.type !== Scalar.PLAIN) return undefined;
  const shift = quoted ? 1 : 0;
  const inner = source.slice(start + shift, end - shift);
  if (inner.includes('\n')) return undefined;
  const spans: Array<readonly [number, number]> = [];
  for (const match of inner.matchAll(/\S+/g))
    spans.push([start + shift + match.index, start + shift + match.index + match[0].length]);
  return spans.length === split.length &&
    spans.every(([from, to], at) => source.slice(from, to) === split[at])
    ? spans
    : undefined;
}

/** An edit of the front matter's source: `start`–`end` becomes `newText`. */
export interface SourceEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/**
 * The edit that writes `newName` in place of a tag, as little of the line as it can and
 * still valid YAML: the word alone in a text split on spaces, else the whole value (a text
 * whose words would not read back becomes a list in brackets); quotes kept where there were.
 */
export function renameOccurrence(occurrence: TagOccurrence, newName: string): SourceEdit {
  const { node, span } = occurrence;
  const [start, end] = [node.range![0], node.range![1]];
  if (occurrence.words === undefined || occurrence.word === undefined) {
    let newText = scalarSource(node, newName);
    // In brackets, a comma or bracket would end the entry.
    if (occurrence.inFlow && newText === newName && /[,[\]{}]/.test(newName))
      newText = JSON.stringify(newName);
    return { start: span[0], end: span[1], newText };
  }
  const words = occurrence.words.map((word, at) => (at === occurrence.word ? newName : word));
  const joined = words.join(' ');
  if (newName !== '' && !/\s/.test(newName)) {
    // The word alone, where the words' places are known and the value reads back the same with it.
    const wordKnown = span[0] !== start || span[1] !== end;
    if (wordKnown && node.type === Scalar.QUOTE_DOUBLE)
      return { start: span[0], end: span[1], newText: JSON.stringify(newName).slice(1, -1) };
    if (wordKnown && node.type === Scalar.QUOTE_SINGLE)
      return { start: span[0], end: span[1], newText: newName.replace(/'/g, "''") };
    if (wordKnown && scalarSource(node, joined) === joined)
      return { start: span[0], end: span[1], newText: newName };
    return { start, end, newText: scalarSource(node, joined) };
  }
  // A tag with a space cannot be one word of a text split on spaces: the value becomes a list.
  const items = words.map((word) => {
    const written = scalarSource(undefined, word);
    return written === word && /[,[\]{}]/.test(word) ? JSON.stringify(word) : written;
  });
  return { start, end, newText: `[${items.join(', ')}]` };
}

/**
 * The edit that takes a tag out of its field, where the field keeps others: its `- ` line, its
 * entry and comma in brackets, or its word; `undefined` for a field's only value.
 */
export function removeOccurrence(occurrence: TagOccurrence, source: string): SourceEdit | undefined {
  const { node, span, siblings, index } = occurrence;
  if (occurrence.words !== undefined && occurrence.word !== undefined) {
    if (occurrence.words.length < 2) return undefined;
    const rest = occurrence.words.filter((_, at) => at !== occurrence.word).join(' ');
    return { start: node.range![0], end: node.range![1], newText: scalarSource(node, rest) };
  }
  if (!siblings || index === undefined || siblings.length < 2) return undefined;
  if (occurrence.inFlow) {
    const before = siblings[index - 1];
    const after = siblings[index + 1];
    if (before) return { start: before[1], end: span[1], newText: '' };
    return after ? { start: span[0], end: after[0], newText: '' } : undefined;
  }
  const lineStart = source.lastIndexOf('\n', span[0] - 1) + 1;
  if (!/^[ \t]*-[ \t]+$/.test(source.slice(lineStart, span[0]))) return undefined;
  const lineEnd = source.indexOf('\n', span[1]);
  return { start: lineStart, end: lineEnd === -1 ? source.length : lineEnd + 1, newText: '' };
}

/**
 * Whether a schema says which values a field takes (an `enum` or `const`, on the field or its
 * list's items): its own rules judge the field then, not the site's habits.
 */
export function schemaFixesValues(schema: Record<string, unknown> | undefined, field: string): boolean {
  const properties = schema?.properties;
  return hasEnum(schema, isRecord(properties) ? properties[field] : undefined, 0);
}

function hasEnum(root: unknown, schema: unknown, depth: number): boolean {
  if (!isRecord(schema) || depth > 8) return false;
  if (Array.isArray(schema.enum) || 'const' in schema) return true;
  if (typeof schema.$ref === 'string' && schema.$ref.startsWith('#/')) {
    let target: unknown = root;
    for (const part of schema.$ref.slice(2).split('/')) target = isRecord(target) ? target[part] : undefined;
    if (hasEnum(root, target, depth + 1)) return true;
  }
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    const parts = schema[key];
    if (Array.isArray(parts) && parts.some((part) => hasEnum(root, part, depth + 1))) return true;
  }
  return hasEnum(root, schema.items, depth + 1);
}

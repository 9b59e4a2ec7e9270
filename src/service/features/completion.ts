import {
  CompletionItemKind,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Position,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-types';
import type { ParsedArticle } from '../yaml/articleDocument';
import type { ArticleContext } from '../context';
import { propertiesOf, requiredOf, resolveSchema, schemaAtPath, type JsonSchema } from '../schema/navigation';
import { LEARNING_FOLDERS, learningFolderOf, type Organization } from '../site/taxonomy';
import { scalarSource, type PathSegment } from '../yaml/nodes';
import { joinUri } from '../util/uri';

/*
 * Completion reads the front matter line by line (indentation, `- ` markers, `key:`) rather
 * than from the YAML tree: what is being typed is rarely valid YAML yet, and a line outline
 * reads the same whether the document parses or not.
 */

const EMPTY: CompletionList = { isIncomplete: false, items: [] };

/** The width of one level of indentation in snippets (the site's files use two spaces). */
const INDENT = '  ';

/** Asks the editor for proposals again, e.g. for the values right after inserting `type: `. */
const SUGGEST_AGAIN = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

/** A key or a list marker on a line of the front matter. */
interface Entry {
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

interface OutlineLine {
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
interface Located {
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
interface Place {
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

/** Completion proposals at a position: fields, their values, the site's topics and providers. */
export async function computeCompletions(
  context: ArticleContext,
  position: Position,
): Promise<CompletionList> {
  const { article } = context;
  const block = article.block;
  if (!block) return EMPTY;
  const offset = article.document.offsetAt(position);
  if (offset < block.contentStart || offset > block.contentEnd) return EMPTY;
  // `---` right after `---`: the cursor is on the closing marker, not on a line of YAML.
  if (
    block.closed &&
    block.contentEnd === block.contentStart &&
    !/[\r\n]/.test(article.text.charAt(offset))
  ) {
    return EMPTY;
  }

  const firstLine = article.document.positionAt(block.contentStart).line;
  const cursor = article.document.positionAt(offset);
  const place: Place = {
    context,
    root: context.schema,
    outline: cachedOutline(article),
    line: cursor.line - firstLine,
    column: cursor.character,
    firstLine,
    eol: /\r\n/.test(article.text) ? '\r\n' : '\n',
    learningItems: context.kind === 'collection' ? await learningItemsOf(context) : [],
  };
  const current = place.outline[place.line];
  if (!current) return EMPTY;
  if (current.scalarAbove >= 0 && (current.text.trim() !== '' || place.column > current.scalarAbove)) {
    return EMPTY;
  }
  return { isIncomplete: false, items: proposals(place, current) };
}

/** The learning items a collection may name, `videos/<name>` and `courses/<name>`, from the site's own files. */
async function learningItemsOf(context: ArticleContext): Promise<string[]> {
  const learning = learningFolderOf(context.article.uri);
  const lists = await Promise.all(
    LEARNING_FOLDERS.map(async (folder) =>
      (await context.site.itemNames(joinUri(learning, folder))).sort().map((name) => `${folder}/${name}`),
    ),
  );
  return lists.flat();
}

/** One outline per parsed version: completion is asked again and again on the same version. */
const outlines = new WeakMap<ParsedArticle, OutlineLine[]>();

function cachedOutline(article: ParsedArticle): OutlineLine[] {
  let outline = outlines.get(article);
  if (!outline) {
    const block = article.block!;
    outline = outlineOf(article.text.slice(block.contentStart, block.contentEnd).split(/\r\n|\r|\n/));
    outlines.set(article, outline);
  }
  return outline;
}

/** Decides what the cursor is on: a key, a key's value, a list item, or a list in brackets. */
function proposals(place: Place, current: OutlineLine): CompletionItem[] {
  const { text, entries } = current;
  const column = place.column;
  const before = text.slice(0, column);
  if (/(^|\s)#/.test(before.replace(/"[^"]*"|'[^']*'/g, '""'))) return [];

  const last = entries.at(-1);
  if (last?.kind === 'key') {
    const left = entries.slice(0, -1);
    if (column >= last.column && column <= last.nameEnd) {
      return keyProposals(place, left, last.column, { start: last.column, end: last.nameEnd }, true);
    }
    if (column < last.markEnd) return [];
    if (text[last.valueStart] === '[') return flowItemProposals(place, left, last);
    const end = valueReplaceEnd(text, last);
    if (column > Math.max(end, last.valueStart)) return [];
    const start = last.valueEnd > last.valueStart ? last.valueStart : column;
    const span = { start: Math.min(start, column), end: Math.max(end, column) };
    return valueProposals(place, left, last, span, column === last.markEnd ? ' ' : '');
  }

  // No key on the line: indentation, list markers, and perhaps a partly typed key or item.
  const marker = last;
  const restStart = marker ? marker.valueStart : firstNonBlank(text);
  if (column < restStart && !(marker && column === marker.markEnd)) {
    return marker || text.trim()
      ? []
      : keyProposals(place, [], column, { start: column, end: column }, false);
  }
  const restEnd = marker ? marker.valueEnd : trimmedEnd(text);
  const span = { start: Math.min(restStart, column), end: Math.max(restEnd, column) };
  const rest = text.slice(span.start, span.end);
  if (!marker) {
    return isPartialKey(rest) ? keyProposals(place, [], span.start, span, false) : [];
  }
  const spaceBefore = column === marker.markEnd ? ' ' : '';
  const container = containerOf(place.outline, place.line, entries.slice(0, -1), marker.column, 'item');
  const itemPath = [...container.path, container.index];
  const itemSchema = place.root && schemaAtPath(place.root, itemPath);
  if (itemSchema && isObjectSchema(itemSchema)) {
    if (!isPartialKey(rest)) return [];
    return keyProposals(place, entries, span.start + spaceBefore.length, span, false, spaceBefore);
  }
  const taken = itemsIn(place, container.owner, marker.column);
  return itemValueProposals(place, itemPath, itemSchema, taken, rest, span, spaceBefore);
}

/* ---------- Keys ---------- */

/**
 * The fields the mapping at `column` may still have: required ones first, each with its type
 * and description. `renaming`: the line already has `key:`, so only the name is replaced.
 */
function keyProposals(
  place: Place,
  left: Entry[],
  column: number,
  span: { start: number; end: number },
  renaming: boolean,
  prefix = '',
): CompletionItem[] {
  const container = containerOf(place.outline, place.line, left, column, 'key');
  // An indented key with nothing above to belong to would not be at the top level.
  if (
    !container.owner &&
    place.outline.some((line) => line.entries.length && line.entries[0].column < column)
  ) {
    return [];
  }
  const items: CompletionItem[] = [];
  const root = place.root;
  const schema = root && schemaAtPath(root, container.path);
  const present = keysIn(place, container.owner, column);
  const range = rangeOn(place, span);
  if (root && schema) {
    const required = new Set(requiredOf(root, schema));
    const lineIndent = firstNonBlank(place.outline[place.line].text);
    const relative = ' '.repeat(Math.max(0, column - Math.min(lineIndent, column)));
    let order = 0;
    for (const [name, property] of propertiesOf(root, schema)) {
      order++;
      if (present.has(name)) continue;
      const isRequired = required.has(name);
      const insert = renaming ? { text: name, snippet: false } : keyInsertion(root, name, property, relative);
      const item: CompletionItem = {
        label: name,
        kind: CompletionItemKind.Property,
        detail: (isRequired ? 'required · ' : '') + typeInWords(root, name, property),
        documentation: describe(property),
        sortText: `${isRequired ? 0 : 1}${String(order).padStart(3, '0')}`,
        filterText: name,
        textEdit: { range, newText: prefix + insert.text },
        insertTextFormat: insert.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      };
      if (insert.snippet) item.insertTextMode = InsertTextMode.adjustIndentation;
      if (!renaming && offersValues(name, property)) item.command = SUGGEST_AGAIN;
      items.push(item);
    }
  }
  if (!renaming && container.path.at(-1) === 'provider' && !present.has('name')) {
    items.push(...providerProposals(place, column, range, present, prefix));
  }
  return items;
}

/** What choosing a key inserts: `key: ` for a value, a block snippet for a group of fields or a list. */
function keyInsertion(
  root: JsonSchema,
  name: string,
  schema: JsonSchema,
  relative: string,
): { text: string; snippet: boolean } {
  const inner = relative + INDENT;
  const key = escapeSnippet(name);
  if (isObjectSchema(schema)) {
    const fields = requiredOf(root, schema);
    const lines = fields.length
      ? fields.map((field, i) => `${inner}${escapeSnippet(field)}: $${i + 1}`)
      : [`${inner}$1`];
    return { text: [`${key}:`, ...lines].join('\n'), snippet: true };
  }
  if (isArraySchema(schema)) {
    const item = resolveSchema(root, schema.items);
    const fields = item && isObjectSchema(item) ? requiredOf(root, item) : [];
    const lines = fields.length
      ? fields.map((field, i) => `${inner}${i === 0 ? '- ' : INDENT}${escapeSnippet(field)}: $${i + 1}`)
      : [`${inner}- $1`];
    return { text: [`${key}:`, ...lines].join('\n'), snippet: true };
  }
  return { text: `${name}: `, snippet: false };
}

/** Whether proposals follow right after inserting the key (so the editor should ask again). */
function offersValues(name: string, schema: JsonSchema): boolean {
  return (
    Array.isArray(schema.enum) ||
    schema.type === 'boolean' ||
    isDateTime(name, schema) ||
    name === 'topics' ||
    name === 'provider'
  );
}

/* ---------- Values ---------- */

/** Proposals for the value of `key: ‸`. */
function valueProposals(
  place: Place,
  left: Entry[],
  key: Entry,
  span: { start: number; end: number },
  prefix: string,
): CompletionItem[] {
  const container = containerOf(place.outline, place.line, left, key.column, 'key');
  const path = [...container.path, key.name];
  const range = rangeOn(place, span);
  const typed = place.outline[place.line].text.slice(span.start, span.end);
  if (key.name === 'name' && container.path.at(-1) === 'provider') {
    const present = keysIn(place, container.owner, key.column, true);
    return place.context.site.organizations().map((organization, i) => {
      const newText = prefix + valueSource(organization.name, typed);
      const item = organizationItem(organization, i, { range, newText });
      item.additionalTextEdits = providerEdits(place, organization, present, key.column);
      return item;
    });
  }
  const schema = place.root && schemaAtPath(place.root, path);
  if (!schema) return [];
  const values: Array<{ value: string; kind: CompletionItemKind; detail?: string }> = [];
  for (const value of enumOf(schema)) values.push({ value, kind: CompletionItemKind.EnumMember });
  if (schema.type === 'boolean' && !values.length) {
    values.push(
      { value: 'true', kind: CompletionItemKind.Value },
      { value: 'false', kind: CompletionItemKind.Value },
    );
  }
  if (isDateTime(key.name, schema)) {
    values.push({ value: nowUtc(), kind: CompletionItemKind.Value, detail: 'now, in UTC' });
  }
  return values.map(({ value, kind, detail }, i) => {
    const newText = prefix + (schema.type === 'boolean' ? value : valueSource(value, typed));
    return {
      label: value,
      kind,
      detail,
      documentation: describe(schema),
      sortText: String(i).padStart(3, '0'),
      filterText: newText,
      textEdit: { range, newText },
    };
  });
}

/** Proposals for an item of a list written one `- item` per line. */
function itemValueProposals(
  place: Place,
  itemPath: PathSegment[],
  schema: JsonSchema | undefined,
  taken: Set<string>,
  typed: string,
  span: { start: number; end: number },
  prefix: string,
  flow = false,
): CompletionItem[] {
  const isTopics = itemPath.at(-2) === 'topics';
  const isLearningItem = itemPath.length === 2 && itemPath[0] === 'items' && place.learningItems.length > 0;
  const values = isTopics
    ? place.context.site.topicNames()
    : isLearningItem
      ? place.learningItems
      : schema
        ? enumOf(schema)
        : [];
  const range = rangeOn(place, span);
  return values
    .filter((value) => !taken.has(value))
    .map((value, i) => {
      const newText = prefix + valueSource(value, typed, flow);
      return {
        label: value,
        kind: CompletionItemKind.EnumMember,
        detail: isTopics ? 'topic of the site' : isLearningItem ? 'learning item of the site' : undefined,
        documentation: schema && !isTopics && !isLearningItem ? describe(schema) : undefined,
        sortText: String(i).padStart(4, '0'),
        filterText: newText,
        textEdit: { range, newText },
      };
    });
}

/** Proposals for an item of a list written in brackets, `topics: [Cloud, ‸]`. */
function flowItemProposals(place: Place, left: Entry[], key: Entry): CompletionItem[] {
  const text = place.outline[place.line].text;
  const column = place.column;
  const open = key.valueStart;
  const close = text.indexOf(']', open);
  // Not closed yet: the list runs to the cursor when only blanks follow what is typed.
  const end =
    close >= 0 ? close : Math.max(key.valueEnd, /^ *$/.test(text.slice(key.valueEnd, column)) ? column : 0);
  if (column <= open || column > end) return [];
  const inside = text.slice(open + 1, end);
  const cut = column - open - 1;
  const segmentStart = open + 1 + inside.lastIndexOf(',', cut - 1) + 1;
  const nextComma = inside.indexOf(',', cut);
  const segmentEnd = nextComma < 0 ? end : open + 1 + nextComma;
  const span = {
    start: Math.min(column, segmentStart + firstNonBlank(text.slice(segmentStart, segmentEnd))),
    end: Math.max(column, segmentStart + text.slice(segmentStart, segmentEnd).trimEnd().length),
  };
  const taken = new Set<string>();
  let position = open + 1;
  for (const part of inside.split(',')) {
    if (!(position <= column && column <= position + part.length)) taken.add(unquote(part.trim()));
    position += part.length + 1;
  }
  const container = containerOf(place.outline, place.line, left, key.column, 'key');
  const itemPath = [...container.path, key.name, taken.size];
  const schema = place.root && schemaAtPath(place.root, itemPath);
  const typed = text.slice(span.start, span.end);
  return itemValueProposals(place, itemPath, schema, taken, typed, span, '', true);
}

/* ---------- Providers ---------- */

function organizationItem(organization: Organization, index: number, textEdit: TextEdit): CompletionItem {
  return {
    label: organization.name,
    kind: CompletionItemKind.Reference,
    labelDetails: { description: organization.domain },
    detail: `provider: ${organization.name} (${organization.domain})`,
    documentation: {
      kind: MarkupKind.Markdown,
      value: `Fills in the provider from the site’s catalogue of organizations: name ${escapeMarkdown(organization.name)}, domain ${escapeMarkdown(organization.domain)}${organization.images.length ? ' and its logo' : ''}.`,
    },
    sortText: `2${String(index).padStart(4, '0')}`,
    filterText: textEdit.newText,
    textEdit,
  };
}

/**
 * The organizations of the catalogue, on a new line under `provider:` without a `name` yet:
 * choosing one writes its name, and its domain and logo where the provider lacks them.
 */
function providerProposals(
  place: Place,
  column: number,
  range: Range,
  present: Map<string, Located>,
  prefix: string,
): CompletionItem[] {
  const relative = ' '.repeat(Math.max(0, column - firstNonBlank(place.outline[place.line].text)));
  return place.context.site.organizations().map((organization, i) => {
    const domain = present.get('domain');
    const lines = [`name: ${scalarSource(undefined, organization.name)}`];
    if (!domain) lines.push(`${relative}domain: ${scalarSource(undefined, organization.domain)}`);
    const images = present.get('images');
    if (!images) lines.push(...logoLines(organization, relative));
    const item = organizationItem(organization, i, { range, newText: prefix + lines.join(place.eol) });
    item.filterText = organization.name;
    item.insertTextMode = InsertTextMode.adjustIndentation;
    const edits = [
      ...(domain ? [replaceValue(place, domain, organization.domain)] : []),
      ...(images ? replaceLogo(place, images, organization) : []),
    ];
    if (edits.length) item.additionalTextEdits = edits;
    return item;
  });
}

/** The edits that go with choosing a provider's name: its domain, and its logo. */
function providerEdits(
  place: Place,
  organization: Organization,
  present: Map<string, Located>,
  column: number,
): TextEdit[] {
  const edits: TextEdit[] = [];
  const indent = ' '.repeat(column);
  const added: string[] = [];
  const domain = present.get('domain');
  if (domain) edits.push(replaceValue(place, domain, organization.domain));
  else added.push(`${indent}domain: ${scalarSource(undefined, organization.domain)}`);
  const images = present.get('images');
  if (images) edits.push(...replaceLogo(place, images, organization));
  else added.push(...logoLines(organization, indent));
  if (added.length) {
    const nextLine = place.firstLine + place.line + 1;
    const text = added.map((line) => line + place.eol).join('');
    if (nextLine < place.context.article.document.lineCount) {
      const at = { line: nextLine, character: 0 };
      edits.push({ range: { start: at, end: at }, newText: text });
    } else {
      const at = { line: place.firstLine + place.line, character: place.outline[place.line].text.length };
      edits.push({ range: { start: at, end: at }, newText: place.eol + text.slice(0, -place.eol.length) });
    }
  }
  return edits;
}

/** `images:` with the catalogue's logo of an organization, indented by `indent`. */
function logoLines(organization: Organization, indent: string): string[] {
  if (!organization.images.length) return [];
  const lines = [`${indent}images:`];
  for (const image of organization.images) {
    lines.push(`${indent}${INDENT}- url: ${scalarSource(undefined, image.url)}`);
    for (const size of ['width', 'height'] as const) {
      const value: unknown = image[size];
      if (typeof value === 'number') lines.push(`${indent}${INDENT}${INDENT}${size}: ${value}`);
    }
  }
  return lines;
}

/**
 * The provider's `images` (at `images`) replaced by the catalogue's logo of the organization
 * chosen: the one there was the previous provider's. Kept when the catalogue has no logo.
 */
function replaceLogo(place: Place, images: Located, organization: Organization): TextEdit[] {
  const column = images.entry.column;
  let last = images.line;
  for (let line = images.line + 1; line < place.outline.length; line++) {
    const text = place.outline[line].text;
    const indent = firstNonBlank(text);
    if (indent >= text.length) continue; // blank
    if (indent > column || (indent === column && text[indent] === '-' && /^-(\s|$)/.test(text.slice(indent))))
      last = line;
    else break;
  }
  const lines = logoLines(organization, ' '.repeat(column));
  if (lines.length === 0) return [];
  const old = place.outline.slice(images.line, last + 1).map((line) => line.text);
  if (old.join('\n') === lines.join('\n')) return [];
  return [
    {
      range: {
        start: { line: place.firstLine + images.line, character: 0 },
        end: { line: place.firstLine + last, character: place.outline[last].text.length },
      },
      newText: lines.join(place.eol),
    },
  ];
}

/** Replaces the value of `key: value` on another line. */
function replaceValue(place: Place, { line, entry }: Located, value: string): TextEdit {
  const text = place.outline[line].text;
  const end = valueReplaceEnd(text, entry);
  const documentLine = place.firstLine + line;
  return {
    range: {
      start: { line: documentLine, character: entry.markEnd },
      end: { line: documentLine, character: Math.max(end, entry.markEnd) },
    },
    newText: ' ' + scalarSource(undefined, value),
  };
}

/* ---------- The outline ---------- */

const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#:'"[\]{},&*!|>%@`?-][^:#]*?)[ \t]*:(?=[ \t]|$)/;

function outlineOf(texts: string[]): OutlineLine[] {
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
function valueReplaceEnd(text: string, entry: Entry): number {
  if (entry.valueEnd > entry.valueStart) return entry.valueEnd;
  return entry.valueStart < text.length ? entry.markEnd : text.length;
}

/**
 * The mapping or list that holds a key (or an item) at `column` on `line`, found by walking up
 * to the nearest key or list marker to its left. `left`: the entries before it on its line.
 */
function containerOf(
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
function keysIn(
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
function itemsIn(place: Place, owner: Located | undefined, column: number): Set<string> {
  const values = new Set<string>();
  for (const { line, entry } of membersOf(place.outline, owner)) {
    if (entry.kind !== 'item' || entry.column !== column || line === place.line) continue;
    const text = place.outline[line].text.slice(entry.valueStart, entry.valueEnd);
    if (text) values.add(unquote(text));
  }
  return values;
}

/* ---------- Small helpers ---------- */

function rangeOn(place: Place, span: { start: number; end: number }): Range {
  const line = place.firstLine + place.line;
  return { start: { line, character: span.start }, end: { line, character: span.end } };
}

function firstNonBlank(text: string, from = 0): number {
  let i = from;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

/** The end of a line's text, before a comment and trailing blanks. */
function trimmedEnd(text: string): number {
  return valueAt(text, firstNonBlank(text)).valueEnd;
}

function isPartialKey(text: string): boolean {
  return /^([A-Za-z_$][\w$.-]*)?$/.test(text);
}

function isObjectSchema(schema: JsonSchema): boolean {
  return schema.type === 'object' || (schema.type === undefined && 'properties' in schema);
}

function isArraySchema(schema: JsonSchema): boolean {
  return schema.type === 'array' || (schema.type === undefined && 'items' in schema);
}

function isDateTime(name: string, schema: JsonSchema): boolean {
  return /DateTime$/.test(name) && (schema.type === 'string' || schema.type === undefined);
}

function enumOf(schema: JsonSchema): string[] {
  const values = Array.isArray(schema.enum) ? schema.enum : 'const' in schema ? [schema.const] : [];
  return values.filter((value) => ['string', 'number', 'boolean'].includes(typeof value)).map(String);
}

/** The current time as the site writes it: `YYYY-MM-DDTHH:MM:SSZ`, in UTC. */
function nowUtc(): string {
  return new Date().toISOString().slice(0, 19) + 'Z';
}

/** A value as YAML text: in the quotes the writer started with, else plain when that is safe. */
function valueSource(value: string, typed: string, flow = false): string {
  if (typed.startsWith('"')) return JSON.stringify(value);
  if (typed.startsWith("'")) return `'${value.replace(/'/g, "''")}'`;
  const text = scalarSource(undefined, value);
  return flow && /[,[\]{}]/.test(text) && !text.startsWith('"') ? JSON.stringify(value) : text;
}

function unquote(text: string): string {
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

/** A field's type in words, for the proposal's detail. */
function typeInWords(root: JsonSchema, name: string, schema: JsonSchema): string {
  const values = enumOf(schema);
  if (values.length) return `one of ${values.join(', ')}`;
  if (isDateTime(name, schema)) return 'date and time';
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (isObjectSchema(schema)) return `fields: ${fieldList(root, schema)}`;
  if (isArraySchema(schema)) {
    const item = resolveSchema(root, schema.items);
    if (!item) return 'list';
    if (isObjectSchema(item)) return `list of entries with ${fieldList(root, item)}`;
    const itemValues = enumOf(item);
    if (itemValues.length) return `list, each one of ${itemValues.join(', ')}`;
    return `list of ${PLURALS[String(item.type)] ?? 'values'}`;
  }
  if (type === 'string' && typeof schema.pattern === 'string' && schema.pattern.startsWith('^https?')) {
    return 'web address';
  }
  return WORDS[String(type)] ?? 'value';
}

/** Names of fields, the first few only. */
function fieldList(root: JsonSchema, schema: JsonSchema): string {
  const names = [...propertiesOf(root, schema).keys()];
  return names.length > 5 ? `${names.slice(0, 5).join(', ')}, …` : names.join(', ');
}

const WORDS: Record<string, string> = {
  string: 'text',
  integer: 'whole number',
  number: 'number',
  boolean: 'true or false',
};

const PLURALS: Record<string, string> = {
  string: 'texts',
  integer: 'whole numbers',
  number: 'numbers',
  boolean: 'true or false values',
};

/** A field's description (and first example) as Markdown. */
function describe(schema: JsonSchema): CompletionItem['documentation'] {
  const parts: string[] = [];
  if (typeof schema.description === 'string') parts.push(escapeMarkdown(schema.description));
  const example = Array.isArray(schema.examples) ? schema.examples[0] : undefined;
  if (['string', 'number', 'boolean'].includes(typeof example) && !String(example).includes('`')) {
    parts.push(`Example: \`${String(example)}\``);
  }
  return parts.length ? { kind: MarkupKind.Markdown, value: parts.join('\n\n') } : undefined;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~]/g, '\\$&');
}

function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, '\\$&');
}

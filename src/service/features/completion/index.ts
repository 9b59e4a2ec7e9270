import { type CompletionItem, type CompletionList, type Position } from 'vscode-languageserver-types';
import type { ParsedArticle } from '../../yaml/articleDocument';
import type { ArticleContext } from '../../context';
import { schemaAtPath } from '../../schema/navigation';
import { LEARNING_FOLDERS, learningFolderOf } from '../../site/taxonomy';
import { joinUri } from '../../util/uri';
import {
  type OutlineLine,
  type Place,
  containerOf,
  firstNonBlank,
  isPartialKey,
  itemsIn,
  outlineOf,
  trimmedEnd,
  valueReplaceEnd,
} from './outline';
import { keyProposals } from './keys';
import { flowItemProposals, itemValueProposals, valueProposals } from './values';
import { isObjectSchema } from './words';

/*
 * Completion reads the front matter line by line (indentation, `- ` markers, `key:`) rather
 * than from the YAML tree: what is being typed is rarely valid YAML yet, and a line outline
 * reads the same whether the document parses or not.
 */

const EMPTY: CompletionList = { isIncomplete: false, items: [] };

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
    outline = outlineOf(article.source.split(/\r\n|\r|\n/));
    outlines.set(article, outline);
  }
  return outline;
}

/** Decides what the cursor is on: a key, a key's value, a list item, or a list in brackets. */
export function proposals(place: Place, current: OutlineLine): CompletionItem[] {
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

import {
  CompletionItemKind,
  InsertTextFormat,
  InsertTextMode,
  type CompletionItem,
} from 'vscode-languageserver-types';
import {
  propertiesOf,
  requiredOf,
  resolveSchema,
  schemaAtPath,
  type JsonSchema,
} from '../../schema/navigation';
import { type Entry, INDENT, type Place, containerOf, firstNonBlank, keysIn, rangeOn } from './outline';
import { isArraySchema, isDateTime, isObjectSchema } from './words';
import { providerProposals } from './providers';
import { describe, escapeSnippet, typeInWords } from './words';

/** Asks the editor for proposals again, e.g. for the values right after inserting `type: `. */
const SUGGEST_AGAIN = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

/* ---------- Keys ---------- */

/**
 * The fields the mapping at `column` may still have: required ones first, each with its type
 * and description. `renaming`: the line already has `key:`, so only the name is replaced.
 */
export function keyProposals(
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
    // A top-level field `_config.yml`'s defaults give is not missing: still offered, to override it.
    if (container.path.length === 0) for (const name of place.context.defaulted.keys()) required.delete(name);
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

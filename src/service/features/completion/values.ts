import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import { schemaAtPath, type JsonSchema } from '../../schema/navigation';
import { scalarSource, type PathSegment } from '../../yaml/nodes';
import { type Entry, type Place, containerOf, firstNonBlank, keysIn, rangeOn, unquote } from './outline';
import { organizationItem, providerEdits } from './providers';
import { describe, enumOf, isDateTime } from './words';

/* ---------- Values ---------- */

/** Proposals for the value of `key: ‸`. */
export function valueProposals(
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
export function itemValueProposals(
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
export function flowItemProposals(place: Place, left: Entry[], key: Entry): CompletionItem[] {
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

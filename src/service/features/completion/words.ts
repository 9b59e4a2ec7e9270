import { MarkupKind, type CompletionItem } from 'vscode-languageserver-types';
import { propertiesOf, resolveSchema, type JsonSchema } from '../../schema/navigation';
import { isScalarType, jsonTypeInWords } from '../../schema/words';

/** A field's type in words, for the proposal's detail. */
export function typeInWords(root: JsonSchema, name: string, schema: JsonSchema): string {
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
    return `list of ${isScalarType(item.type) ? jsonTypeInWords(item.type, 'many') : 'values'}`;
  }
  if (type === 'string' && typeof schema.pattern === 'string' && schema.pattern.startsWith('^https?')) {
    return 'web address';
  }
  return isScalarType(type) ? jsonTypeInWords(type) : 'value';
}

/** Names of fields, the first few only. */
function fieldList(root: JsonSchema, schema: JsonSchema): string {
  const names = [...propertiesOf(root, schema).keys()];
  return names.length > 5 ? `${names.slice(0, 5).join(', ')}, …` : names.join(', ');
}

/** A field's description (and first example) as Markdown. */
export function describe(schema: JsonSchema): CompletionItem['documentation'] {
  const parts: string[] = [];
  if (typeof schema.description === 'string') parts.push(escapeMarkdown(schema.description));
  const example = Array.isArray(schema.examples) ? schema.examples[0] : undefined;
  if (['string', 'number', 'boolean'].includes(typeof example) && !String(example).includes('`')) {
    parts.push(`Example: \`${String(example)}\``);
  }
  return parts.length ? { kind: MarkupKind.Markdown, value: parts.join('\n\n') } : undefined;
}

export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~]/g, '\\$&');
}

export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, '\\$&');
}

export function isObjectSchema(schema: JsonSchema): boolean {
  return schema.type === 'object' || (schema.type === undefined && 'properties' in schema);
}

export function isArraySchema(schema: JsonSchema): boolean {
  return schema.type === 'array' || (schema.type === undefined && 'items' in schema);
}

export function isDateTime(name: string, schema: JsonSchema): boolean {
  return /DateTime$/.test(name) && (schema.type === 'string' || schema.type === undefined);
}

export function enumOf(schema: JsonSchema): string[] {
  const values = Array.isArray(schema.enum) ? schema.enum : 'const' in schema ? [schema.const] : [];
  return values.filter((value) => ['string', 'number', 'boolean'].includes(typeof value)).map(String);
}

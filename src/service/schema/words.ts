/** The types a JSON Schema can name. */
export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null';

/**
 * How a type is said: `one` value ("whole number", a hover's "Type:"), `many` values ("whole
 * numbers", "list of …"), or after "must be" in a finding ("a whole number").
 */
export type TypeWordsForm = 'one' | 'many' | 'mustBe';

const WORDS: Record<JsonType, Record<TypeWordsForm, string>> = {
  string: { one: 'text', many: 'texts', mustBe: 'text' },
  integer: { one: 'whole number', many: 'whole numbers', mustBe: 'a whole number' },
  number: { one: 'number', many: 'numbers', mustBe: 'a number' },
  boolean: { one: 'true or false', many: 'true or false values', mustBe: '`true` or `false`' },
  object: { one: 'group of fields', many: 'groups of fields', mustBe: 'a group of fields' },
  array: { one: 'list', many: 'lists', mustBe: 'a list' },
  null: { one: 'nothing (null)', many: 'nulls', mustBe: 'empty' },
};

/** Whether a value names a JSON Schema type. */
export function isJsonType(type: unknown): type is JsonType {
  return typeof type === 'string' && Object.hasOwn(WORDS, type);
}

/** Whether a type is one of a single value written as it is: text, a number or true/false. */
export function isScalarType(type: unknown): type is 'string' | 'integer' | 'number' | 'boolean' {
  return type === 'string' || type === 'integer' || type === 'number' || type === 'boolean';
}

/** A JSON Schema type in a writer's words ("whole number"), in the form asked for. */
export function jsonTypeInWords(type: JsonType, form: TypeWordsForm = 'one'): string {
  return WORDS[type][form];
}

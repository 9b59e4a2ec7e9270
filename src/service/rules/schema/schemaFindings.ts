import type { ErrorObject } from 'ajv';
import { isMap, isScalar, isSeq, visit, type Node, type Pair } from 'yaml';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import type { ArticleContext } from '../../context';
import type { ParsedArticle } from '../../yaml/articleDocument';
import { diagnostic, type DiagnosticData, type Rule } from '../rule';
import { resolveSchema, type JsonSchema } from '../../schema/navigation';
import { isJsonType, jsonTypeInWords } from '../../schema/words';
import { isRecord } from '../../util/records';
import { closestName } from '../../util/suggestions';
import { nodeAtPath, nodeSpan, parseInstancePath, scalarSource, type PathSegment } from '../../yaml/nodes';
import { keyNamesOf } from '../../yaml/keyIndex';
import { withDeclaredConsequence } from './declared';
import { emptyValue } from './emptyValue';
import { invalidFormat } from './invalidFormat';
import { invalidValue } from './invalidValue';
import { missingField } from './missingField';
import { outOfRange } from './outOfRange';
import { schemaMismatch } from './schemaMismatch';
import { unknownField } from './unknownField';
import { wrongType } from './wrongType';

/**
 * The schema's complaints about the article, each turned into a diagnostic a writer
 * understands, placed on the exact key or value: the findings of the schema layer's rules.
 */
export function schemaDiagnostics(context: ArticleContext): Diagnostic[] {
  const { article, schemaLookup } = context;
  if (context.schemaErrors().length === 0 || !schemaLookup?.ok) return [];
  const schema = schemaLookup.schema;
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const misread = misreading(article);
  for (const error of reportedSchemaErrors(context)) {
    if (misread.any && error.keyword === 'required') continue;
    const mapped = toDiagnostic(article, error, schema);
    if (!mapped) continue;
    const result = withDeclaredConsequence(mapped, error, schema, context.rules);
    if (misread.within(result.range)) continue;
    const key = `${result.code}|${result.range.start.line}:${result.range.start.character}|${result.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push(result);
  }
  return diagnostics;
}

/** The schema's errors a writer is told of: one branch of each `anyOf`/`oneOf`, no echoes. */
export function reportedSchemaErrors(context: ArticleContext): ErrorObject[] {
  return withoutEchoes(reduceAlternatives([...context.schemaErrors()]));
}

/**
 * Whether the YAML cannot be read as written (duplicate keys aside), and whether a range is
 * in a part of it that is misread: the schema says nothing there, as it would only echo the
 * misreading.
 */
export function misreading(article: ParsedArticle): { any: boolean; within(range: Range): boolean } {
  // On YAML that cannot be read as written, what is "missing" is often only misread: say nothing.
  const any = article.yaml?.errors.some((error) => error.code !== 'DUPLICATE_KEY') ?? false;
  const spans = any ? misreadSpans(article) : [];
  return { any, within: (range) => spans.length > 0 && isInside(article, range, spans) };
}

/**
 * Where YAML that cannot be read is misread, as offsets into the front matter. The schema's
 * complaints there are about the misreading (`title` "must be text" for `title: a: b`, "must
 * not be empty" for a quote not closed yet, "Unknown field `name`" under a tab): the syntax
 * error says it. For each error (the first few):
 * - inside a value: that value (of the innermost field whose value holds the error), so that
 *   its key and the fields beside it are still checked;
 * - in a line's indentation (a tab, a line indented wrongly): the top-level field there and the
 *   one before it, which the line was read out of;
 * - elsewhere (a line that is not `key: value`): the top-level field there.
 */
function misreadSpans(article: ParsedArticle): Array<[number, number]> {
  const yaml = article.yaml;
  const top = yaml?.contents;
  if (!yaml || !isMap(top)) return [];
  const fields = top.items.map((pair) => spanOf(pair.key, pair.value));
  const values: Array<[number, number]> = [];
  visit(yaml, {
    Pair(_key, pair) {
      const range = (pair.value as Node | null)?.range;
      if (range) values.push([range[0], range[2]]);
    },
  });
  const spans: Array<[number, number]> = [];
  const errors = yaml.errors.filter((error) => error.code !== 'DUPLICATE_KEY').slice(0, MAX_MISREAD_ERRORS);
  for (const error of errors) {
    const [at, to] = error.pos;
    const inIndentation = error.code === 'TAB_AS_INDENT' || error.code === 'BAD_INDENT';
    let value: [number, number] | undefined;
    for (const span of values)
      if (span[0] <= at && at <= span[1] && (!value || span[0] >= value[0])) value = span;
    if (value && !inIndentation) {
      spans.push([value[0], Math.max(value[1], to)]);
      continue;
    }
    let index = -1;
    for (let i = 0; i < fields.length; i++) if ((fields[i]?.[0] ?? Infinity) <= at) index = i;
    const around = inIndentation ? [index - 1, index] : [index];
    for (const i of around) {
      const span = fields[i];
      if (span) spans.push([span[0], Math.max(span[1], to)]);
    }
  }
  return spans;
}

/** The YAML errors whose surroundings are looked for (more are echoes, or too broken to matter). */
const MAX_MISREAD_ERRORS = 20;

function spanOf(key: unknown, value: unknown): [number, number] | undefined {
  const start = (key as Node | null)?.range?.[0];
  const end = (value as Node | null)?.range?.[2] ?? (key as Node | null)?.range?.[2];
  return start === undefined || end === undefined ? undefined : [start, end];
}

function isInside(article: ParsedArticle, range: Range, spans: Array<[number, number]>): boolean {
  const offset = article.document.offsetAt(range.start) - (article.block?.contentStart ?? 0);
  return spans.some(([start, end]) => start <= offset && offset <= end);
}

/**
 * Keeps, for each `anyOf`/`oneOf` that failed, only the errors of the branch that fits the
 * value best (the one whose `type` matches, then the one with the fewest errors), and drops
 * the `if`/`then` wrappers, so the writer sees one problem instead of every branch's.
 */
function reduceAlternatives(errors: ErrorObject[]): ErrorObject[] {
  const alternatives = errors.filter((error) => error.keyword === 'anyOf' || error.keyword === 'oneOf');
  let kept = errors.filter((error) => error.keyword !== 'if');
  for (const alternative of alternatives) {
    const prefix = alternative.schemaPath + '/';
    const branches = new Map<string, ErrorObject[]>();
    for (const error of kept) {
      if (!error.schemaPath.startsWith(prefix) || !error.instancePath.startsWith(alternative.instancePath))
        continue;
      const branch = error.schemaPath.slice(prefix.length).split('/')[0];
      branches.set(branch, [...(branches.get(branch) ?? []), error]);
    }
    if (branches.size === 0) continue; // e.g. oneOf matching twice: keep the one message.
    const ranked = [...branches.values()].sort(
      (a, b) => typeMismatches(a, alternative) - typeMismatches(b, alternative) || a.length - b.length,
    );
    const chosen = new Set(ranked[0]);
    kept = kept.filter(
      (error) =>
        error !== alternative &&
        (chosen.has(error) || ![...branches.values()].some((list) => list.includes(error))),
    );
  }
  return kept;
}

/** A value of the wrong type also fails its enum, pattern or length: say only that the type is wrong. */
function withoutEchoes(errors: ErrorObject[]): ErrorObject[] {
  const wrongType = new Set(
    errors.filter((error) => error.keyword === 'type').map((error) => error.instancePath),
  );
  if (wrongType.size === 0) return errors;
  return errors.filter(
    (error) =>
      error.keyword === 'type' ||
      error.keyword === 'required' ||
      error.keyword === 'additionalProperties' ||
      !wrongType.has(error.instancePath),
  );
}

function typeMismatches(errors: ErrorObject[], alternative: ErrorObject): number {
  return errors.filter((error) => error.keyword === 'type' && error.instancePath === alternative.instancePath)
    .length;
}

function toDiagnostic(article: ParsedArticle, error: ErrorObject, root: unknown): Diagnostic | undefined {
  const yaml = article.yaml;
  if (!yaml) return undefined;
  const path = parseInstancePath(error.instancePath);
  const found = nodeAtPath(yaml, path);
  const name = fieldName(path);
  const got = found?.node ? sourceOf(article, found.node) : JSON.stringify(error.data);

  switch (error.keyword) {
    case 'required': {
      const missing = String((error.params as { missingProperty: string }).missingProperty);
      const placeholder = placeholderFor(root, error.parentSchema, missing);
      return diagnostic(
        missingField,
        parentRange(article, path),
        `Missing required field \`${missing}\`${where(path)}`,
        {
          field: missing,
          placeholder: placeholder.placeholder,
          group: [...path],
          placeholderAccepted: placeholder.accepted,
        },
      );
    }
    case 'additionalProperties': {
      const extra = String((error.params as { additionalProperty: string }).additionalProperty);
      // A key that is itself a list or group (only broken YAML makes one) is named by its text.
      const mapKeys = isMap(found?.node) ? keyNamesOf(found.node) : undefined;
      const keyNode = (mapKeys?.first.get(extra) ?? mapKeys?.unnamed)?.key;
      const range =
        rangeOf(article, keyNode as Node | undefined) ?? valueRange(article, found?.node, found?.ownerKey);
      // Renaming to a field the mapping already has would only make a duplicate.
      const present = mapKeys?.first ?? new Map<string, Pair>();
      const known =
        isRecord(error.parentSchema) && isRecord(error.parentSchema.properties)
          ? Object.keys(error.parentSchema.properties).filter((property) => !present.has(property))
          : [];
      const suggestion = closestName(extra, known);
      const message = suggestion
        ? `Unknown field \`${extra}\` \u2014 did you mean \`${suggestion}\`?`
        : `Unknown field \`${extra}\`${where(path)}: the schema does not describe it`;
      return diagnostic(
        unknownField,
        range,
        message,
        suggestion ? { replacement: suggestion, field: extra } : { field: extra },
      );
    }
    case 'type': {
      const expected = String((error.params as { type: string }).type);
      const range = valueRange(article, found?.node, found?.ownerKey);
      const node = found?.node;
      const replacement = lossless(node, expected, got);
      return diagnostic(
        wrongType,
        range,
        `\`${name}\` must be ${typeNames(expected)}, got ${describe(got, node)}`,
        replacement === undefined ? undefined : { replacement },
      );
    }
    case 'enum':
    case 'const': {
      const allowed: unknown[] =
        error.keyword === 'enum'
          ? ((error.params as { allowedValues: unknown[] }).allowedValues ?? [])
          : [(error.params as { allowedValue: unknown }).allowedValue];
      const names = allowed.map((value) => String(value));
      const suggestion = typeof error.data === 'string' ? closestName(error.data, names) : undefined;
      const list =
        names.length <= 8
          ? names.map((value) => `\`${value}\``).join(', ')
          : `${names.length} allowed values`;
      return diagnostic(
        invalidValue,
        valueRange(article, found?.node, found?.ownerKey),
        `\`${name}\` must be ${names.length === 1 ? list : `one of ${list}`}, got ${describe(got, found?.node)}${suggestion ? ` \u2014 did you mean \`${suggestion}\`?` : ''}`,
        suggestion ? { replacement: scalarSource(found?.node, suggestion) } : undefined,
      );
    }
    case 'pattern':
    case 'format': {
      const example = firstExample(error.parentSchema);
      const hint =
        example !== undefined
          ? `must look like \`${example}\``
          : error.keyword === 'format'
            ? `must be a ${String((error.params as { format: string }).format)}`
            : 'does not have the expected form';
      return diagnostic(
        invalidFormat,
        valueRange(article, found?.node, found?.ownerKey),
        `\`${name}\` ${hint}, got ${describe(got, found?.node)}`,
      );
    }
    case 'minLength':
    case 'minItems':
    case 'minProperties': {
      const limit = Number((error.params as { limit: number }).limit);
      const range = valueRange(article, found?.node, found?.ownerKey);
      if (limit <= 1) return diagnostic(emptyValue, range, `\`${name}\` must not be empty`);
      const unit =
        error.keyword === 'minLength' ? 'characters' : error.keyword === 'minItems' ? 'entries' : 'fields';
      return diagnostic(emptyValue, range, `\`${name}\` needs at least ${limit} ${unit}`);
    }
    case 'maxLength':
    case 'maxItems': {
      const limit = Number((error.params as { limit: number }).limit);
      const unit = error.keyword === 'maxLength' ? 'characters' : 'entries';
      return diagnostic(
        outOfRange,
        valueRange(article, found?.node, found?.ownerKey),
        `\`${name}\` may have at most ${limit} ${unit}`,
      );
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const { comparison, limit } = error.params as { comparison: string; limit: number };
      const words: Record<string, string> = {
        '>=': 'at least',
        '<=': 'at most',
        '>': 'more than',
        '<': 'less than',
      };
      return diagnostic(
        outOfRange,
        valueRange(article, found?.node, found?.ownerKey),
        `\`${name}\` must be ${words[comparison] ?? comparison} ${limit}, got ${describe(got, found?.node)}`,
      );
    }
    case 'multipleOf':
      return diagnostic(
        outOfRange,
        valueRange(article, found?.node, found?.ownerKey),
        `\`${name}\` must be a multiple of ${String((error.params as { multipleOf: number }).multipleOf)}`,
      );
    case 'uniqueItems': {
      const { j } = error.params as { i: number; j: number };
      const duplicate = nodeAtPath(yaml, [...path, j]);
      return diagnostic(
        schemaMismatch,
        valueRange(article, duplicate?.node ?? found?.node, found?.ownerKey),
        `\`${name}\` lists the same entry twice`,
      );
    }
    default:
      return diagnostic(
        error.keyword === 'anyOf' || error.keyword === 'oneOf' ? schemaMismatch : ruleFor(error.keyword),
        valueRange(article, found?.node, found?.ownerKey),
        `\`${name}\` ${error.message ?? 'does not match the schema'}`,
      );
  }
}

/**
 * What to write after a missing field's `field:` (a value of its type the writer replaces), and
 * whether the schema accepts it as it is (the only allowed value, `false`, a number at its
 * minimum, an empty list where one may be empty): adding the field then fixes the article, and
 * fix-all may do it. `""` for a text that must not be empty, or a date, only moves the problem:
 * the field is offered, not added by fix-all.
 */
function placeholderFor(
  root: unknown,
  parent: unknown,
  field: string,
): { placeholder: DiagnosticData['placeholder']; accepted: boolean } {
  const none = { placeholder: undefined, accepted: false };
  if (!isRecord(root) || !isRecord(parent) || !isRecord(parent.properties)) return none;
  const schema = resolveSchema(root, parent.properties[field]);
  if (!schema) return none;
  const scalar = scalarPlaceholder(root, schema);
  if (scalar) return { placeholder: scalar.text, accepted: scalar.accepted };
  // A group: its own required fields, one level deep.
  const fields = Array.isArray(schema.required) ? schema.required.map(String) : [];
  let accepted = true;
  const nested = fields.map((name): [string, string] => {
    const child = isRecord(schema.properties) ? resolveSchema(root, schema.properties[name]) : undefined;
    const value = child && scalarPlaceholder(root, child);
    if (!value?.accepted) accepted = false;
    return [name, value?.text ?? '""'];
  });
  return { placeholder: nested.length > 0 ? nested : '{}', accepted };
}

/** `$ref`s followed, at most, to find a placeholder (a schema may refer to itself). */
const MAX_REF_DEPTH = 8;

/** The placeholder of a field that is not a group, and whether the schema accepts it. */
function scalarPlaceholder(
  root: JsonSchema,
  schema: JsonSchema,
  depth = 0,
): { text: string; accepted: boolean } | undefined {
  const enumerated = Array.isArray(schema.enum);
  if (enumerated && (schema.enum as unknown[]).length === 1)
    return { text: String((schema.enum as unknown[])[0]), accepted: true };
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return {
        text: '""',
        accepted:
          !enumerated &&
          !(Number(schema.minLength) > 0) &&
          schema.pattern === undefined &&
          schema.format === undefined,
      };
    case 'integer':
    case 'number': {
      const value = typeof schema.minimum === 'number' ? Math.max(schema.minimum, 0) : 0;
      return {
        text: String(value),
        accepted: !enumerated && (typeof schema.maximum !== 'number' || schema.maximum >= value),
      };
    }
    case 'boolean':
      return { text: 'false', accepted: !enumerated };
    case 'array':
      return { text: '[]', accepted: !enumerated && !(Number(schema.minItems) > 0) };
    case 'object':
      return undefined;
    default:
      return typeof schema.$ref === 'string' && depth < MAX_REF_DEPTH
        ? scalarPlaceholder(root, resolveSchema(root, schema) ?? {}, depth + 1)
        : { text: '""', accepted: false };
  }
}

function ruleFor(keyword: string): Rule {
  return keyword === 'not' ? invalidValue : schemaMismatch;
}

/** A name for the field at a path, as a writer reads it: `title`, `related[3].title`, `topics[2]`. */
export function fieldName(path: readonly PathSegment[]): string {
  if (path.length === 0) return 'front matter';
  let name = '';
  for (const segment of path)
    name += typeof segment === 'number' ? `[${segment}]` : (name ? '.' : '') + segment;
  return name;
}

function where(path: readonly PathSegment[]): string {
  return path.length === 0 ? '' : ` in \`${fieldName(path)}\``;
}

/** The range of a value, or of its key when the value is empty (`title:`). */
export function valueRange(
  article: ParsedArticle,
  node: Node | undefined,
  ownerKey: Node | undefined,
): Range {
  const span = nodeSpan(node);
  if (span && span[1] > span[0]) return article.range(span[0], span[1]);
  // An empty list entry (`  - `): its dash, not the list's key lines above.
  const dash = span ? dashBefore(article, span[0]) : undefined;
  if (dash !== undefined) return article.range(dash, dash + 1);
  return rangeOf(article, ownerKey) ?? openingLine(article);
}

/** The offset (in the YAML) of the `-` that starts the list entry at `offset`, if there is one. */
function dashBefore(article: ParsedArticle, offset: number): number | undefined {
  const start = article.block?.contentStart;
  if (start === undefined) return undefined;
  let at = start + offset - 1;
  while (at >= start && (article.text[at] === ' ' || article.text[at] === '\t')) at--;
  return at >= start && article.text[at] === '-' ? at - start : undefined;
}

function rangeOf(article: ParsedArticle, node: Node | null | undefined): Range | undefined {
  const span = nodeSpan(node);
  return span ? article.range(span[0], span[1]) : undefined;
}

/** Where a missing field is reported: the key of the object that lacks it, or the opening `---`. */
function parentRange(article: ParsedArticle, path: readonly PathSegment[]): Range {
  if (path.length === 0 || !article.yaml) return openingLine(article);
  const found = nodeAtPath(article.yaml, path);
  if (typeof path[path.length - 1] === 'string' && found?.pair) {
    return rangeOf(article, found.pair.key as Node) ?? openingLine(article);
  }
  // A list entry: its `-` and first key (the entry, not that field), or the whole entry when it is a scalar.
  const node = found?.node;
  if (isMap(node) && node.items.length > 0) {
    const span = nodeSpan(node.items[0].key as Node);
    if (!span || !article.block) return openingLine(article);
    return article.range(
      entryMarker(article.text, article.block.contentStart + span[0]) - article.block.contentStart,
      span[1],
    );
  }
  return valueRange(article, node, found?.ownerKey);
}

/** The offset of the `-` that opens the list entry whose first key is at `offset`, on the same line; else `offset`. */
function entryMarker(text: string, offset: number): number {
  let at = offset;
  while (at > 0 && text[at - 1] === ' ') at--;
  return text[at - 1] === '-' ? at - 1 : offset;
}

function openingLine(article: ParsedArticle): Range {
  const block = article.block;
  const start = block?.openStart ?? 0;
  return {
    start: article.document.positionAt(start),
    end: article.document.positionAt(block?.openEnd ?? start),
  };
}

function sourceOf(article: ParsedArticle, node: Node): string {
  const span = nodeSpan(node);
  if (!span || !article.block) return '';
  return article.text.slice(article.block.contentStart + span[0], article.block.contentStart + span[1]);
}

function describe(source: string, node: Node | undefined): string {
  if (isMap(node)) return 'a group of fields';
  if (isSeq(node)) return 'a list';
  if (isScalar(node) && node.value === null) return 'nothing';
  const oneLine = source.replace(/\s+/g, ' ').trim();
  return `\`${oneLine.length > 40 ? oneLine.slice(0, 39) + '\u2026' : oneLine}\``;
}

function typeNames(expected: string): string {
  return expected
    .split(',')
    .map((type) => (isJsonType(type) ? jsonTypeInWords(type, 'mustBe') : type))
    .join(' or ');
}

/** The value written in the expected type, when the conversion loses nothing (`"5"` → `5`). */
function lossless(node: Node | undefined, expected: string, source: string): string | undefined {
  // A tag (`!!str 5`) decides the type whatever the value says: rewriting the value changes nothing.
  if (!isScalar(node) || node.tag) return undefined;
  const value = node.value;
  if (typeof value === 'string' && (expected === 'integer' || expected === 'number')) {
    const trimmed = value.trim();
    const pattern = expected === 'integer' ? /^-?(0|[1-9]\d*)$/ : /^-?(0|[1-9]\d*)(\.\d+)?$/;
    return pattern.test(trimmed) ? trimmed : undefined;
  }
  if (typeof value === 'string' && expected === 'boolean' && /^(true|false)$/i.test(value.trim())) {
    return value.trim().toLowerCase();
  }
  if ((typeof value === 'number' || typeof value === 'boolean') && expected === 'string') {
    return JSON.stringify(source);
  }
  return undefined;
}

function firstExample(schema: unknown): string | undefined {
  if (!isRecord(schema) || !Array.isArray(schema.examples) || schema.examples.length === 0) return undefined;
  return String(schema.examples[0]);
}

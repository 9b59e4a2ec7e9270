/**
 * A JSON Schema inferred from the front matter of the files of one kind of content (a
 * collection, the posts, the pages of a folder), and the report of the files that drift from
 * the rest. The schema describes the site as it is: every value seen is accepted (a key that is
 * text in some files and a list in others accepts both), so the files it was inferred from
 * check without an error; what disagrees with the majority goes to the drift report instead.
 * Pure: values in, schema objects and findings out.
 */
import { Document, isScalar, visit } from 'yaml';
import { closestName } from '../util/suggestions';
import { isRecord } from '../util/records';
import { jsonTypeInWords, type JsonType } from './words';

/** The front matter of one file, as the checker reads it. */
export interface InferenceSample {
  /** The file's path below the site root. */
  readonly path: string;
  /** The values the file writes itself. */
  readonly own: Readonly<Record<string, unknown>>;
  /** The keys `_config.yml`'s `defaults` give the file (and that it does not write), with their values. */
  readonly defaulted?: Readonly<Record<string, unknown>>;
  /**
   * Whether its YAML cannot be read as written (a `[` never closed): the check then says
   * nothing of missing keys, and what it lacks says nothing of what is required.
   */
  readonly misread?: boolean;
}

/** How a schema is inferred. */
export interface InferenceOptions {
  /**
   * The share of files (0–1) a key must be in to be required; 1 (the default): in every file.
   * A key required below 1 is declared `x-severity: warning`, so the files without it get a
   * warning, not an error.
   */
  readonly requiredThreshold?: number;
}

/** One way files of a kind disagree with its majority. */
export type DriftFinding =
  | {
      readonly kind: 'type';
      /** The key (top level). */
      readonly key: string;
      /** What most files hold, in words ("list"), and how many files. */
      readonly majority: { readonly type: string; readonly files: number };
      /** The other types, each with its files. */
      readonly outliers: ReadonlyArray<{ readonly type: string; readonly files: readonly string[] }>;
    }
  | {
      readonly kind: 'rare-key';
      readonly key: string;
      /** The files that use it. */
      readonly files: readonly string[];
      /** Of how many files of the kind. */
      readonly of: number;
      /** A key of the kind used more, whose name is close: probably what was meant. */
      readonly suggestion?: string;
    };

/** What `inferSchema` gives. */
export interface InferredSchema {
  /** The JSON Schema (draft-07), as a plain object. */
  readonly schema: Record<string, unknown>;
  /** Where the files disagree with the majority. */
  readonly drift: readonly DriftFinding[];
}

/** A key used by at most this share of the files of a kind is probably a typo. */
export const RARE_KEY_SHARE = 0.02;
/** An enum is inferred from this many values on… */
const ENUM_MIN_VALUES = 6;
/** …with at most this many distinct values… */
const ENUM_MAX_DISTINCT = 10;
/** …each used this many times on average. */
const ENUM_MIN_REPEAT = 3;
/** Distinct texts kept per key: beyond, no enum is possible anyway. */
const MAX_DISTINCT_KEPT = ENUM_MAX_DISTINCT + 1;
/** How deep nested values are described; deeper ones accept anything. */
const MAX_DEPTH = 8;

/** What was seen of the values at one place (a key, the items of a list). */
interface Shape {
  /** Values seen. */
  count: number;
  types: Map<JsonType, number>;
  /** Texts seen, with their number (up to `MAX_DISTINCT_KEPT` distinct). */
  texts: Map<string, number>;
  textCount: number;
  tooManyTexts: boolean;
  allDates: boolean;
  allDateTimes: boolean;
  allUris: boolean;
  items?: Shape;
  /** Per key of the mappings seen: its shape (`count` = mappings holding it). */
  properties?: Map<string, Shape>;
  objects: number;
}

function newShape(): Shape {
  return {
    count: 0,
    types: new Map(),
    texts: new Map(),
    textCount: 0,
    tooManyTexts: false,
    allDates: true,
    allDateTimes: true,
    allUris: true,
    objects: 0,
  };
}

/** The JSON type of a value as the schema check sees it (a `Date` from `_config.yml` is text). */
export function jsonTypeOf(value: unknown): JsonType {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'string' || value instanceof Date) return 'string';
  if (Array.isArray(value)) return 'array';
  return isRecord(value) ? 'object' : 'string';
}

/** A date as YAML and Jekyll read one: `2024-03-01`. */
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A time stamp as YAML 1.1 (Jekyll's) reads one: `2024-03-01 09:30:00 +0100`, `2021-04-01T22:08:00Z`. */
const DATE_TIME =
  /^\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|[ \t]+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d*)?)?(?:[ \t]*(?:Z|[-+]\d{1,2}(?::?\d{2})?))?$/;
/** An address: a scheme and something after it, no space at its ends. */
const URI = /^(?:https?|ftp|mailto|tel):\S/i;

function record(shape: Shape, value: unknown, depth: number): void {
  shape.count++;
  const type = jsonTypeOf(value);
  shape.types.set(type, (shape.types.get(type) ?? 0) + 1);
  if (type === 'string') {
    const text = value instanceof Date ? value.toISOString() : String(value);
    shape.textCount++;
    // A `Date` comes from `_config.yml` (YAML 1.1 reads time stamps): a date-time.
    const isDate = value instanceof Date;
    if (isDate || !DATE.test(text)) shape.allDates = false;
    if (!isDate && !DATE_TIME.test(text)) shape.allDateTimes = false;
    if (isDate || !URI.test(text)) shape.allUris = false;
    if (!shape.tooManyTexts) {
      shape.texts.set(text, (shape.texts.get(text) ?? 0) + 1);
      if (shape.texts.size > MAX_DISTINCT_KEPT) {
        shape.tooManyTexts = true;
        shape.texts.clear();
      }
    }
  } else if (depth < MAX_DEPTH && type === 'array') {
    shape.items ??= newShape();
    for (const item of value as unknown[]) record(shape.items, item, depth + 1);
  } else if (depth < MAX_DEPTH && type === 'object') {
    shape.objects++;
    shape.properties ??= new Map();
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      let property = shape.properties.get(key);
      if (!property) shape.properties.set(key, (property = newShape()));
      record(property, inner, depth + 1);
    }
  }
}

const TYPE_ORDER: readonly JsonType[] = ['string', 'integer', 'number', 'boolean', 'array', 'object', 'null'];

/** The schema of what was seen at one place: every value seen is valid. */
function schemaOf(shape: Shape, depth: number, enumAllowed: boolean): Record<string, unknown> {
  const seen = new Set(shape.types.keys());
  // Every whole number is a number: one type covers both.
  if (seen.has('number')) seen.delete('integer');
  const types = TYPE_ORDER.filter((type) => seen.has(type));
  const schema: Record<string, unknown> = {};
  if (types.length === 0) return schema;
  schema.type = types.length === 1 ? types[0] : types;
  if (seen.has('string') && shape.textCount > 0) {
    if (shape.allDates) schema.format = 'date';
    else if (shape.allDateTimes) schema.format = 'date-time';
    else if (shape.allUris) schema.format = 'uri';
    // `enum` holds whatever the type: only where every value is one of the texts.
    const onlyTexts = types.length === 1;
    const distinct = shape.texts.size;
    if (
      enumAllowed &&
      onlyTexts &&
      !shape.tooManyTexts &&
      schema.format === undefined &&
      shape.textCount >= ENUM_MIN_VALUES &&
      distinct <= ENUM_MAX_DISTINCT &&
      shape.textCount >= distinct * ENUM_MIN_REPEAT
    ) {
      schema.enum = [...shape.texts.entries()].sort((a, b) => b[1] - a[1]).map(([text]) => text);
    }
  }
  if (seen.has('array') && shape.items && shape.items.count > 0 && depth < MAX_DEPTH) {
    // A list of a few values (`categories: [news]`) has an enum too; deeper ones do not.
    schema.items = schemaOf(shape.items, depth + 1, depth === 1);
  }
  if (seen.has('object') && shape.properties && depth < MAX_DEPTH) {
    const keys = orderedKeys(shape.properties);
    schema.properties = Object.fromEntries(
      keys.map((key) => [key, schemaOf(shape.properties!.get(key)!, depth + 1, false)]),
    );
    const required = keys.filter((key) => shape.properties!.get(key)!.count === shape.objects);
    if (required.length > 0) schema.required = required;
  }
  return schema;
}

/** Keys by how many hold them, then as first seen. */
function orderedKeys(properties: Map<string, Shape>): string[] {
  return [...properties.keys()]
    .map((key, index) => ({ key, index, count: properties.get(key)!.count }))
    .sort((a, b) => b.count - a.count || a.index - b.index)
    .map(({ key }) => key);
}

/**
 * Infers the schema of one kind of content from its files, and the drift report: keys whose
 * type differs between files (the majority, the outliers) and keys so rarely used that they are
 * probably typos.
 * @param title the schema's title (the kind's name).
 */
export function inferSchema(
  samples: readonly InferenceSample[],
  title: string,
  options: InferenceOptions = {},
): InferredSchema {
  const threshold = Math.min(1, Math.max(0, options.requiredThreshold ?? 1));
  const keys = new Map<string, Shape>();
  /** Per key: the files holding it (own or from defaults), and per type the files writing it. */
  const holders = new Map<string, number>();
  const filesByType = new Map<string, Map<JsonType, string[]>>();
  /** What `_config.yml`'s defaults give, per key: described only where no file writes the key. */
  const defaults = new Map<string, Shape>();
  const writers = new Map<string, string[]>();
  for (const sample of samples) {
    const present = new Set<string>();
    for (const [key, value] of Object.entries(sample.own)) {
      present.add(key);
      let shape = keys.get(key);
      if (!shape) keys.set(key, (shape = newShape()));
      record(shape, value, 1);
      let byType = filesByType.get(key);
      if (!byType) filesByType.set(key, (byType = new Map()));
      const type = jsonTypeOf(value);
      const files = byType.get(type === 'integer' ? 'number' : type);
      if (files) files.push(sample.path);
      else byType.set(type === 'integer' ? 'number' : type, [sample.path]);
      const written = writers.get(key);
      if (written) written.push(sample.path);
      else writers.set(key, [sample.path]);
    }
    for (const [key, value] of Object.entries(sample.defaulted ?? {})) {
      if (present.has(key)) continue;
      present.add(key);
      // A default is described too (completion, hovers), though the check never blames a file for it.
      let shape = defaults.get(key);
      if (!shape) defaults.set(key, (shape = newShape()));
      record(shape, value, 1);
    }
    if (!sample.misread) for (const key of present) holders.set(key, (holders.get(key) ?? 0) + 1);
  }

  const total = samples.length;
  const readable = samples.filter((sample) => !sample.misread).length;
  for (const [key, shape] of defaults) {
    if (keys.has(key)) continue;
    // One value repeated by `defaults` says nothing of what the files may hold: no enum.
    shape.tooManyTexts = true;
    keys.set(key, shape);
  }
  const ordered = [...keys.keys()]
    .map((key, index) => ({ key, index, count: holders.get(key) ?? 0 }))
    .sort((a, b) => b.count - a.count || a.index - b.index)
    .map(({ key }) => key);
  const properties: Record<string, Record<string, unknown>> = {};
  const required: string[] = [];
  for (const key of ordered) {
    // Enums at the top only: `layout`, `category`; a nested `provider.name` is a catalogue's, open-ended.
    const property = schemaOf(keys.get(key)!, 1, true);
    const count = holders.get(key) ?? 0;
    if (readable > 0 && count >= Math.ceil(threshold * readable) && count > 0) {
      required.push(key);
      // Required though some files lack it: those get a warning, never an error.
      if (count < readable) property['x-severity'] = 'warning';
    }
    // Defined, not assigned: a key `__proto__` is a key like any other.
    Object.defineProperty(properties, key, {
      value: property,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  const schema: Record<string, unknown> = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title,
    type: 'object',
  };
  if (required.length > 0) schema.required = required;
  schema.properties = properties;
  // A key no file uses is probably misspelt: a warning (`unknown-field`) with "did you mean".
  schema.additionalProperties = false;
  return { schema, drift: driftOf(filesByType, writers, total) };
}

function driftOf(
  filesByType: Map<string, Map<JsonType, string[]>>,
  writers: Map<string, string[]>,
  total: number,
): DriftFinding[] {
  const drift: DriftFinding[] = [];
  for (const [key, byType] of filesByType) {
    if (byType.size < 2) continue;
    const sorted = [...byType.entries()].sort((a, b) => b[1].length - a[1].length);
    const [majorityType, majorityFiles] = sorted[0];
    drift.push({
      kind: 'type',
      key,
      majority: { type: typeWords(majorityType), files: majorityFiles.length },
      outliers: sorted.slice(1).map(([type, files]) => ({ type: typeWords(type), files })),
    });
  }
  const common = [...writers.entries()].filter(([, files]) => files.length > 1).map(([key]) => key);
  for (const [key, files] of writers) {
    const rare = files.length <= RARE_KEY_SHARE * total;
    const others = common.filter((other) => other !== key && writers.get(other)!.length > files.length);
    const suggestion = files.length <= 2 ? closestName(key, others) : undefined;
    if (rare || (suggestion !== undefined && files.length === 1)) {
      drift.push({ kind: 'rare-key', key, files, of: total, ...(suggestion ? { suggestion } : {}) });
    }
  }
  return drift;
}

function typeWords(type: JsonType): string {
  return type === 'null' ? 'empty' : type === 'number' ? 'number' : jsonTypeInWords(type);
}

/**
 * A schema as the YAML text of its file: a comment saying where it comes from and that the
 * descriptions are the maintainer's to write, short lists on one line.
 * @param header the comment lines above the schema (without `#`).
 */
export function schemaToYaml(schema: Record<string, unknown>, header: readonly string[]): string {
  const document = new Document(schema);
  visit(document, {
    Seq(_key, node) {
      // `type: [string, array]`, `required: [title, layout]`: short lists of texts on one line.
      const scalars = node.items.every((item) => isScalar(item) && typeof item.value !== 'object');
      const length = node.items.reduce<number>(
        (sum, item) => sum + String(isScalar(item) ? item.value : '').length + 2,
        0,
      );
      if (scalars && length <= 70) node.flow = true;
    },
  });
  document.commentBefore = header.map((line) => (line === '' ? '' : ` ${line}`)).join('\n');
  return document.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** The drift report of one kind in words, one finding a few lines; empty when nothing drifts. */
export function driftReportLines(kind: string, drift: readonly DriftFinding[], maxFiles = 5): string[] {
  const lines: string[] = [];
  const list = (files: readonly string[]) =>
    files.slice(0, maxFiles).join(', ') +
    (files.length > maxFiles ? `, and ${files.length - maxFiles} more` : '');
  for (const finding of drift) {
    if (finding.kind === 'type') {
      const others = finding.outliers
        .map(({ type, files }) => `${type} in ${files.length} (${list(files)})`)
        .join('; ');
      lines.push(
        `  ${kind}: \`${finding.key}\` is ${finding.majority.type} in ${finding.majority.files} ${plural(finding.majority.files, 'file')}, but ${others}`,
      );
    } else {
      const share = `${finding.files.length} of ${finding.of} ${plural(finding.of, 'file')}`;
      lines.push(
        `  ${kind}: \`${finding.key}\` is used by ${share} (${list(finding.files)})${finding.suggestion ? ` \u2014 did you mean \`${finding.suggestion}\`?` : ': rarely used, a typo?'}`,
      );
    }
  }
  return lines;
}

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}

/**
 * A writer's own schema and the schema files it refers to, read as their authors wrote them
 * (JSON or YAML, `$ref`s between files relative to the referring file), never from the network
 * and never from outside the folders the site allows.
 */
import { parse as parseYaml } from 'yaml';
import type { SiteWorkspace } from '../types';
import { isRecord } from '../util/records';

/** At most this many schema files behind one schema (a `$ref` maze is refused, not followed). */
const MAX_SCHEMA_FILES = 64;

/** A schema file read and parsed, known by its URI. */
export interface SchemaFile {
  readonly uri: string;
  readonly schema: Record<string, unknown> | boolean;
}

/** The schema of an article and every file it refers to, or why they could not be read. */
export type SchemaFiles =
  { ok: true; top: SchemaFile; referenced: SchemaFile[] } | { ok: false; message: string };

/** Whether a reference names a scheme other than `file:` (a web address). */
export function isRemote(reference: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(reference) && !/^file:/i.test(reference);
}

/** The URI a reference names, relative to the URI of the file holding it; `undefined` when it cannot be resolved. */
export function resolveReference(base: string, reference: string): string | undefined {
  try {
    return new URL(reference, base).href.replace(/#.*$/, '');
  } catch {
    return undefined;
  }
}

/** Whether `uri` is inside one of the folders (URIs without a trailing slash). */
export function isInside(uri: string, folders: readonly string[]): boolean {
  const target = normalized(uri);
  return folders.some((folder) => target.startsWith(normalized(folder).replace(/\/+$/, '') + '/'));
}

function normalized(uri: string): string {
  try {
    return new URL(uri).href;
  } catch {
    return uri;
  }
}

/**
 * Parses a schema file's text: JSON, or YAML for `.yaml`/`.yml` files (and for any file that is
 * not JSON but reads as YAML). Throws with a message naming the format it expected.
 */
export function parseSchemaText(text: string, uri: string): unknown {
  const yaml = /\.ya?ml$/i.test(uri.replace(/[?#].*$/, ''));
  if (!yaml) {
    try {
      return JSON.parse(text);
    } catch (error) {
      if (/\.json$/i.test(uri)) throw new Error(`is not valid JSON: ${errorText(error)}`);
    }
  }
  try {
    return parseYaml(text, { prettyErrors: false, logLevel: 'error', maxAliasCount: 100 });
  } catch (error) {
    throw new Error(`is not valid YAML: ${errorText(error)}`);
  }
}

/**
 * Reads a schema and, one after another, the files its `$ref`s name.
 * @param label how messages name the schema (as the writer wrote it).
 * @param allowed the folders files may be read from: a reference that leaves them is refused unread.
 */
export async function readSchemaFiles(
  workspace: SiteWorkspace,
  uri: string,
  label: string,
  allowed: readonly string[],
): Promise<SchemaFiles> {
  const files = new Map<string, SchemaFile>();
  const queue: Array<{ uri: string; written: string; from?: string }> = [{ uri, written: label }];
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (files.has(next.uri)) continue;
    const where = next.from === undefined ? `The schema \`${label}\`` : `The schema \`${next.from}\``;
    if (files.size >= MAX_SCHEMA_FILES) {
      return { ok: false, message: `${where} refers to more than ${MAX_SCHEMA_FILES} schema files.` };
    }
    const text = await workspace.readFile(next.uri).catch(() => undefined);
    if (text === undefined) {
      return next.from === undefined
        ? { ok: false, message: `The schema \`${label}\` cannot be read.` }
        : { ok: false, message: `${where} refers to \`${next.written}\`, which cannot be read.` };
    }
    let schema: unknown;
    try {
      schema = parseSchemaText(text, next.uri);
    } catch (error) {
      return {
        ok: false,
        message: `The schema \`${next.from === undefined ? label : next.written}\` ${errorText(error)}`,
      };
    }
    if (!isRecord(schema) && typeof schema !== 'boolean') {
      return { ok: false, message: `The schema \`${next.written}\` is not a JSON Schema (an object).` };
    }
    files.set(next.uri, { uri: next.uri, schema });
    for (const reference of referencesOf(schema)) {
      const refused = refusal(reference, next.uri, allowed);
      const written = next.from === undefined ? label : next.written;
      if (refused)
        return { ok: false, message: `The schema \`${written}\` refers to \`${reference}\`, ${refused}` };
      const target = resolveReference(next.uri, reference)!;
      if (!files.has(target)) queue.push({ uri: target, written: reference, from: written });
    }
  }
  const [top, ...referenced] = files.values();
  return { ok: true, top, referenced };
}

/** Why a `$ref` to another file is not followed, or `undefined` when it may be. */
function refusal(reference: string, base: string, allowed: readonly string[]): string | undefined {
  if (isRemote(reference)) {
    return 'which is not fetched: schemas must be self-contained.';
  }
  const target = resolveReference(base, reference);
  if (target === undefined) return 'which is not a path to a schema file.';
  if (!isInside(target, allowed)) return 'which is outside the site and is not read.';
  return undefined;
}

/** The other files a schema's `$ref`s name (the part before `#`; references inside the file are left out). */
function referencesOf(schema: unknown): string[] {
  const found = new Set<string>();
  const visit = (value: unknown, depth: number): void => {
    if (depth > 64 || typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    const record = value as Record<string, unknown>;
    for (const [key, item] of Object.entries(record)) {
      if (key === '$ref' && typeof item === 'string') {
        const file = item.replace(/#.*$/, '');
        if (file !== '') found.add(file);
      } else if (key !== 'enum' && key !== 'const' && key !== 'examples' && key !== 'default') {
        visit(item, depth + 1);
      }
    }
  };
  visit(schema, 0);
  return [...found];
}

/**
 * The top-level fields a schema declares: its `properties`, through `allOf`, `anyOf`, `oneOf`,
 * `if`/`then`/`else` and `$ref`s to the other files. `undefined` when it declares no properties
 * at all but does not forbid any either (every field may then be meant).
 */
export function declaredFields(files: { top: SchemaFile; referenced: SchemaFile[] }): Set<string> {
  const byUri = new Map([files.top, ...files.referenced].map((file) => [file.uri, file.schema]));
  const fields = new Set<string>();
  const seen = new Set<unknown>();
  const visit = (schema: unknown, base: string, depth: number): void => {
    if (!isRecord(schema) || seen.has(schema) || depth > 32) return;
    seen.add(schema);
    if (isRecord(schema.properties)) for (const key of Object.keys(schema.properties)) fields.add(key);
    if (Array.isArray(schema.required)) {
      for (const key of schema.required) if (typeof key === 'string') fields.add(key);
    }
    for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
      const list = schema[key];
      if (Array.isArray(list)) for (const item of list) visit(item, base, depth + 1);
    }
    for (const key of ['if', 'then', 'else'] as const) visit(schema[key], base, depth + 1);
    if (typeof schema.$ref === 'string') {
      const [file, pointer = ''] = schema.$ref.split('#');
      const uri = file === '' ? base : resolveReference(base, file);
      const target = uri === undefined ? undefined : byUri.get(uri);
      if (target !== undefined) visit(atPointer(target, pointer), uri!, depth + 1);
    }
  };
  visit(files.top.schema, files.top.uri, 0);
  return fields;
}

/** The part of a schema a JSON pointer (`/definitions/x`) names. */
function atPointer(schema: unknown, pointer: string): unknown {
  let value = schema;
  for (const part of pointer.split('/').filter((segment) => segment !== '')) {
    const key = decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~');
    value = isRecord(value) ? value[key] : undefined;
  }
  return value;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

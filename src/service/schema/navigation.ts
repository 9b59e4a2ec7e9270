import { isRecord } from '../util/records';
import type { PathSegment } from '../yaml/nodes';

/** A JSON Schema object (or the `true`/`false` schemas). */
export type JsonSchema = Record<string, unknown>;

/**
 * The schema that describes the value at a path, following local `$ref`s, `properties`,
 * `items`, and the first branch of `allOf`/`anyOf`/`oneOf` that describes the step.
 */
export function schemaAtPath(root: JsonSchema, path: readonly PathSegment[]): JsonSchema | undefined {
  let current: JsonSchema | undefined = resolveSchema(root, root);
  for (const segment of path) {
    if (!current) return undefined;
    current = step(root, current, segment);
  }
  return current;
}

/** Follows a local `$ref` (`#/$defs/provider`); other references are left as they are. */
export function resolveSchema(root: JsonSchema, schema: unknown, depth = 0): JsonSchema | undefined {
  if (!isRecord(schema)) return undefined;
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#') || depth > 32) return schema;
  let target: unknown = root;
  for (const part of ref.slice(2).split('/').filter(Boolean)) {
    const key = decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~');
    target = isRecord(target) ? target[key] : undefined;
  }
  // Keywords beside a $ref (a description, say) win over the target's.
  const resolved = resolveSchema(root, target, depth + 1);
  if (!resolved) return undefined;
  const { $ref: _ref, ...beside } = schema;
  return { ...resolved, ...beside };
}

/** The properties a schema allows at this level, with their (resolved) schemas. */
export function propertiesOf(root: JsonSchema, schema: JsonSchema): Map<string, JsonSchema> {
  const result = new Map<string, JsonSchema>();
  for (const variant of variants(root, schema)) {
    if (!isRecord(variant.properties)) continue;
    for (const [name, child] of Object.entries(variant.properties)) {
      const resolved = resolveSchema(root, child);
      if (resolved && !result.has(name)) result.set(name, resolved);
    }
  }
  return result;
}

/** The fields a schema requires at this level. */
export function requiredOf(root: JsonSchema, schema: JsonSchema): string[] {
  const result = new Set<string>();
  for (const variant of variants(root, schema)) {
    if (Array.isArray(variant.required)) for (const name of variant.required) result.add(String(name));
  }
  return [...result];
}

function step(root: JsonSchema, schema: JsonSchema, segment: PathSegment): JsonSchema | undefined {
  for (const variant of variants(root, schema)) {
    if (typeof segment === 'number' || /^\d+$/.test(String(segment))) {
      const items = Array.isArray(variant.items) ? variant.items[Number(segment)] : variant.items;
      const resolved = resolveSchema(root, items);
      if (resolved) return resolved;
    }
    if (isRecord(variant.properties) && String(segment) in variant.properties) {
      return resolveSchema(root, variant.properties[String(segment)]);
    }
  }
  return undefined;
}

function variants(root: JsonSchema, schema: JsonSchema): JsonSchema[] {
  const result = [schema];
  for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
    const list = schema[keyword];
    if (!Array.isArray(list)) continue;
    for (const branch of list) {
      const resolved = resolveSchema(root, branch);
      if (resolved) result.push(resolved);
    }
  }
  return result;
}

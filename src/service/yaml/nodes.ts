import { isMap, isPair, isScalar, isSeq, Scalar, type Document, type Node, type Pair } from 'yaml';

/** A step into the front matter: a field name or a list position. */
export type PathSegment = string | number;

/** What was found at a path: the value's node, and the `key: value` pair that holds it, if any. */
export interface NodeAtPath {
  readonly node: Node | undefined;
  readonly pair: Pair | undefined;
  /** The nearest key above the value (the pair itself, or the pair of an enclosing field). */
  readonly ownerKey: Node | undefined;
}

/** Finds the node at a path of field names and list positions. */
export function nodeAtPath(yaml: Document.Parsed, path: readonly PathSegment[]): NodeAtPath | undefined {
  let node: unknown = yaml.contents;
  let pair: Pair | undefined;
  let ownerKey: Node | undefined;
  for (const segment of path) {
    if (isMap(node)) {
      // With a key written twice the last one counts, as in the front matter's values (and Jekyll).
      pair = undefined;
      for (const item of node.items) if (keyText(item) === String(segment)) pair = item;
      if (!pair) return undefined;
      ownerKey = isNodeLike(pair.key) ? pair.key : ownerKey;
      node = pair.value;
    } else if (isSeq(node)) {
      const index = typeof segment === 'number' ? segment : Number(segment);
      if (!Number.isInteger(index)) return undefined;
      node = node.items[index];
      pair = isPair(node) ? node : undefined;
      if (pair) node = pair.value;
      else pair = undefined;
    } else {
      return undefined;
    }
  }
  return { node: isNodeLike(node) ? node : undefined, pair, ownerKey };
}

/** The text of a pair's key, as written (`undefined` for complex keys). */
export function keyText(pair: Pair): string | undefined {
  const key = pair.key;
  if (isScalar(key)) return key.value == null ? '' : String(key.value);
  if (key == null) return '';
  return typeof key === 'string' ? key : undefined;
}

/** Start and end offsets of a node's value (without a trailing comment). */
export function nodeSpan(node: Node | null | undefined): [number, number] | undefined {
  const range = node?.range;
  if (!range) return undefined;
  return [range[0], range[1]];
}

function isNodeLike(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'range' in value;
}

/** The field path of an ajv instance path (`/related/3/title`). */
export function parseInstancePath(instancePath: string): PathSegment[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((part) => {
      const text = part.replace(/~1/g, '/').replace(/~0/g, '~');
      return /^(0|[1-9]\d*)$/.test(text) ? Number(text) : text;
    });
}

/**
 * New source text for a scalar that keeps the way it was written: the same quotes when it
 * was quoted, plain when that reads back as the same text, double quotes otherwise.
 */
export function scalarSource(node: Node | undefined, value: string): string {
  if (isScalar(node) && node.type === Scalar.QUOTE_SINGLE) return `'${value.replace(/'/g, "''")}'`;
  if (isScalar(node) && node.type === Scalar.QUOTE_DOUBLE) return JSON.stringify(value);
  return isPlainSafe(value) ? value : JSON.stringify(value);
}

/** Whether text can be written unquoted and still be read back as the same text. */
function isPlainSafe(value: string): boolean {
  if (value === '' || value !== value.trim()) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(value) || /: |\s#|[\r\n\t]/.test(value) || value.endsWith(':'))
    return false;
  return !/^(?:true|false|null|~|yes|no|on|off|[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?|0x[\da-f]+|0o[0-7]+|\.inf|\.nan)$/i.test(
    value,
  );
}

/** What is under an offset of the front matter's YAML. */
export interface NodeAtOffset {
  /** Path of the field or list entry the offset is in (the key's field when on a key). */
  readonly path: PathSegment[];
  /** The innermost node containing the offset (a key's scalar when on a key). */
  readonly node: Node | undefined;
  /** The `key: value` pair the offset is in, if any. */
  readonly pair: Pair | undefined;
  /** Whether the offset is on a key rather than a value. */
  readonly onKey: boolean;
}

/** Finds the innermost field, key or list entry at an offset (inclusive of a node's end). */
export function nodeAtOffset(yaml: Document.Parsed, offset: number): NodeAtOffset {
  const path: PathSegment[] = [];
  let node: unknown = yaml.contents;
  let pair: Pair | undefined;
  for (;;) {
    if (isMap(node)) {
      const inside = node.items.find((item) => pairContains(item, offset));
      if (!inside) break;
      pair = inside;
      path.push(keyText(inside) ?? '');
      if (isNodeLike(inside.key) && contains(inside.key, offset)) {
        return { path, node: inside.key, pair, onKey: true };
      }
      node = inside.value;
      continue;
    }
    if (isSeq(node)) {
      const index = node.items.findIndex((item) => isNodeLike(item) && contains(item, offset));
      if (index < 0) break;
      path.push(index);
      pair = undefined;
      node = node.items[index];
      continue;
    }
    break;
  }
  const found = isNodeLike(node) && contains(node, offset) ? node : undefined;
  return { path, node: found, pair, onKey: false };
}

function contains(node: Node, offset: number): boolean {
  const range = node.range;
  return !!range && range[0] <= offset && offset <= range[1];
}

function pairContains(pair: Pair, offset: number): boolean {
  const key = pair.key as Node | null;
  const value = pair.value as Node | null;
  const start = key?.range?.[0] ?? value?.range?.[0];
  const end = value?.range?.[1] ?? key?.range?.[1];
  if (start === undefined || end === undefined) return false;
  return start <= offset && offset <= end;
}

/**
 * Calls `visit` for every scalar value of the tree (keys excluded), with the key of the
 * pair that holds it (`undefined` for list entries). Much lighter than `yaml`'s `visit`,
 * which matters on every keystroke in a 2 400-line front matter.
 */
export function forEachScalar(
  node: unknown,
  visit: (scalar: Scalar, key: string | undefined) => void,
  key?: string,
): void {
  if (isScalar(node)) visit(node, key);
  else if (isMap(node)) for (const pair of node.items) forEachScalar(pair.value, visit, keyText(pair));
  else if (isSeq(node)) for (const item of node.items) forEachScalar(item, visit, undefined);
}

/**
 * Like `forEachScalar`, but skips the lists and mappings already found to hold nothing of
 * interest (`visit` returning false for all their scalars). Unchanged parts of a document
 * keep their node objects from one version to the next, so on a keystroke only the edited
 * entry is walked again. `clean` must be the same set for the same `visit` question.
 * Returns whether any scalar was of interest.
 */
export function forEachScalarOnce(
  node: unknown,
  visit: (scalar: Scalar, key: string | undefined) => boolean,
  clean: WeakSet<object>,
  key?: string,
): boolean {
  if (isScalar(node)) return visit(node, key);
  if (!isMap(node) && !isSeq(node)) return false;
  if (clean.has(node)) return false;
  let found = false;
  if (isMap(node)) {
    for (const pair of node.items)
      if (forEachScalarOnce(pair.value, visit, clean, keyText(pair))) found = true;
  } else {
    for (const item of node.items) if (forEachScalarOnce(item, visit, clean, undefined)) found = true;
  }
  if (!found) clean.add(node);
  return found;
}

/**
 * Calls `visit` for every scalar value of the tree (keys excluded) with its path of field
 * names and list positions (one array, changed as the walk goes on: copy it to keep it), and
 * whether it is written inside a flow collection (`[…]`, `{…}`).
 */
export function forEachScalarAt(
  node: unknown,
  visit: (scalar: Scalar, path: readonly PathSegment[], inFlow: boolean) => void,
  path: PathSegment[] = [],
  inFlow = false,
): void {
  if (isScalar(node)) {
    visit(node, path, inFlow);
    return;
  }
  if (!isMap(node) && !isSeq(node)) return;
  const flow = inFlow || node.flow === true;
  if (isMap(node)) {
    for (const pair of node.items) {
      path.push(keyText(pair) ?? '');
      forEachScalarAt(pair.value, visit, path, flow);
      path.pop();
    }
  } else {
    node.items.forEach((item, index) => {
      path.push(index);
      forEachScalarAt(item, visit, path, flow);
      path.pop();
    });
  }
}

import { isMap, visit, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { keyText } from './nodes';

/** A `key: value` pair, the mapping holding it and its index there. */
export interface KeyedPair {
  readonly pair: Pair;
  readonly map: YAMLMap;
  readonly index: number;
}

interface Index {
  /** The first pair (outermost, then in document order) whose key starts at an offset. */
  readonly keys: Map<number, KeyedPair>;
  /** The mapping holding the value that starts at an offset. */
  readonly holders: Map<number, YAMLMap>;
}

/** The key names of one mapping. */
export interface MapKeyNames {
  /** The first pair of each key name. */
  readonly first: Map<string, Pair>;
  /** The first pair whose key has no name (a list or group, which only broken YAML makes). */
  readonly unnamed: Pair | undefined;
}

// Made once per parsed document, on first use, and shared by the rules and the fixes: a file
// can have thousands of findings, and searching the whole tree for each took seconds.
const indexes = new WeakMap<Document, Index>();
const names = new WeakMap<YAMLMap, MapKeyNames>();

function indexOf(yaml: Document): Index {
  let index = indexes.get(yaml);
  if (!index) {
    const keys = new Map<number, KeyedPair>();
    const holders = new Map<number, YAMLMap>();
    visit(yaml, {
      Pair(key, pair, path) {
        const map = path[path.length - 1];
        if (typeof key !== 'number' || !isMap(map)) return;
        const start = (pair.key as Node | null)?.range?.[0];
        if (start !== undefined && !keys.has(start)) keys.set(start, { pair, map, index: key });
        const valueStart = (pair.value as Node | null)?.range?.[0];
        if (valueStart !== undefined && !holders.has(valueStart)) holders.set(valueStart, map);
      },
    });
    indexes.set(yaml, (index = { keys, holders }));
  }
  return index;
}

/** The pair whose key starts at an offset of the YAML, the mapping holding it and its index there. */
export function pairWithKeyAt(yaml: Document, offset: number): KeyedPair | undefined {
  return indexOf(yaml).keys.get(offset);
}

/** The mapping holding the value that starts at an offset of the YAML. */
export function mapHoldingValueAt(yaml: Document, offset: number): YAMLMap | undefined {
  return indexOf(yaml).holders.get(offset);
}

/** A mapping's pairs by key name, read once per mapping. */
export function keyNamesOf(map: YAMLMap): MapKeyNames {
  let known = names.get(map);
  if (!known) {
    const first = new Map<string, Pair>();
    let unnamed: Pair | undefined;
    for (const pair of map.items) {
      const name = keyText(pair);
      if (name === undefined) unnamed ??= pair;
      else if (!first.has(name)) first.set(name, pair);
    }
    names.set(map, (known = { first, unnamed }));
  }
  return known;
}

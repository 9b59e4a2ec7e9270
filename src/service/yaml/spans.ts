import { isPair, Scalar, type Node, type Pair } from 'yaml';
import { nodeSpan } from './nodes';

/** Start and end offsets in the front matter's YAML. */
export type Span = [start: number, end: number];

/** A node's span without the line breaks and blank lines a block collection or block scalar ends with. */
export function trimmedSpan(node: unknown, source: string): Span | undefined {
  const span = nodeSpan(node as Node | null | undefined);
  if (!span) return undefined;
  let end = span[1];
  while (end > span[0] && /\s/.test(source.charAt(end - 1))) end--;
  return [span[0], end];
}

/** A `key: value` pair's span: from its key to the end of its value. */
export function pairSpan(pair: Pair, source: string): Span | undefined {
  const key = trimmedSpan(pair.key, source);
  const value = trimmedSpan(pair.value, source);
  if (!key) return value;
  return value ? [key[0], Math.max(key[1], value[1])] : key;
}

/** A list entry's span, from its `-` marker when it has one (the YAML node starts after it). */
export function entrySpan(item: unknown, source: string): Span | undefined {
  const span = isPair(item) ? pairSpan(item, source) : trimmedSpan(item, source);
  if (!span) return undefined;
  let start = span[0];
  while (start > 0 && (source.charAt(start - 1) === ' ' || source.charAt(start - 1) === '\t')) start--;
  return source.charAt(start - 1) === '-' ? [start - 1, span[1]] : span;
}

/** Where a scalar's text is written: inside its quotes, after a block scalar's header, without blanks around it. */
export function scalarTextSpan(scalar: Scalar, source: string): Span | undefined {
  const range = scalar.range;
  if (!range) return undefined;
  let [start, end] = range;
  if (scalar.type === Scalar.QUOTE_DOUBLE || scalar.type === Scalar.QUOTE_SINGLE) {
    start++;
    end--;
  } else if (scalar.type === Scalar.BLOCK_LITERAL || scalar.type === Scalar.BLOCK_FOLDED) {
    const header = source.indexOf('\n', start);
    if (header < 0 || header >= end) return undefined;
    start = header + 1;
  }
  while (start < end && /\s/.test(source.charAt(start))) start++;
  while (end > start && /\s/.test(source.charAt(end - 1))) end--;
  return start < end ? [start, end] : undefined;
}

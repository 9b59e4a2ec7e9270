/**
 * The length of a text in characters (code points), as JSON Schema's `maxLength` counts it:
 * a drop-in for ajv's `ucs2length`, which the precompiled validators call instead (scripts/compile-schemas.mjs).
 * Why: ajv counts character by character in JavaScript, on every title and excerpt of every
 * article; texts without surrogate pairs, nearly all of them, are counted by one native search.
 */
export default function textLength(text: string): number {
  if (!/[\uD800-\uDBFF]/.test(text)) return text.length;
  const pairs = text.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g);
  return text.length - (pairs ? pairs.length : 0);
}

import { defineRule } from '../rule';

/**
 * A duration written in words (`25 mins`) where the schema asks for ISO 8601 (`PT25M`):
 * chosen by the schema's `"x-rule": "duration-format"` on the field (`length`). Real sites
 * publish such lengths and their pages show them as written, so it is a warning.
 */
export const durationFormat = defineRule({
  code: 'duration-format',
  severity: 'warning',
  description: 'A duration in words (`25 mins`) where ISO 8601 (`PT25M`) is expected, with the fix.',
  severityReason:
    'Warning: pages show the length as written; real sites publish `25 mins` (19 courses of one site).',
  layer: 'schema',
  fix: 'safe',
  fixTitle: (replacement) => `Write it as \`${replacement}\``,
  replacementFor: isoDuration,
});

const UNITS: ReadonlyArray<[RegExp, 'H' | 'M' | 'S']> = [
  [/^(h|hrs?|hours?)$/, 'H'],
  [/^(mins?|minutes?)$/, 'M'],
  [/^(s|secs?|seconds?)$/, 'S'],
];

/**
 * The ISO 8601 duration of a length written in words, where its reading is certain:
 * `25 mins` → `PT25M`, `1 hour 5 minutes` → `PT1H5M`, `90 min` → `PT90M`. A bare `m`
 * (minutes or months?), fractions, or a unit given twice give none.
 */
export function isoDuration(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const words = value
    .trim()
    .toLowerCase()
    .replace(/,|\band\b/g, ' ');
  const parts = /^(?:\s*\d+\s*[a-z]+)+\s*$/.test(words) ? words.match(/\d+\s*[a-z]+/g) : null;
  if (!parts) return undefined;
  const amounts = new Map<'H' | 'M' | 'S', number>();
  for (const part of parts) {
    const [, amount, unit] = /^(\d+)\s*([a-z]+)$/.exec(part)!;
    const letter = UNITS.find(([pattern]) => pattern.test(unit))?.[1];
    if (!letter || amounts.has(letter)) return undefined;
    amounts.set(letter, Number(amount));
  }
  const order: Array<'H' | 'M' | 'S'> = ['H', 'M', 'S'];
  // Units in their usual order only: `5 minutes 1 hour` is a slip too odd to rewrite.
  const written = [...amounts.keys()];
  if (written.some((unit, index) => index > 0 && order.indexOf(unit) < order.indexOf(written[index - 1])))
    return undefined;
  return 'PT' + order.map((unit) => (amounts.has(unit) ? `${amounts.get(unit)}${unit}` : '')).join('');
}

import type { Diagnostic } from 'vscode-languageserver-types';
import { defineRule, diagnostic } from '../rule';
import { locate } from './helpers';

/**
 * A date as Jekyll reads `date:` (a YAML timestamp, else Ruby's `Time.parse` of the text):
 * `YYYY-MM-DD`, optionally a time `HH:MM` or `HH:MM:SS(.fraction)` after a space or `T`, and a
 * zone `Z`, `+01:00` or `-0500`.
 */
const JEKYLL_DATE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:[ \t]*(?:Z|[-+]\d{1,2}(?::?\d{2})?))?)?$/;

/** Whether Jekyll can read this text as the date of a page. */
export function isJekyllDate(text: string): boolean {
  const parts = JEKYLL_DATE.exec(text.trim());
  if (!parts) return false;
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return false;
  const [hour, minute, second] = [Number(parts[4] ?? 0), Number(parts[5] ?? 0), Number(parts[6] ?? 0)];
  return hour <= 23 && minute <= 59 && second <= 60;
}

/**
 * A `date:` Jekyll cannot read: the site does not build ("Invalid date … could not be parsed").
 * True of every Jekyll site, so it applies to every file, whatever its kind. An empty `date:`
 * is no date (Jekyll takes the file name's); a date given by `_config.yml`'s `defaults` has no
 * line in the file and is not reported.
 */
export const jekyllDate = defineRule({
  code: 'jekyll-date',
  severity: 'error',
  description: 'A `date` Jekyll cannot read (it wants `YYYY-MM-DD`, optionally `HH:MM:SS` and a zone).',
  layer: 'site',
  fix: 'none',
  severityReason: 'Error: Jekyll stops the build on a date it cannot parse ("could not be parsed").',
  check(context): Diagnostic[] {
    const date = context.ownData.date;
    if (date === null || date === undefined || typeof date === 'object') return [];
    if (typeof date === 'string' && isJekyllDate(date)) return [];
    const place = locate(context, ['date']);
    if (!place) return [];
    return [
      diagnostic(
        jekyllDate,
        place.range,
        `Jekyll cannot read the date \`${String(date)}\`: write it as \`YYYY-MM-DD\`, optionally with a time and zone (\`2024-01-01 09:30:00 +0100\`)`,
      ),
    ];
  },
});

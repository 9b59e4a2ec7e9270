import type { Diagnostic } from 'vscode-languageserver-types';
import { defineRule, diagnostic } from '../rule';
import { locate } from './helpers';

/**
 * How Jekyll reads `date:` of a post or collection document: the YAML timestamp, else Ruby's
 * `Time.parse` of the text, which is lenient. It takes `2024-01-05`, `2024/1/5`, `2024.01.05`,
 * `20240105`, `05/01/2024`, `April 3, 2024`, `Mon, 25 Apr 2016 10:00:00 GMT`, a time with or
 * without seconds, `am`/`pm`, and any zone after it (`+0100`, `UTC`, `PST`, `+0100 CET`), the
 * words it does not know being ignored. It fails only where it finds no date or time at all
 * (`yesterday`, `TBD`, `2024`, `2024-10`) or a part out of range (month 13, day 0 or 32,
 * hour 25, minute 60); a day past the month's end (`2024-02-30`) rolls over into the next
 * month rather than failing. Where it is unsure what Ruby makes of the text, the date is taken
 * as readable: an error must be one Jekyll stops on.
 */
const NUMERIC_DATE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d])/;
const TIME = /(?:^|[\sT])(\d{1,2}):(\d{2})(?::(\d{2}))?(?!\d)/;
const MONTH_NAME =
  /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december)\b\.?/i;
const YEAR_OR_YEAR_MONTH = /^\d{4}(?:-\d{1,2}-?)?$/;
const OTHER_NUMERIC_DATE = /^(?:\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{2}-\d{1,2}-\d{1,2}|\d{8})(?!\d)/;

/** Whether Jekyll can read this text as the date of a post or document. */
export function isJekyllDate(text: string): boolean {
  const value = text.trim();
  const date = NUMERIC_DATE.exec(value);
  if (date) {
    const [month, day] = [Number(date[2]), Number(date[3])];
    if (month < 1 || month > 12 || day < 1 || day > 31) return false;
    return timeInRange(value.slice(date[0].length));
  }
  if (OTHER_NUMERIC_DATE.test(value) || MONTH_NAME.test(value) || TIME.test(value)) return timeInRange(value);
  // Without a digit Ruby finds nothing (`yesterday`, `TBD`); a year alone or a year and month
  // with a hyphen it reads out of range. Other digits it reads in ways too many to follow
  // (`at 10` is the 10th of this month): they are given the benefit of the doubt.
  if (!/\d/.test(value)) return false;
  return !YEAR_OR_YEAR_MONTH.test(value);
}

/** Whether the time in this text, if any, is one Ruby accepts (`24:00` is the next midnight). */
function timeInRange(text: string): boolean {
  const time = TIME.exec(text);
  if (!time) return true;
  const [hour, minute, second] = [Number(time[1]), Number(time[2]), Number(time[3] ?? 0)];
  return hour <= 24 && minute <= 59 && second <= 60;
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
  description:
    'A `date` Jekyll cannot read: no date in it (`yesterday`, `2024`), or a month, day or hour out of range.',
  layer: 'site',
  fix: 'none',
  severityReason: 'Error: Jekyll stops the build on a date it cannot parse ("could not be parsed").',
  check(context): Diagnostic[] {
    const date = context.ownData.date;
    if (date === null || date === undefined || typeof date === 'object') return [];
    // Jekyll reads the value as text (`20240105` as a number too).
    if ((typeof date === 'string' || typeof date === 'number') && isJekyllDate(String(date))) return [];
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

import type { Diagnostic } from 'vscode-languageserver-types';
import { dayText, fileNameDate, offsetText, type Day } from '../../site/postDates';
import { daysText, siteTimezone, timezoneWords } from '../../site/publication';
import { defineRule, diagnostic, type DiagnosticData } from '../rule';
import { locate } from './helpers';
import { articleDate, articlePlace, datedName } from './publicationFacts';

const sameDay = (a: Day, b: Day) => a.year === b.year && a.month === b.month && a.day === b.day;

/**
 * A post whose file name's date and front matter `date` fall on different days: Jekyll dates
 * the post by the front matter (its URL's `:year/:month/:day`, its place in `site.posts`), so
 * the name misleads. Days are compared in the site's `timezone`, as Jekyll places the date
 * (a YAML time without a zone is UTC to it: `2024-01-05 23:30:00` is 6 January in Paris).
 * Fixes both ways: the `date` set to the name's day (keeping its time), or the file renamed.
 */
export const dateMismatch = defineRule({
  code: 'date-mismatch',
  severity: 'warning',
  description:
    'A post whose file name\u2019s date and front matter `date` differ: Jekyll dates it (and builds its URL) by the `date`.',
  layer: 'site',
  fix: 'unsafe',
  fixTitle: (replacement) => `Change \`date\` to ${replacement}`,
  severityReason:
    'Warning: the site builds, under the front matter\u2019s date; which of the two is right only the writer knows.',
  check(context): Diagnostic[] {
    if (!Object.hasOwn(context.ownData, 'date')) return [];
    const place = articlePlace(context);
    if (place?.kind !== 'post') return [];
    const fileName = fileNameDate(place.inFolder);
    if (!fileName || !fileName.inName || fileName.validity !== 'ok') return [];
    const date = articleDate(context, place);
    const written = date?.written;
    if (!date || !written || date.placed.days.some((day) => sameDay(day, fileName))) return [];
    const found = locate(context, ['date']);
    if (!found) return [];
    const config = context.shape.config;
    const timezone = siteTimezone(config);
    const data: DiagnosticData = {};
    const source = context.article.text.slice(
      context.article.document.offsetAt(found.range.start),
      context.article.document.offsetAt(found.range.end),
    );
    let message: string;
    if (sameDay(written, fileName)) {
      // The same day as written, another once placed in the site's zone.
      message = `\`date: ${date.text}\` is ${daysText(date)} in the site\u2019s time zone (${timezoneWords(config)})${written.implicitUtc ? ' \u2014 a YAML time without a zone is UTC to Jekyll' : ''} \u2014 while the file name says ${fileName.text}: Jekyll dates the post, and builds its URL, by the \`date\``;
      // A time Jekyll read as UTC reads as the site's once it has the site's zone.
      const zone = timezone && written.implicitUtc ? offsetText(written, timezone) : undefined;
      if (zone && /^[^'"]/.test(source)) data.replacement = `${source.trimEnd()} ${zone}`;
    } else {
      message = `The file name says ${fileName.text} but \`date\` says ${dayText(written)}: Jekyll dates the post, and builds its URL, by the \`date\`, not by the file name`;
      const day = /\d{4}([-/])\d{1,2}\1\d{1,2}/.exec(source);
      if (day) data.replacement = source.replace(day[0], dayText(fileName));
    }
    if (date.placed.days.length === 1)
      data.renameTo = datedName(date.placed.days[0], `${fileName.slug}${fileName.extension}`);
    return [diagnostic(dateMismatch, found.range, message, data)];
  },
});

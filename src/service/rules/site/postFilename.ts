import type { Diagnostic } from 'vscode-languageserver-types';
import { dayText, fileNameDate, placeDate } from '../../site/postDates';
import { permalinkHasDate, siteTimezone } from '../../site/publication';
import { defineRule, diagnostic, type DiagnosticData } from '../rule';
import { articleDate, articlePlace, datedName, openingRange } from './publicationFacts';

/**
 * A file in `_posts` (at any depth, in a category folder's `_posts` too) whose name Jekyll does
 * not read as a post's: it must start with a date, `YYYY-MM-DD-title.md` (Jekyll's
 * `DATE_FILENAME_MATCHER`), else Jekyll skips it without a word. A date in the name that is no
 * day is reported too: Ruby reads `2020-02-31` as 2 March, and stops the build on `2020-13-01`
 * where it needs the name's date (no front matter `date`). Also a document of a written-out
 * collection whose permalink holds a date (`:year`) while the document has none: Jekyll dates
 * it with the time of each build. The fix, where the front matter has a date, renames the file.
 */
export const postFilename = defineRule({
  code: 'post-filename',
  severity: 'warning',
  description:
    'A file in `_posts` whose name does not start with a date (`YYYY-MM-DD-`): Jekyll skips it without a word; or a date in the name that is no day.',
  layer: 'site',
  fix: 'unsafe',
  severityReason:
    'Warning: the site builds, without the post; renaming a file is the writer\u2019s move, never made by fix-all.',
  check(context): Diagnostic[] {
    const place = articlePlace(context);
    if (!place) return [];
    if (place.kind === 'collection') return undatedDocument(context, place);
    if (place.kind !== 'post') return [];
    const range = openingRange(context);
    if (!range) return [];
    const name = place.inFolder.slice(place.inFolder.lastIndexOf('/') + 1);
    const fileName = fileNameDate(place.inFolder);
    const date = articleDate(context, place);
    const frontDay =
      date?.source === 'front matter' && date.placed.days.length === 1 ? date.placed.days[0] : undefined;
    if (!fileName) {
      const data: DiagnosticData | undefined = frontDay ? { renameTo: datedName(frontDay, name) } : undefined;
      return [
        diagnostic(
          postFilename,
          range,
          `Jekyll skips \`${name}\` without a word: a post\u2019s file name must start with its date, \`YYYY-MM-DD-title.md\` (Jekyll\u2019s rule for files in \`_posts\`)` +
            (frontDay ? `; rename it \`${datedName(frontDay, name)}\`` : ''),
          data,
        ),
      ];
    }
    if (!fileName.inName || (fileName.validity !== 'invalid' && fileName.validity !== 'rolls-over'))
      return [];
    const rest = `${fileName.slug}${fileName.extension}`;
    const data: DiagnosticData | undefined = frontDay ? { renameTo: datedName(frontDay, rest) } : undefined;
    const hasDate = date?.source === 'front matter';
    let message: string;
    if (fileName.validity === 'invalid') {
      message = hasDate
        ? `The date in the file name, \`${fileName.text}\`, is no date: Jekyll goes by the front matter\u2019s \`date\`, but the name misleads`
        : `The date in the file name, \`${fileName.text}\`, is no date: Jekyll stops the build ("Invalid date \u2026 does not have a valid date in the filename")`;
    } else {
      const rolled = dayText(placeDate(fileName, siteTimezone(context.shape.config)).days[0]);
      message = hasDate
        ? `The date in the file name, \`${fileName.text}\`, is no day of that month (Jekyll would read it as ${rolled}); Jekyll goes by the front matter\u2019s \`date\`, but the name misleads`
        : `The date in the file name, \`${fileName.text}\`, is no day of that month: Jekyll reads it as ${rolled}, and dates the post (and its URL) so`;
    }
    return [diagnostic(postFilename, range, message, data)];
  },
});

/** A document of a written-out collection whose permalink uses a date it does not have. */
function undatedDocument(
  context: Parameters<NonNullable<typeof postFilename.check>>[0],
  place: Extract<ReturnType<typeof articlePlace>, { kind: 'collection' }>,
): Diagnostic[] {
  if (!place.output) return [];
  const permalink = context.data.permalink ?? place.permalink;
  if (!permalinkHasDate(permalink)) return [];
  const date = context.data.date;
  if ((date !== undefined && date !== null && date !== '') || fileNameDate(place.inFolder)) return [];
  const range = openingRange(context);
  if (!range) return [];
  return [
    diagnostic(
      postFilename,
      range,
      `This \`${place.collection}\` document has no date (no \`date\`, no \`YYYY-MM-DD-\` at the start of its name) but its permalink \`${String(permalink)}\` uses one: Jekyll dates it with the time of each build, so its address changes with every build`,
    ),
  ];
}

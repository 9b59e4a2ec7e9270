import type { Diagnostic } from 'vscode-languageserver-types';
import { fileNameDate } from '../../site/postDates';
import { daysText, isInTheFuture, timezoneWords } from '../../site/publication';
import { defineRule, diagnostic } from '../rule';
import { locate } from './helpers';
import { articleDate, articlePlace, openingRange } from './publicationFacts';

/**
 * A post dated after now: Jekyll leaves it out of the site (and out of `site.posts`) until its
 * date comes, unless `_config.yml` sets `future: true` (its default is `false`). The date is
 * the front matter's `date`, else the file name's, read in the site's `timezone`; without one,
 * Jekyll uses the build machine's zone, so only a date in the future in every zone is reported.
 * A collection's document with a future date gets no page either, when its collection is written
 * out. A page has no publication date, and a draft is not published anyway.
 */
export const futurePost = defineRule({
  code: 'future-post',
  severity: 'warning',
  description:
    'A post dated after now in the site\u2019s `timezone`: Jekyll does not publish it until then, unless `_config.yml` sets `future: true`.',
  layer: 'site',
  fix: 'none',
  severityReason:
    'Warning: the site builds, without the post, until its date comes; a date set ahead on purpose is the writer\u2019s choice.',
  check(context): Diagnostic[] {
    const config = context.shape.config;
    if (config.future) return [];
    const place = articlePlace(context);
    if (!place) return [];
    // A post whose name Jekyll does not read is not read at all (`post-filename`).
    if (
      place.kind === 'post' ? !fileNameDate(place.inFolder) : !(place.kind === 'collection' && place.output)
    )
      return [];
    const date = articleDate(context, place);
    if (!date || !isInTheFuture(date, context.now())) return [];
    const own = date.source === 'front matter' && Object.hasOwn(context.ownData, 'date');
    const range = own ? locate(context, ['date'])?.range : openingRange(context);
    if (!range) return [];
    const what = place.kind === 'collection' ? `\`${place.collection}\` document` : 'post';
    const from =
      date.source === 'file name'
        ? 'by its file name'
        : own
          ? `by its \`date\``
          : 'by the `date` `_config.yml`\u2019s `defaults` give it';
    return [
      diagnostic(
        futurePost,
        range,
        `This ${what} is dated ${daysText(date)} ${from}, after now (${timezoneWords(config)}): Jekyll does not publish it until then, because \`_config.yml\` does not set \`future: true\` (Jekyll\u2019s default is \`future: false\`)`,
      ),
    ];
  },
});

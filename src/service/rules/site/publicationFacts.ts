import type { Range } from 'vscode-languageserver-types';
import { isScalar, Scalar } from 'yaml';
import type { ArticleContext } from '../../context';
import { dayText, fileNameDate } from '../../site/postDates';
import {
  daysText,
  documentDate,
  isInTheFuture,
  placeOf,
  timezoneWords,
  type DocumentDate,
  type DocumentPlace,
} from '../../site/publication';
import { YAML11_BOOLEAN } from './jekyllBoolean';
import { locate } from './helpers';

/**
 * What the publication rules (`future-post`, `unpublished`, `post-filename`, `date-mismatch`),
 * the hover and the CLI's list of unpublished files share: where Jekyll reads the article
 * from, the date it gives it, and why it will not publish it.
 */

/** Where Jekyll reads the article from (a post, a draft, a collection's document, a page); none when it does not. */
export function articlePlace(context: ArticleContext): DocumentPlace | undefined {
  return placeOf(context.relativePath, context.shape.config);
}

/**
 * The date Jekyll gives the article (its `date`, own or from `defaults`, else its file name's).
 * The YAML nodes are read only for a timestamp without a zone, whose reading depends on quotes.
 */
export function articleDate(context: ArticleContext, place: DocumentPlace): DocumentDate | undefined {
  const date = context.data.date;
  const own = Object.hasOwn(context.ownData, 'date');
  let plain = !own;
  if (
    own &&
    typeof date === 'string' &&
    /\d:\d\d:\d\d/.test(date) &&
    !/(?:Z|[-+]\d{1,2}(?::?\d\d)?)\s*$/i.test(date)
  ) {
    const node = locate(context, ['date'])?.node;
    plain = isScalar(node) && node.type === Scalar.PLAIN && !node.tag;
  }
  return documentDate(place, date, plain, context.shape.config);
}

/** The range of the front matter's opening `---`: where a finding about the file itself goes. */
export function openingRange(context: ArticleContext): Range | undefined {
  const block = context.article.block;
  const document = context.article.document;
  return block
    ? { start: document.positionAt(block.openStart), end: document.positionAt(block.openEnd) }
    : undefined;
}

/** Whether the article's own `published` is false to Jekyll (`false`, or an unquoted `no`/`off`). */
export function ownPublishedFalse(context: ArticleContext): boolean {
  if (!Object.hasOwn(context.ownData, 'published')) return false;
  const value = context.ownData.published;
  if (value === false) return true;
  if (typeof value !== 'string' || !YAML11_BOOLEAN.test(value) || /^(?:yes|on)$/i.test(value)) return false;
  const node = locate(context, ['published'])?.node;
  return isScalar(node) && node.type === Scalar.PLAIN && !node.tag;
}

/** Whether the file is the article's own `published: false` or one `_config.yml`'s `defaults` give it. */
function publishedFalse(context: ArticleContext): 'own' | 'defaults' | undefined {
  if (ownPublishedFalse(context)) return 'own';
  const defaulted = context.defaulted.get('published');
  return defaulted && defaulted.value === false ? 'defaults' : undefined;
}

/**
 * Why Jekyll will not publish the article, in a writer's words: one sentence per reason, none
 * when it will (or when the file is not one Jekyll reads as a page, post or document).
 */
export function unpublishedReasons(context: ArticleContext): string[] {
  const place = articlePlace(context);
  if (!place) return [];
  const config = context.shape.config;
  const reasons: string[] = [];
  if (place.kind === 'draft' && !config.showDrafts) {
    reasons.push(
      'It is a draft (in `_drafts`): Jekyll builds drafts only with `jekyll build --drafts` (or `show_drafts: true` in `_config.yml`).',
    );
  }
  if (place.kind === 'post' && !fileNameDate(place.inFolder)) {
    reasons.push(
      'Its name does not start with a date (`YYYY-MM-DD-title.md`): Jekyll skips such a file in `_posts` without a word.',
    );
  }
  if (place.kind === 'collection' && !place.output) {
    reasons.push(
      `It is in the \`${place.collection}\` collection, which \`_config.yml\` does not output (\`output: false\`, Jekyll\u2019s default for a collection): no page is made for it; it is only listed in \`site.${place.collection}\`.`,
    );
  }
  if (place.kind === 'post' && !place.output) {
    reasons.push(
      '`_config.yml` sets `output: false` for the `posts` collection: no page is made for a post.',
    );
  }
  const unpublished = publishedFalse(context);
  if (unpublished && !config.unpublished) {
    reasons.push(
      unpublished === 'own'
        ? 'It says `published: false`: Jekyll does not build it (unless with `--unpublished`).'
        : 'The `defaults` of `_config.yml` give it `published: false`: Jekyll does not build it (unless with `--unpublished`).',
    );
  }
  if (!config.future && (place.kind === 'post' || (place.kind === 'collection' && place.output))) {
    const named = place.kind === 'post' ? fileNameDate(place.inFolder) : undefined;
    const date = place.kind === 'collection' || named ? articleDate(context, place) : undefined;
    if (date && isInTheFuture(date, context.now())) {
      reasons.push(
        `It is dated ${daysText(date)} (${date.source === 'front matter' ? 'its `date`' : 'its file name'}), in the future (${timezoneWords(config)}): Jekyll publishes it only from then, as \`_config.yml\` does not set \`future: true\`.`,
      );
    }
  }
  return reasons;
}

/** `YYYY-MM-DD-` and the rest of a file name: the name Jekyll reads as a post of that day. */
export function datedName(day: Parameters<typeof dayText>[0], name: string): string {
  return `${dayText(day)}-${name}`;
}

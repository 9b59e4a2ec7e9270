import type { JekyllConfig } from './jekyllConfig';
import { pathBelowCollectionsDir } from './jekyllDefaults';
import {
  dayText,
  fileNameDate,
  isKnownTimezone,
  placeDate,
  writtenDate,
  type FileNameDate,
  type PlacedDate,
  type WrittenDate,
} from './postDates';

/** Where Jekyll reads a file from, which decides whether and how it publishes it. */
export type DocumentPlace =
  | {
      /** A post (`_posts`, at the root or in a category folder) or a draft (`_drafts`). */
      readonly kind: 'post' | 'draft';
      /** The path of its `_posts` or `_drafts` folder below the site root. */
      readonly folder: string;
      /** Its path below that folder (Jekyll reads the name's date from it). */
      readonly inFolder: string;
      /** For a post: whether `_config.yml` outputs the `posts` collection (it does unless told not to). */
      readonly output: boolean;
    }
  | {
      /** A document of a collection `_config.yml` declares. */
      readonly kind: 'collection';
      readonly collection: string;
      /** Whether the collection is written out (`output: true`; Jekyll's default is `false`). */
      readonly output: boolean;
      /** The collection's `permalink`, when it sets one. */
      readonly permalink: string | undefined;
      readonly inFolder: string;
    }
  | { readonly kind: 'page' };

/**
 * Where Jekyll reads a file at `relativePath` from: a post or a draft (a `_posts` or `_drafts`
 * folder in the site or a folder of it, below `collections_dir` when set), a document of a
 * declared collection, or a page (in no `_` folder); none for a file Jekyll does not read as
 * any of them (`_includes`, an undeclared `_news`).
 */
export function placeOf(relativePath: string, config: JekyllConfig): DocumentPlace | undefined {
  const segments = relativePath.split('/');
  const below = pathBelowCollectionsDir(relativePath, config);
  if (below !== undefined) {
    const inner = below.split('/');
    const skipped = segments.length - inner.length;
    // Jekyll reads `_posts` and `_drafts` in every folder it walks, and walks no `_` or `.` folder.
    for (let index = 0; index < inner.length - 1; index++) {
      const segment = inner[index];
      if (segment === '_posts' || segment === '_drafts') {
        const posts = config.collections.get('posts')?.settings.output;
        return {
          kind: segment === '_posts' ? 'post' : 'draft',
          folder: segments.slice(0, skipped + index + 1).join('/'),
          inFolder: inner.slice(index + 1).join('/'),
          output: posts === undefined || rubyTruthy(posts),
        };
      }
      if (/^[_.]/.test(segment)) break;
    }
    const name = /^_(.+)$/.exec(inner[0])?.[1];
    const collection = name === undefined || name === 'posts' ? undefined : config.collections.get(name);
    if (collection && inner.length > 1) {
      const permalink = collection.settings.permalink;
      return {
        kind: 'collection',
        collection: collection.name,
        output: rubyTruthy(collection.settings.output),
        permalink: typeof permalink === 'string' ? permalink : undefined,
        inFolder: inner.slice(1).join('/'),
      };
    }
  }
  return segments.some((segment) => segment.startsWith('_')) ? undefined : { kind: 'page' };
}

function rubyTruthy(value: unknown): boolean {
  return value !== undefined && value !== null && value !== false;
}

/** The site's `timezone` when the platform knows it (else dates are judged in every zone). */
export function siteTimezone(config: JekyllConfig): string | undefined {
  return config.timezone !== undefined && isKnownTimezone(config.timezone) ? config.timezone : undefined;
}

/** How a site's time zone is named in a message. */
export function timezoneWords(config: JekyllConfig): string {
  if (config.timezone === undefined)
    return 'the site sets no `timezone` in `_config.yml`, so Jekyll uses the build machine\u2019s';
  if (!isKnownTimezone(config.timezone))
    return `\`timezone: ${config.timezone}\` is no zone name this editor knows`;
  return `\`timezone: ${config.timezone}\``;
}

/** The date Jekyll gives a document: its front matter's `date`, else its file name's. */
export interface DocumentDate {
  readonly source: 'front matter' | 'file name';
  /** The date as written. */
  readonly text: string;
  readonly placed: PlacedDate;
  /** The front matter's date, when it is the source. */
  readonly written?: WrittenDate;
  /** The file name's date, when the name has one. */
  readonly fileName?: FileNameDate;
}

/**
 * The date Jekyll gives a document, when it can be told: the front matter's `date` (its own or
 * from `defaults`) in a form whose reading is certain, else the date its file name starts with.
 * None when the document has neither (Jekyll then uses the time of the build) or when the
 * `date` is in a form not read here.
 * @param plain whether the front matter's `date` is an unquoted YAML scalar.
 */
export function documentDate(
  place: DocumentPlace,
  date: unknown,
  plain: boolean,
  config: JekyllConfig,
): DocumentDate | undefined {
  const inFolder = place.kind === 'page' ? undefined : place.inFolder;
  const fileName = inFolder === undefined ? undefined : fileNameDate(inFolder);
  const timezone = siteTimezone(config);
  if (date !== undefined && date !== null && date !== '') {
    const written = writtenDate(date, plain);
    if (!written) return undefined;
    return {
      source: 'front matter',
      text: String(date).trim(),
      placed: placeDate(written, timezone),
      written,
      fileName,
    };
  }
  if (!fileName || fileName.validity === 'invalid' || fileName.validity === 'unknown') return undefined;
  return { source: 'file name', text: fileName.text, placed: placeDate(fileName, timezone), fileName };
}

/** Whether a date is after `now` wherever the site's clock is: certainly in the future to Jekyll. */
export function isInTheFuture(date: DocumentDate, now: Date): boolean {
  return date.placed.earliest > now.getTime();
}

/** The date placeholders of a permalink (`:year`, `:i_month`…): the URL changes with the date. */
const DATE_PLACEHOLDER =
  /:(?:year|short_year|month|i_month|short_month|long_month|day|i_day|y_day|short_day|long_day|hour|minute|second|week|w_year|w_day)(?![a-z_])/;

/** Whether a permalink template holds a date. */
export function permalinkHasDate(permalink: unknown): boolean {
  return typeof permalink === 'string' && DATE_PLACEHOLDER.test(permalink);
}

/** A short `YYYY-MM-DD` of the day(s) a date falls on. */
export function daysText(date: DocumentDate): string {
  return date.placed.days.map(dayText).join(' or ');
}

import type { NewArticle } from '../types';
import { scalarSource } from '../yaml/nodes';

/** The longest slug in a new article's file name; a longer title is cut at a word. */
export const MAX_SLUG_LENGTH = 80;

/** What the skeleton needs to know; the service passes in the site's catalogue. */
export interface NewArticleInput {
  /** The headline (surrounding blanks are dropped). */
  readonly title: string;
  /** The address of the original article, when there is one. */
  readonly webUrl?: string;
  /** The time of writing, for `publishedDateTime` and the date in the file name (both UTC). */
  readonly now: Date;
  /** The site's catalogue of organizations (`_data/organizations`). */
  readonly organizations: ReadonlyArray<{ readonly name: string; readonly domain: string }>;
}

/**
 * A new news article in the site's naming and format: `_news/YYYY-MM-DD-slug.md`, with the
 * fields the news schema requires (plus `webUrl` when given), valid except for what only the
 * writer knows: the `excerpt`, the `topics`, and the provider when its domain is not in the
 * catalogue. The cursor goes inside the quotes of the empty `excerpt`.
 */
export function newArticle(input: NewArticleInput): NewArticle {
  const title = input.title.trim();
  const webUrl = input.webUrl?.trim().replace(/ /g, '%20') || undefined;
  const host = webUrl ? hostOf(webUrl) : undefined;
  const organization = host ? organizationFor(host, input.organizations) : undefined;
  const timestamp = input.now.toISOString().slice(0, 19) + 'Z';
  const lines = [
    '---',
    'category: news',
    `title: ${doubleQuoted(title)}`,
    'excerpt: ""',
    `publishedDateTime: ${timestamp}`,
    ...(webUrl ? [`webUrl: ${doubleQuoted(webUrl)}`] : []),
    'type: article',
    'provider:',
    `  name: ${organization ? scalarSource(undefined, organization.name) : '""'}`,
    `  domain: ${scalarSource(undefined, organization?.domain ?? (host && siteDomain(host)) ?? '')}`,
    'topics: []',
    '---',
    '',
    '',
  ];
  const text = lines.join('\n');
  return {
    fileName: `_news/${timestamp.slice(0, 10)}-${slugOf(title)}.md`,
    text,
    cursorOffset: text.indexOf('\nexcerpt: ""') + '\nexcerpt: "'.length,
  };
}

/** Letters that do not decompose into a base letter and an accent. */
const LATIN: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
};
/** Any of those letters. */
const LATIN_LETTERS = new RegExp(`[${Object.keys(LATIN).join('')}]`, 'g');

/**
 * The file-name part of a title as the site writes it: lower-case ASCII words joined by `-`,
 * accents dropped, apostrophes and `&` dropped inside words (`AT&T’s` → `atts`), at most
 * `MAX_SLUG_LENGTH` characters, cut at a word. `article` when nothing is left.
 */
export function slugOf(title: string): string {
  const words = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(LATIN_LETTERS, (letter) => LATIN[letter])
    .replace(/['\u2018\u2019\u02bc&]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > MAX_SLUG_LENGTH) {
      if (!slug) slug = word.slice(0, MAX_SLUG_LENGTH);
      break;
    }
    slug = next;
  }
  return slug || 'article';
}

/** The host of an `http(s)` address, in lower case, or `undefined`. */
function hostOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return /^https?:$/.test(parsed.protocol) && parsed.hostname ? parsed.hostname.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

/** The domain a site is known by: its host without `www.`. */
function siteDomain(host: string): string {
  return /^www\.[^.]+\./.test(host) ? host.slice(4) : host;
}

/** The catalogue's organization for a host or the nearest parent domain of it. */
function organizationFor(
  host: string,
  organizations: NewArticleInput['organizations'],
): NewArticleInput['organizations'][number] | undefined {
  const byDomain = new Map(
    organizations.map((organization) => [organization.domain.toLowerCase(), organization]),
  );
  for (let domain = host; domain.includes('.'); domain = domain.slice(domain.indexOf('.') + 1)) {
    const found = byDomain.get(domain);
    if (found) return found;
  }
  return undefined;
}

/**
 * Text in YAML double quotes: JSON's escapes (which YAML reads the same), plus the characters
 * YAML 1.1 takes for line breaks or that an editor would not show.
 */
function doubleQuoted(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

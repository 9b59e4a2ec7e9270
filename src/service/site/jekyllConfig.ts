import { parseDocument } from 'yaml';
import { isRecord } from '../util/records';

/** The scope of one `defaults` entry: which files its values apply to. */
export interface DefaultsScope {
  /** A folder or file path relative to the site root, or a glob with `*`; `''` for every file. */
  readonly path: string;
  /** A collection name, `posts`, `pages` or `drafts`; none for every type. */
  readonly type: string | undefined;
}

/** One entry of `_config.yml`'s `defaults`. */
export interface DefaultsEntry {
  readonly scope: DefaultsScope;
  /** The front matter values the entry gives the files of its scope. */
  readonly values: Readonly<Record<string, unknown>>;
}

/** A collection `_config.yml` declares (`collections:`), with its settings (`output`, `permalink`…). */
export interface JekyllCollection {
  readonly name: string;
  readonly settings: Readonly<Record<string, unknown>>;
}

/** What the service uses of a site's `_config.yml`, read as Jekyll reads it. */
export interface JekyllConfig {
  /** The `defaults` entries, in the file's order. */
  readonly defaults: readonly DefaultsEntry[];
  /** The declared collections by name (`posts` is always one). */
  readonly collections: ReadonlyMap<string, JekyllCollection>;
  /** Where collections live (`<collections_dir>/_<name>`), without slashes; `''` for the root. */
  readonly collectionsDir: string;
  /** The `exclude` entries: names, paths or globs relative to the root. */
  readonly exclude: readonly string[];
  /** `future: true`: posts dated in the future are published too (Jekyll's default is `false`). */
  readonly future: boolean;
  /** `unpublished: true`: files with `published: false` are built too. */
  readonly unpublished: boolean;
  /** `show_drafts: true`: the drafts in `_drafts` are built too (as `--drafts` does). */
  readonly showDrafts: boolean;
  /** The site's `timezone` (an IANA name such as `Europe/Paris`), as written; none when unset. */
  readonly timezone: string | undefined;
  /** Why the file could not be read (its YAML errors); empty when it was read. */
  readonly problems: readonly string[];
}

/** The configuration of a site without `_config.yml`, or whose `_config.yml` cannot be read. */
export const EMPTY_JEKYLL_CONFIG: JekyllConfig = {
  defaults: [],
  collections: new Map([['posts', { name: 'posts', settings: {} }]]),
  collectionsDir: '',
  exclude: [],
  future: false,
  unpublished: false,
  showDrafts: false,
  timezone: undefined,
  problems: [],
};

/**
 * Reads the text of a `_config.yml` as Jekyll does: YAML 1.1, with merge keys (`<<: *anchor`).
 * A file with YAML errors gives the empty configuration, with the errors in `problems`;
 * entries of the wrong shape are left out, never a failure.
 */
export function readJekyllConfig(text: string | undefined): JekyllConfig {
  if (text === undefined) return EMPTY_JEKYLL_CONFIG;
  let value: unknown;
  try {
    const document = parseDocument(text, { version: '1.1', merge: true, uniqueKeys: false });
    if (document.errors.length > 0) {
      return { ...EMPTY_JEKYLL_CONFIG, problems: document.errors.map((error) => error.message) };
    }
    value = document.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    return { ...EMPTY_JEKYLL_CONFIG, problems: [error instanceof Error ? error.message : String(error)] };
  }
  if (!isRecord(value)) return EMPTY_JEKYLL_CONFIG;
  return {
    defaults: readDefaults(value.defaults),
    collections: readCollections(value.collections),
    collectionsDir: typeof value.collections_dir === 'string' ? trimSlashes(value.collections_dir) : '',
    exclude: Array.isArray(value.exclude)
      ? value.exclude.filter((entry): entry is string => typeof entry === 'string' && entry !== '')
      : [],
    // Jekyll tests these settings as Ruby does: anything but `false` and no value is true.
    future: rubyTruthy(value.future),
    unpublished: rubyTruthy(value.unpublished),
    showDrafts: rubyTruthy(value.show_drafts),
    timezone:
      typeof value.timezone === 'string' && value.timezone.trim() !== '' ? value.timezone.trim() : undefined,
    problems: [],
  };
}

/** Ruby's truth: every value but `false` and `nil` (an empty `key:`) is true, `0` and `"no"` too. */
function rubyTruthy(value: unknown): boolean {
  return value !== undefined && value !== null && value !== false;
}

function readDefaults(value: unknown): DefaultsEntry[] {
  if (!Array.isArray(value)) return [];
  const entries: DefaultsEntry[] = [];
  for (const entry of value) {
    if (!isRecord(entry) || !isRecord(entry.values)) continue;
    const scope = isRecord(entry.scope) ? entry.scope : {};
    entries.push({
      scope: {
        path: typeof scope.path === 'string' ? trimSlashes(scope.path) : '',
        type: typeof scope.type === 'string' && scope.type !== '' ? scope.type : undefined,
      },
      values: entry.values,
    });
  }
  return entries;
}

/** `collections:` as a list of names or a mapping of name → settings. */
function readCollections(value: unknown): Map<string, JekyllCollection> {
  const collections = new Map(EMPTY_JEKYLL_CONFIG.collections);
  if (Array.isArray(value)) {
    for (const name of value) if (typeof name === 'string') collections.set(name, { name, settings: {} });
  } else if (isRecord(value)) {
    for (const [name, settings] of Object.entries(value))
      collections.set(name, { name, settings: isRecord(settings) ? settings : {} });
  }
  return collections;
}

/** A path as Jekyll compares them: no leading `./` or `/`, no trailing `/`. */
export function trimSlashes(path: string): string {
  return path
    .replace(/^(\.\/)+/, '')
    .replace(/^\/+/, '')
    .replace(/\/+$/, '');
}

/**
 * Whether Jekyll leaves out the file or folder at `relativePath` (`/`-separated, below the site
 * root) because of `exclude:`: as Jekyll's entry filter, an entry is left out when a pattern
 * matches it (`File.fnmatch`: `*` across `/` too) or it starts with a pattern (`exclude: [docs]`
 * also leaves out `docs-old`); a file is left out when it or a folder above it is.
 */
export function isExcludedByJekyll(relativePath: string, exclude: readonly string[]): boolean {
  if (exclude.length === 0) return false;
  const patterns = exclude.map((pattern) => pattern.replace(/^(\.\/)+/, '').replace(/^\/+/, ''));
  const segments = trimSlashes(relativePath).split('/');
  for (let depth = 1; depth <= segments.length; depth++) {
    const entry = segments.slice(0, depth).join('/');
    const isFolder = depth < segments.length;
    for (const pattern of patterns) {
      if (pattern === '') continue;
      if (entry.startsWith(pattern) || (isFolder && pattern === `${entry}/`)) return true;
      if (/[*?[]/.test(pattern) && fnmatch(pattern).test(entry)) return true;
    }
  }
  return false;
}

const fnmatchCache = new Map<string, RegExp>();

/** Ruby's `File.fnmatch` without flags: `*` any run of characters, `?` one, `[…]` a class. */
function fnmatch(pattern: string): RegExp {
  let regexp = fnmatchCache.get(pattern);
  if (!regexp) {
    const source = pattern.replace(/\[[^\]]*\]|[*?]|[.+^${}()|\\/]/g, (token) =>
      token === '*'
        ? '.*'
        : token === '?'
          ? '.'
          : token.startsWith('[')
            ? token.replace(/^\[!/, '[^')
            : `\\${token}`,
    );
    regexp = new RegExp(`^${source}$`);
    fnmatchCache.set(pattern, regexp);
  }
  return regexp;
}

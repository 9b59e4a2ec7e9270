/**
 * The kinds of content of a site, as `init` infers a schema for each: the posts (`_posts`,
 * `_drafts`), each collection (or `_` folder holding articles), the pages; a collection's (or
 * the pages') subfolders become kinds of their own when their files have another shape
 * (`_learning/videos` and `_learning/courses`). Each kind is a list of globs for the team
 * configuration, and a file belongs to the first kind whose globs match it, exactly as the
 * check will choose its schema: what the schema is inferred from is what it will check.
 */
import { Document, isMap, isSeq, parseDocument } from 'yaml';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS } from '../defaults';
import {
  driftReportLines,
  inferSchema,
  schemaToYaml,
  type DriftFinding,
  type InferenceOptions,
  type InferenceSample,
} from '../schema/inference';
import { localSchemaOf } from '../schema/localSchema';
import { matchesGlob } from '../util/glob';
import { isRecord } from '../util/records';
import { ArticleCache } from '../yaml/articleDocument';
import type { JekyllConfig } from './jekyllConfig';
import { defaultsFor, pathBelowCollectionsDir } from './jekyllDefaults';

/** Jekyll's own folders: they hold layouts, includes and data, not content. */
const NOT_CONTENT = new Set(['_data', '_layouts', '_includes', '_sass', '_plugins', '_site']);
/** A subfolder becomes a kind of its own from this many files… */
const MIN_SPLIT_FILES = 5;
/** …when the keys most of its files hold overlap this little with another's (Jaccard index)… */
const MAX_SPLIT_OVERLAP = 0.5;
/** …or this many keys are in nearly every file of one and nearly none of the other's. */
const MIN_DISTINGUISHING_KEYS = 3;

/** One kind of content and the globs of its files. */
export interface ContentKind {
  /** Its name, for the schema's file (`schemas/<name>.schema.yaml`): `posts`, `docs`, `pages`. */
  readonly name: string;
  /** The globs of its files (relative to the site root). */
  readonly fileMatch: readonly string[];
  /** Where its files are, in words (`_posts, _drafts`, `_learning/videos`, `pages`). */
  readonly where: string;
}

/** A kind with the schema inferred from its files. */
export interface InferredKind extends ContentKind {
  /** The schema file's path below the site root. */
  readonly schemaPath: string;
  readonly schema: Record<string, unknown>;
  /** The schema file's text. */
  readonly schemaText: string;
  /** The number of files it was inferred from. */
  readonly files: number;
  readonly drift: readonly DriftFinding[];
}

/** What `init` writes and says for a site. */
export interface InferredSite {
  readonly kinds: readonly InferredKind[];
  /** The files of no kind (Jekyll's own folders: `_data`, `_layouts`…), which keep their schemas. */
  readonly unassigned: number;
}

/**
 * The front matter of a file as the check reads it: its own values (read by the same parser),
 * and those `_config.yml`'s `defaults` give it. `undefined` when the check validates nothing in
 * it: no front matter, one that is not a mapping or cannot be read, or one naming its own
 * schema (`$schema`), which then applies instead of its kind's.
 * @param relativePath the file's path below the site root.
 */
export function readInferenceSample(
  document: TextDocument,
  relativePath: string,
  config: JekyllConfig,
  maxFrontMatterLength = DEFAULT_SETTINGS.maxFrontMatterLength,
): InferenceSample | undefined {
  const article = new ArticleCache(1).get(document, maxFrontMatterLength);
  if (!article.block || article.tooLarge) return undefined;
  const read = article.data();
  if (!read.ok || !(read.value == null || isRecord(read.value))) return undefined;
  const own = isRecord(read.value) ? read.value : {};
  if (localSchemaOf(article, own)) return undefined;
  const defaulted: Record<string, unknown> = {};
  for (const [key, { value }] of defaultsFor(relativePath, config))
    if (!Object.hasOwn(own, key))
      Object.defineProperty(defaulted, key, { value, enumerable: true, writable: true, configurable: true });
  const misread = article.yaml?.errors.some((error) => error.code !== 'DUPLICATE_KEY') ?? false;
  return { path: relativePath, own, defaulted, ...(misread ? { misread } : {}) };
}

/** A group of files on the way to becoming kinds: its base folder and the files by subfolder. */
interface Group {
  readonly name: string;
  /** The base folder's path (`_learning`, `docs`), `''` for the root's pages. */
  readonly base: string;
  readonly files: InferenceSample[];
}

/**
 * The kinds of content of a site, in the order their globs are tried: posts, subfolders made
 * kinds, collections and `_` folders, folders of pages made kinds, then the pages.
 */
export function planContentKinds(samples: readonly InferenceSample[], config: JekyllConfig): ContentKind[] {
  let hasPosts = false;
  let hasDrafts = false;
  const folders = new Map<string, Group>();
  const pages: Group = { name: 'pages', base: '', files: [] };
  for (const sample of samples) {
    const segments = sample.path.split('/');
    if (segments.includes('_posts')) {
      hasPosts = true;
      continue;
    }
    if (segments.includes('_drafts')) {
      hasDrafts = true;
      continue;
    }
    const below = pathBelowCollectionsDir(sample.path, config);
    const first = segments[0];
    let base: string | undefined;
    if (below !== undefined && below.startsWith('_')) {
      const folder = below.split('/')[0];
      if (below.includes('/') && !NOT_CONTENT.has(folder))
        base = sample.path.slice(0, sample.path.length - below.length) + folder;
    } else if (first.startsWith('_') && segments.length > 1 && !NOT_CONTENT.has(first)) base = first;
    if (base !== undefined) {
      let group = folders.get(base);
      if (!group)
        folders.set(base, (group = { name: base.slice(base.lastIndexOf('/') + 2), base, files: [] }));
      group.files.push(sample);
    } else if (!first.startsWith('_')) pages.files.push(sample);
  }

  const kinds: ContentKind[] = [];
  const taken = new Set<string>();
  const unique = (name: string, suffix: string): string => {
    let result = slug(name) || suffix;
    if (taken.has(result)) result = `${result}-${suffix}`;
    for (let n = 2; taken.has(result); n++) result = `${slug(name)}-${suffix}-${n}`;
    taken.add(result);
    return result;
  };
  if (hasPosts || hasDrafts) {
    kinds.push({
      name: unique('posts', 'posts'),
      fileMatch: [...(hasPosts ? ['**/_posts/**'] : []), ...(hasDrafts ? ['**/_drafts/**'] : [])],
      where: [hasPosts && '_posts', hasDrafts && '_drafts'].filter(Boolean).join(', '),
    });
  }
  const collections: ContentKind[] = [];
  for (const group of [...folders.values()].sort((a, b) => compare(a.base, b.base))) {
    const split = splitFolders(group);
    for (const folder of split)
      kinds.push({
        name: unique(`${group.name}-${folder}`, 'kind'),
        fileMatch: [`${group.base}/${folder}/**`],
        where: `${group.base}/${folder}`,
      });
    collections.push({
      name: unique(group.name, 'collection'),
      fileMatch: [`${group.base}/**`],
      where: group.base,
    });
  }
  kinds.push(...collections);
  if (pages.files.length > 0) {
    const split = new Set(splitFolders(pages));
    for (const folder of split)
      kinds.push({ name: unique(folder, 'pages'), fileMatch: [`${folder}/**`], where: folder });
    const rest = new Set<string>();
    for (const { path } of pages.files) {
      const slash = path.indexOf('/');
      if (slash < 0) {
        // A name without a slash matches in any folder: the kinds above are tried first.
        if (!/[*?{},[\]]/.test(path)) rest.add(path);
      } else if (!split.has(path.slice(0, slash))) rest.add(`${path.slice(0, slash)}/**`);
    }
    if (rest.size > 0)
      kinds.push({ name: unique('pages', 'pages'), fileMatch: [...rest].sort(compare), where: 'pages' });
  }
  return kinds;
}

/**
 * The subfolders of a group whose files have a shape of their own: from `MIN_SPLIT_FILES` files,
 * when the keys most of their files hold overlap little with those of another part of the group.
 */
function splitFolders(group: Group): string[] {
  const prefix = group.base === '' ? '' : `${group.base}/`;
  const parts = new Map<string, InferenceSample[]>();
  for (const sample of group.files) {
    const rest = sample.path.slice(prefix.length);
    const slash = rest.indexOf('/');
    const part = slash < 0 ? '' : rest.slice(0, slash);
    const files = parts.get(part);
    if (files) files.push(sample);
    else parts.set(part, [sample]);
  }
  const large = [...parts.entries()].filter(([, files]) => files.length >= MIN_SPLIT_FILES);
  if (large.length < 2) return [];
  const profiles = large.map(([part, files]) => [part, keyShares(files)] as const);
  const distinct = profiles.some(([, keys], i) =>
    profiles.some(([, other], j) => j > i && differ(keys, other)),
  );
  return distinct
    ? profiles
        .map(([part]) => part)
        .filter((part) => part !== '' && !/[*?{},[\]]/.test(part))
        .sort(compare)
    : [];
}

/** Per key, the share of the files that write it. */
function keyShares(files: readonly InferenceSample[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const file of files)
    for (const key of Object.keys(file.own)) counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const [key, count] of counts) counts.set(key, count / files.length);
  return counts;
}

/** Whether two parts of a group hold front matter of different shapes. */
function differ(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  const common = (shares: ReadonlyMap<string, number>) =>
    new Set([...shares].filter(([, share]) => share >= 0.5).map(([key]) => key));
  const [keysA, keysB] = [common(a), common(b)];
  let both = 0;
  for (const key of keysA) if (keysB.has(key)) both++;
  const either = keysA.size + keysB.size - both;
  if (either > 0 && both / either < MAX_SPLIT_OVERLAP) return true;
  // Keys nearly every file of one part writes and nearly none of the other's (`price`, `levels`).
  let distinguishing = 0;
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const [shareA, shareB] = [a.get(key) ?? 0, b.get(key) ?? 0];
    if (Math.max(shareA, shareB) >= 0.9 && Math.min(shareA, shareB) <= 0.1) distinguishing++;
  }
  return distinguishing >= MIN_DISTINGUISHING_KEYS;
}

/** The kind whose globs match a path first, as the check chooses a schema. */
export function kindOfPath<K extends ContentKind>(kinds: readonly K[], path: string): K | undefined {
  return kinds.find((kind) => kind.fileMatch.some((glob) => matchesGlob(glob, path)));
}

/**
 * Infers the schemas of a site: its kinds of content, each file given to the first kind whose
 * globs match it (as the check will), a schema and a drift report per kind.
 * @param samples the front matter of every file of the site the check reads (`readInferenceSample`).
 * @param schemasFolder where the schema files go, below the site root.
 */
export function inferSiteSchemas(
  samples: readonly InferenceSample[],
  config: JekyllConfig,
  options: InferenceOptions & { readonly schemasFolder?: string; readonly header?: readonly string[] } = {},
): InferredSite {
  const kinds = planContentKinds(samples, config);
  const byKind = new Map<ContentKind, InferenceSample[]>(kinds.map((kind) => [kind, []]));
  let unassigned = 0;
  for (const sample of samples) {
    const kind = kindOfPath(kinds, sample.path);
    if (kind) byKind.get(kind)!.push(sample);
    else unassigned++;
  }
  const folder = (options.schemasFolder ?? 'schemas').replace(/\/+$/, '');
  const inferred: InferredKind[] = [];
  for (const kind of kinds) {
    const files = byKind.get(kind)!;
    if (files.length === 0) continue;
    const { schema, drift } = inferSchema(files, kind.name, options);
    const header = [
      `The front matter of ${kind.where} (${kind.fileMatch.join(', ')}), as ${files.length} ${files.length === 1 ? 'file writes' : 'files write'} it.`,
      ...(options.header ?? []),
      'Describe each field with `description:`, narrow the types and lists of values as you wish.',
    ];
    inferred.push({
      ...kind,
      schemaPath: `${folder}/${kind.name}.schema.yaml`,
      schema,
      schemaText: schemaToYaml(schema, header),
      files: files.length,
      drift,
    });
  }
  return { kinds: inferred, unassigned };
}

/**
 * The team configuration that maps each kind to its schema. Given the text of an existing one,
 * only its `schemas` are replaced: its `rules`, `ignore` and comments stay.
 */
export function teamConfigText(kinds: readonly InferredKind[], existing?: string): string {
  const schemas = kinds.map((kind) => ({ fileMatch: [...kind.fileMatch], url: kind.schemaPath }));
  const kept = existing === undefined ? undefined : parseDocument(existing);
  const document =
    kept && kept.errors.length === 0 && isMap(kept.contents)
      ? kept
      : new Document({ schemas: [] as unknown[] });
  const list = document.createNode(schemas);
  // `fileMatch: ["_posts/**"]` on one line, as people write it.
  for (const item of list.items)
    if (isMap(item)) {
      const fileMatch = item.get('fileMatch', true);
      if (isSeq(fileMatch)) fileMatch.flow = true;
    }
  document.set('schemas', list);
  if (document !== kept) {
    document.commentBefore =
      ' Article Front Matter\u2019s settings for this site, committed with it: the editor, the CLI\n' +
      ' and the language server read them. The schemas were inferred by `article-frontmatter init`.';
  }
  return document.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** The drift report of a site in words: a line per finding, grouped by kind. */
export function driftReport(site: InferredSite): string[] {
  return site.kinds.flatMap((kind) => driftReportLines(kind.name, kind.drift));
}

/** A kind's name as a file name: lower case letters, digits and dashes. */
function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

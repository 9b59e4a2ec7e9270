/**
 * Files changed on disk, told to the services: which changes matter to a site (its
 * `_config.yml`, its data folders, its schemas) and what each one makes it forget. Adapters
 * only watch the files `siteFiles` names and pass every event to `siteFileChanged`.
 */
import type { ArticleSettings } from '../service/index';
import { readRelativePath } from './settings';
import { SITE_CONFIG, type SiteRoots } from './siteRoots';
import type { SiteServices } from './siteServices';
import { lastSegment, parentFolder, pathBelow } from './uris';

/** Folders every site keeps its taxonomy and learning items in, watched whatever the settings say. */
export const DEFAULT_SITE_DATA_FOLDERS = ['_data', '_learning'] as const;

/**
 * The team configuration and schema files (JSON or YAML, named by the team config or by an
 * article's `$schema`), watched in every site whatever the settings say.
 */
export const TEAM_FILE_GLOBS = [
  '**/.article-frontmatter.{yml,yaml,json}',
  '**/*.schema.{json,yaml,yml}',
] as const;

/** Whether a file is the team configuration or a schema file (see `TEAM_FILE_GLOBS`). */
function isTeamFile(relativePath: string): boolean {
  return /(^|\/)\.article-frontmatter\.(ya?ml|json)$|\.schema\.(json|ya?ml)$/.test(relativePath);
}

/** What to watch so that the services read a site's files again when they change. */
export interface SiteFiles {
  /** Globs for the workspace folders: the folders of site data and the schemas named by a relative path. */
  readonly globs: string[];
  /** Schemas named by a `file:` URI, which may be outside the workspace. */
  readonly schemaUris: string[];
}

/** The files the services read besides articles (for the settings of every scope), for file watchers. */
export function siteFiles(settings: ReadonlyArray<Partial<ArticleSettings>>): SiteFiles {
  const folders = new Set<string>(DEFAULT_SITE_DATA_FOLDERS);
  const schemaPaths = new Set<string>();
  const schemaUris = new Set<string>();
  for (const item of settings) {
    for (const folder of dataFolders(item)) if (isPlainPath(folder)) folders.add(folder);
    for (const { url } of item.schemas ?? []) {
      if (/^file:/i.test(url)) schemaUris.add(url);
      const path = schemaPath(url);
      if (path !== undefined && isPlainPath(path)) schemaPaths.add(path);
    }
  }
  const all = [...folders];
  // A folder inside another one is covered by it.
  const watchedFolders = all.filter((folder) => !all.some((other) => folder.startsWith(other + '/')));
  return {
    globs: [
      ...TEAM_FILE_GLOBS,
      ...watchedFolders.map((folder) => `**/${folder}/**`),
      ...[...schemaPaths].map((path) => `**/${path}`),
    ],
    schemaUris: [...schemaUris],
  };
}

/** Where the services are told about changes. */
export interface ChangedSites {
  readonly roots: SiteRoots;
  readonly services: Pick<SiteServices, 'invalidate'>;
  /** Schemas named by a `file:` URI (`siteFiles(…).schemaUris`): any site may use them. */
  readonly schemaUris: readonly string[];
}

/**
 * A file (or folder) was created, changed or deleted: the sites that read it forget what they
 * read, and a `_config.yml` may have made or unmade a site. Returns whether any site changed,
 * i.e. whether open articles should be checked again.
 */
export function siteFileChanged(uri: string, sites: ChangedSites): boolean {
  if (lastSegment(uri) === SITE_CONFIG) {
    const folder = parentFolder(uri);
    if (folder !== undefined) sites.roots.forget(folder);
    sites.services.invalidate(uri);
    return true;
  }
  if (sites.schemaUris.some((schema) => pathBelow(schema, uri) === '')) {
    sites.services.invalidate(uri, { everywhere: true });
    return true;
  }
  return sites.services.invalidate(uri, { when: readsFile });
}

/**
 * Whether a site with these settings reads the file at `relativePath` (below its root), or
 * anything inside it when it is a folder: its data folders and the schemas it names.
 */
export function readsFile(relativePath: string, settings: Partial<ArticleSettings>): boolean {
  if (isTeamFile(relativePath)) return true;
  const read = [
    ...DEFAULT_SITE_DATA_FOLDERS,
    ...dataFolders(settings),
    ...(settings.schemas ?? []).flatMap(({ url }) => schemaPath(url) ?? []),
  ];
  return read.some(
    (path) =>
      relativePath === '' ||
      relativePath === path ||
      relativePath.startsWith(path + '/') ||
      path.startsWith(relativePath + '/'),
  );
}

function dataFolders(settings: Partial<ArticleSettings>): string[] {
  return [settings.topicsFolder, settings.organizationsFolder].filter(
    (folder): folder is string => folder !== undefined,
  );
}

/** The path in the site of a schema named by a relative path; `undefined` for a URI. */
function schemaPath(url: string): string | undefined {
  return /^[a-z][a-z0-9+.-]*:/i.test(url) ? undefined : readRelativePath(url);
}

/** Whether a path can go into a glob as it is. */
function isPlainPath(path: string): boolean {
  return !/[*?[\]{}!]/.test(path);
}

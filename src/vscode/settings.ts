/**
 * Reads the `articleFrontMatter` settings into what the service takes. Values come from
 * hand-written JSON, so anything malformed is dropped rather than passed on.
 * Nothing here imports `vscode`, so it is tested in plain Node.
 */
import { DEFAULT_SETTINGS } from '../service/defaults';
import type { ArticleSettings, RuleSeverity, SchemaAssociation } from '../service/types';

/** The settings section, as `vscode.workspace.getConfiguration('articleFrontMatter', scope)` gives it. */
export interface SettingsSource {
  get<T>(key: string): T | undefined;
}

/** The settings of one resource. */
export interface FrontMatterSettings {
  /** Whether articles here are checked at all. */
  readonly enable: boolean;
  /** What goes to `service.configure`. */
  readonly service: Partial<ArticleSettings>;
}

const SEVERITIES: ReadonlySet<string> = new Set<RuleSeverity>([
  'error',
  'warning',
  'information',
  'hint',
  'off',
]);

/** Folders every site keeps its taxonomy and learning items in, watched whatever the settings say. */
export const DEFAULT_SITE_DATA_FOLDERS = ['_data', '_learning'] as const;

/**
 * The settings for one resource.
 * @param trusted whether the workspace is trusted; when it is not, `schemas` is ignored,
 * since a schema is compiled to code.
 */
export function readSettings(source: SettingsSource, trusted: boolean): FrontMatterSettings {
  // Every key is given, defaults included: `configure` merges, so a key left out would keep its old value.
  const service: Partial<ArticleSettings> = {
    rules: readRules(source.get<unknown>('rules')),
    schemas: trusted ? readSchemas(source.get<unknown>('schemas')) : [],
    topicsFolder: readRelativePath(source.get<unknown>('topicsFolder')) ?? DEFAULT_SETTINGS.topicsFolder,
    organizationsFolder:
      readRelativePath(source.get<unknown>('organizationsFolder')) ?? DEFAULT_SETTINGS.organizationsFolder,
  };
  return { enable: source.get<unknown>('enable') !== false, service };
}

/** What to watch so that the service reads a site's files again when they change. */
export interface SiteFiles {
  /** Globs for the workspace folders: the folders of site data and the schemas named by a relative path. */
  readonly globs: string[];
  /** Schemas named by a `file:` URI, which may be outside the workspace. */
  readonly schemaUris: string[];
}

/** The files the service reads besides articles, for file watchers. */
export function siteFiles(settings: ReadonlyArray<Partial<ArticleSettings>>): SiteFiles {
  const folders = new Set<string>(DEFAULT_SITE_DATA_FOLDERS);
  const schemaPaths = new Set<string>();
  const schemaUris = new Set<string>();
  for (const item of settings) {
    for (const folder of [item.topicsFolder, item.organizationsFolder]) {
      if (folder !== undefined && isPlainPath(folder)) folders.add(folder);
    }
    for (const { url } of item.schemas ?? []) {
      if (/^file:/i.test(url)) schemaUris.add(url);
      else if (!/^[a-z][a-z0-9+.-]*:/i.test(url)) {
        const path = readRelativePath(url);
        if (path !== undefined && isPlainPath(path)) schemaPaths.add(path);
      }
    }
  }
  const all = [...folders];
  // A folder inside another one is covered by it.
  const watchedFolders = all.filter((folder) => !all.some((other) => folder.startsWith(other + '/')));
  return {
    globs: [
      ...watchedFolders.map((folder) => `**/${folder}/**`),
      ...[...schemaPaths].map((path) => `**/${path}`),
    ],
    schemaUris: [...schemaUris],
  };
}

function readRules(value: unknown): Record<string, RuleSeverity> {
  const rules: Record<string, RuleSeverity> = {};
  if (!isRecord(value)) return rules;
  for (const [code, severity] of Object.entries(value)) {
    if (typeof severity === 'string' && SEVERITIES.has(severity)) rules[code] = severity as RuleSeverity;
  }
  return rules;
}

function readSchemas(value: unknown): SchemaAssociation[] {
  if (!Array.isArray(value)) return [];
  const schemas: SchemaAssociation[] = [];
  for (const item of value) {
    if (!isRecord(item) || typeof item.url !== 'string' || item.url.trim() === '') continue;
    const globs = typeof item.fileMatch === 'string' ? [item.fileMatch] : item.fileMatch;
    if (!Array.isArray(globs)) continue;
    const fileMatch = globs.filter((glob): glob is string => typeof glob === 'string' && glob !== '');
    if (fileMatch.length > 0) schemas.push({ fileMatch, url: item.url.trim() });
  }
  return schemas;
}

/** A path relative to the site root, as `a/b`: no `./`, no slashes at the ends, no `..`. */
function readRelativePath(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const segments = value
    .replace(/\\/g, '/')
    .split('/')
    .filter((part) => part !== '' && part !== '.');
  if (segments.length === 0 || segments.includes('..')) return undefined;
  return segments.join('/');
}

/** Whether a path can go into a glob as it is. */
function isPlainPath(path: string): boolean {
  return !/[*?[\]{}!]/.test(path);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

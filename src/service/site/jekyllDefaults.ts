import { isRecord } from '../util/records';
import { trimSlashes, type DefaultsScope, type JekyllConfig } from './jekyllConfig';

/** A front matter value a file takes from `_config.yml`'s `defaults`, and the scope that gives it. */
export interface DefaultedValue {
  readonly value: unknown;
  readonly scope: DefaultsScope;
}

/**
 * The document type Jekyll gives a file, as `defaults` scopes name it: the collection of the
 * `_<name>` folder it is in (below `collections_dir`), `posts` for `_posts`, `drafts` for
 * `_drafts`, `pages` for a file in no `_` folder; none for a file in an `_` folder that is no
 * collection (Jekyll does not render it).
 */
export function documentTypeOf(relativePath: string, config: JekyllConfig): string | undefined {
  const inCollections = pathBelowCollectionsDir(relativePath, config);
  if (inCollections !== undefined) {
    const folder = /^_([^/]+)\//.exec(inCollections)?.[1];
    if (folder === 'drafts') return 'drafts';
    if (folder !== undefined && config.collections.has(folder)) return folder;
  }
  return relativePath.split('/').some((segment) => segment.startsWith('_')) ? undefined : 'pages';
}

/** The path below `collections_dir` (the path itself when there is none), or none when outside it. */
export function pathBelowCollectionsDir(relativePath: string, config: JekyllConfig): string | undefined {
  if (config.collectionsDir === '') return relativePath;
  const prefix = `${config.collectionsDir}/`;
  return relativePath.startsWith(prefix) ? relativePath.slice(prefix.length) : undefined;
}

/**
 * The values `defaults` give a file, by key, as Jekyll merges them: every entry whose scope
 * matches, the more specific (a longer path; a `type` over none at equal length) over the
 * less, mappings merged deeply. The file's own front matter goes over all of them (the caller's
 * part).
 */
export function defaultsFor(relativePath: string, config: JekyllConfig): Map<string, DefaultedValue> {
  const result = new Map<string, DefaultedValue>();
  if (config.defaults.length === 0) return result;
  const type = documentTypeOf(relativePath, config);
  const path = stripCollectionsDir(trimSlashes(relativePath), config);
  let strongest: DefaultsScope | undefined;
  for (const { scope, values } of config.defaults) {
    if (!appliesToType(scope, type) || !appliesToPath(scope, path, config)) continue;
    const wins = strongest === undefined || takesPrecedence(strongest, scope);
    if (wins) strongest = scope;
    for (const [key, value] of Object.entries(values)) {
      const before = result.get(key);
      if (before === undefined) result.set(key, { value, scope });
      else if (wins) result.set(key, { value: deepMerge(before.value, value), scope });
      else result.set(key, { value: deepMerge(value, before.value), scope: before.scope });
    }
  }
  return result;
}

/** Jekyll's `has_precedence?`: a longer path wins; at equal length, a scope with a type. */
function takesPrecedence(old: DefaultsScope, scope: DefaultsScope): boolean {
  if (scope.path.length !== old.path.length) return scope.path.length > old.path.length;
  return scope.type !== undefined || old.type === undefined;
}

function appliesToType(scope: DefaultsScope, type: string | undefined): boolean {
  if (scope.type === undefined) return true;
  // Drafts are posts to Jekyll: a `posts` scope gives them its values too.
  return scope.type === type || (scope.type === 'posts' && type === 'drafts');
}

/** Whether the scope's path (a folder, a file, or a glob of them) is the file or a folder above it. */
function appliesToPath(scope: DefaultsScope, path: string, config: JekyllConfig): boolean {
  if (scope.path === '') return true;
  const scopePath = scope.path.includes('*') ? scope.path : stripCollectionsDir(scope.path, config);
  const segments = path.split('/');
  for (let depth = 1; depth <= segments.length; depth++) {
    const ancestor = segments.slice(0, depth).join('/');
    if (scope.path.includes('*') ? globMatches(scopePath, ancestor, config) : ancestor === scopePath)
      return true;
  }
  return false;
}

/** A scope glob, as Jekyll's `Dir.glob` expands it: `*` within one segment. */
function globMatches(glob: string, path: string, config: JekyllConfig): boolean {
  const source = glob.replace(/[.+^${}()|[\]\\?]/g, '\\$&').replace(/\*/g, '[^/]*');
  const pattern = new RegExp(`^${source}$`);
  if (pattern.test(path)) return true;
  // The glob is written from the root; the file's path may be below `collections_dir`.
  return config.collectionsDir !== '' && pattern.test(`${config.collectionsDir}/${path}`);
}

function stripCollectionsDir(path: string, config: JekyllConfig): string {
  const prefix = `${config.collectionsDir}/`;
  return config.collectionsDir !== '' && path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

/** Jekyll's `deep_merge_hashes`: mappings merged key by key, anything else replaced by `over`. */
function deepMerge(under: unknown, over: unknown): unknown {
  if (!isRecord(under) || !isRecord(over)) return over;
  const merged: Record<string, unknown> = { ...under };
  for (const [key, value] of Object.entries(over)) merged[key] = deepMerge(merged[key], value);
  return merged;
}

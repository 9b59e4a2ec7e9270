import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import type { EntryKind, SiteWorkspace } from '../service/types';

/**
 * A workspace that reads the site from the local disk. Reads are synchronous: the site's
 * files are small and many, and fs/promises costs several times more per file.
 * @param siteRoot the folder holding the site's `_config.yml` and `_data`.
 */
export function createNodeWorkspace(siteRoot: string): SiteWorkspace {
  const rootPath = path.resolve(siteRoot);
  const root = pathToFileURL(rootPath).href.replace(/\/+$/, '');
  const rootPrefix = root + '/';
  const pathPrefix = rootPath.endsWith(path.sep) ? rootPath.slice(0, -1) : rootPath;
  /**
   * The path of a URI. Inside the site, with nothing encoded after the root, it is the root's
   * path and the rest as is (POSIX): no URL to parse for each of the taxonomy's files.
   */
  const toPath = (uri: string): string => {
    if (path.sep === '/' && uri.startsWith(rootPrefix) && !uri.includes('%', rootPrefix.length)) {
      return pathPrefix + uri.slice(root.length);
    }
    return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
  };
  return {
    root,
    async readFile(uri) {
      try {
        return readFileSync(toPath(uri), 'utf8');
      } catch {
        return undefined;
      }
    },
    async readDirectory(uri) {
      try {
        const entries = readdirSync(toPath(uri), { withFileTypes: true });
        return entries
          .filter((entry) => entry.isFile() || entry.isDirectory())
          .map((entry): [string, EntryKind] => [entry.name, entry.isDirectory() ? 'directory' : 'file']);
      } catch {
        return [];
      }
    },
  };
}

/** The `file:` URI of a local path. */
export function fileUri(filePath: string): string {
  return pathToFileURL(path.resolve(filePath)).href;
}

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
  const root = pathToFileURL(path.resolve(siteRoot)).href.replace(/\/+$/, '');
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

function toPath(uri: string): string {
  return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
}

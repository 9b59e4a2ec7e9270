/**
 * Which files of a site are articles: the one definition the CLI's walk, VS Code's *Check All
 * Articles* and a language server share, so that the editor and CI check the same files.
 * Folders are skipped as Jekyll skips them; a file found in a folder is an article by its
 * extension. A `.txt` file is an article only when it is named (to the CLI) or opened (in
 * the editor), never when found in a folder.
 */
import {
  ARTICLE_EXTENSIONS,
  isArticleName,
  isSkippedFolder,
  isWalkedName,
  SKIPPED_FOLDERS,
} from '../service/util/articleNames';
import { NEVER_CANCELLED, type CancellationToken, type FolderReader } from './types';
import { childUri, pathBelow } from './uris';

export { ARTICLE_EXTENSIONS, isArticleName, isSkippedFolder, isWalkedName, SKIPPED_FOLDERS };

/** Whether a path names a plain-text file that is an article when named or opened (`.txt`). */
export function isTextArticlePath(path: string): boolean {
  return /\.txt$/i.test(path);
}

/**
 * Whether a walk of a folder takes the file at `relativePath` (`/`-separated, below the
 * folder walked): no folder on the way is skipped and the name is an article's.
 */
export function isWalkedArticle(relativePath: string): boolean {
  const segments = relativePath.split('/').filter((segment) => segment !== '');
  const name = segments.pop();
  return name !== undefined && isWalkedName(name) && !segments.some(isSkippedFolder);
}

/** `md` as `[mM][dD]`: editors' file searches match globs case-sensitively, the walk does not. */
function anyCase(text: string): string {
  return text.replace(/[a-z]/gi, (letter) => `[${letter.toLowerCase()}${letter.toUpperCase()}]`);
}

/**
 * Globs for an editor's file search (VS Code's `findFiles`) that find at least the files a
 * walk takes and enter none of the folders it skips; what they find still goes through
 * `isFoundArticle`, which decides.
 */
export const ARTICLE_SEARCH_GLOBS: { readonly include: string; readonly exclude: string } = {
  include: `**/*.{${ARTICLE_EXTENSIONS.map((extension) => anyCase(extension.slice(1))).join(',')}}`,
  exclude: `{${[...SKIPPED_FOLDERS, '.*'].map((folder) => `**/${folder}/**`).join(',')}}`,
};

/**
 * Whether a file an editor's search found in its workspace folders is an article a walk of
 * its folder takes.
 * @param uri the file found.
 * @param folders the URIs of the folders searched; the innermost holding the file counts.
 */
export function isFoundArticle(uri: string, folders: readonly string[]): boolean {
  let relative: string | undefined;
  for (const folder of folders) {
    const below = pathBelow(folder, uri);
    if (below !== undefined && (relative === undefined || below.length < relative.length)) relative = below;
  }
  return relative !== undefined && isWalkedArticle(relative);
}

/** How deep a walk goes: a folder linked into itself would otherwise be walked forever. */
const MAX_DEPTH = 64;

/**
 * The articles below a folder, walked through `reader`, sorted by URI (code-unit order).
 * @param token stops the walk; the files found until then are returned.
 */
export async function findArticleFiles(
  folder: string,
  reader: FolderReader,
  token: CancellationToken = NEVER_CANCELLED,
): Promise<string[]> {
  const found: string[] = [];
  const walk = async (current: string, depth: number): Promise<void> => {
    if (token.isCancellationRequested || depth > MAX_DEPTH) return;
    const entries = await reader.readDirectory(current);
    for (const [name, kind] of entries) {
      if (token.isCancellationRequested) return;
      if (kind === 'directory') {
        if (!isSkippedFolder(name)) await walk(childUri(current, name), depth + 1);
      } else if (isWalkedName(name)) {
        found.push(childUri(current, name));
      }
    }
  };
  await walk(folder.replace(/\/+$/, ''), 0);
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** An editor's file search (VS Code's `findFiles`): the URIs of the files the globs match. */
export type FileSearch = (include: string, exclude: string) => Promise<readonly string[]>;

/**
 * The articles of the workspace folders, found with the editor's file search and kept as a
 * walk of each folder keeps them (`ARTICLE_SEARCH_GLOBS`, then `isFoundArticle`): the files
 * *Check All Articles* checks, the same the CLI checks when given the folders.
 * @param folders the URIs of the workspace folders the search covers.
 * @param pause awaited between files, when given: an editor gives its thread a turn there.
 */
export async function searchArticleFiles(
  search: FileSearch,
  folders: readonly string[],
  pause?: () => Promise<void>,
): Promise<string[]> {
  const found = await search(ARTICLE_SEARCH_GLOBS.include, ARTICLE_SEARCH_GLOBS.exclude);
  if (!pause) return found.filter((uri) => isFoundArticle(uri, folders));
  const kept: string[] = [];
  for (const uri of found) {
    await pause();
    if (isFoundArticle(uri, folders)) kept.push(uri);
  }
  return kept;
}

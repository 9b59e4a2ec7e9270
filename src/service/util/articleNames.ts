/**
 * Which names a walk of a site takes as articles, and which folders it skips: the one
 * definition the service's site index and the host's file list (`src/host/articleFiles.ts`)
 * share. Folders are skipped as Jekyll skips them.
 */

/**
 * Folders a walk never enters, besides every folder whose name starts with a dot (`.git`,
 * `.jekyll-cache`): `_data` is Jekyll's data (its `.md` files are records such as the provider
 * catalogue, never pages), the others tools' output and dependencies.
 */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', 'vendor', '_site', '_data']);

/** Extensions (lower case) of the files a walk takes as articles. */
export const ARTICLE_EXTENSIONS: readonly string[] = ['.md', '.markdown'];

/**
 * Whether a walk skips a folder of this name: tools' output, dependencies, hidden folders, and
 * those Jekyll never reads (a name starting with `#` or `~`, or ending with `~`).
 */
export function isSkippedFolder(name: string): boolean {
  return name.startsWith('.') || SKIPPED_FOLDERS.has(name) || /^[#~]|~$/.test(name);
}

/** Whether a walk takes a file of this name as an article (`.md` or `.markdown`, in any case). */
export function isArticleName(name: string): boolean {
  const lower = name.toLowerCase();
  return ARTICLE_EXTENSIONS.some((extension) => lower.endsWith(extension));
}

/**
 * Whether a walk takes a file of this name: an article's, and not one Jekyll's entry filter
 * leaves out of every site and collection — a name starting with `.`, `_`, `#` or `~` (a file
 * set aside by its writer, `_posts/#2024-01-01-draft.md`, or a partial, `_sidebar.md`).
 */
export function isWalkedName(name: string): boolean {
  return isArticleName(name) && !/^[._#~]/.test(name);
}

import {
  lstatSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
  type Dirent,
  type Stats,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isSkippedFolder, isWalkedName, JekyllExclusions, SiteRoots } from '../host/index';
import { isExcludedByJekyll, readJekyllConfig } from '../service/index';

/** Input that cannot be read (missing, permission denied…); its message is shown as is (exit code 2). */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** A file to check. */
export interface FoundFile {
  /** Absolute path, through symbolic links as found (not resolved): `folder`, a separator, `name`. */
  readonly path: string;
  /** The absolute path of the folder it is in, as found. */
  readonly folder: string;
  /** The file's name. */
  readonly name: string;
  /** The folder of the path it was found from: the site root when no `_config.yml` is above it. */
  readonly fallbackRoot: string;
  /** Whether it was found in a folder (not named): then Jekyll's `exclude:` may leave it out. */
  readonly walked: boolean;
}

/**
 * Every file to check under the given paths, sorted by path, each file once.
 * Folders are searched recursively for articles (which files and folders, the host layer's
 * `isWalkedName` and `isSkippedFolder` say); files named explicitly are kept whatever
 * their extension. Symbolic links are followed, loops are not (real paths are tracked);
 * broken links found in folders are skipped.
 *
 * Paths are built from a folder and a name rather than with `path.join`: the `path`
 * functions scan the whole path, and a run that names hundreds of files spent more time
 * there than in the file system.
 * @param paths files and folders, relative to `cwd` or absolute.
 * @throws InputError when a path named cannot be read.
 */
export async function collectFiles(paths: readonly string[], cwd: string): Promise<FoundFile[]> {
  const found: FoundFile[] = [];
  const seenFiles = new Set<string>();
  const seenFolders = new Set<string>();
  const realFolders = new Map<string, string>();
  const typedFolders = new Map<string, string>();

  /** @param real the file's real path, when known without asking the file system. */
  const addFile = (
    folder: string,
    name: string,
    fallbackRoot: string,
    real?: string,
    walked = false,
  ): void => {
    const file = inFolder(folder, name);
    real ??= tryOr(() => realpathSync.native(file), file);
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    found.push({ path: file, folder, name, fallbackRoot, walked });
  };
  /** The real path of a file that is not a link: its folder's real path (asked once per folder), and its name. */
  const realPathOf = (folder: string, name: string): string | undefined => {
    let real = realFolders.get(folder);
    if (real === undefined) {
      real = tryOr(() => realpathSync.native(folder), '');
      realFolders.set(folder, real);
    }
    return real === '' ? undefined : inFolder(real, name);
  };
  /** A path typed on the command line, made absolute: its folder resolved once per folder typed. */
  const absoluteOf = (typed: string): { folder: string; name: string } => {
    const slash = typed.lastIndexOf('/');
    const name = typed.slice(slash + 1);
    if (path.sep !== '/' || name === '' || name === '.' || name === '..') {
      const absolute = path.resolve(cwd, typed);
      return { folder: path.dirname(absolute), name: path.basename(absolute) };
    }
    const typedFolder = slash < 0 ? '.' : typed.slice(0, slash + 1);
    let folder = typedFolders.get(typedFolder);
    if (folder === undefined) {
      folder = path.resolve(cwd, typedFolder);
      typedFolders.set(typedFolder, folder);
    }
    return { folder, name };
  };

  const walk = async (folder: string, fallbackRoot: string): Promise<void> => {
    let real: string;
    try {
      real = realpathSync.native(folder);
    } catch (error) {
      fail(folder, error, cwd);
    }
    if (seenFolders.has(real)) return;
    seenFolders.add(real);
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      fail(folder, error, cwd);
    }
    entries.sort((a, b) => compare(a.name, b.name));
    for (const entry of entries) {
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      const isLink = entry.isSymbolicLink();
      if (isLink) {
        const target = tryOr(() => statSync(inFolder(folder, entry.name)), undefined);
        if (!target) continue; // A broken link (or a loop of links) is nothing to check.
        isDirectory = target.isDirectory();
        isFile = target.isFile();
      }
      if (isDirectory && !isSkippedFolder(entry.name)) await walk(inFolder(folder, entry.name), fallbackRoot);
      else if (isFile && isWalkedName(entry.name))
        addFile(folder, entry.name, fallbackRoot, isLink ? undefined : inFolder(real, entry.name), true);
    }
  };

  const named = (paths.length > 0 ? paths : ['.']).map(absoluteOf);
  const regularFiles = regularFilesNamed(named);
  for (const { folder, name } of named) {
    // Known from its folder's listing to be a file that is not a link: no call of its own.
    if (regularFiles.get(folder)?.has(name)) {
      addFile(folder, name, folder, realPathOf(folder, name));
      continue;
    }
    const absolute = inFolder(folder, name);
    let info: Stats;
    let isLink: boolean;
    try {
      // One call for the common case, a file named on the command line that is not a link.
      info = lstatSync(absolute);
      isLink = info.isSymbolicLink();
      if (isLink) info = statSync(absolute);
    } catch (error) {
      fail(absolute, error, cwd);
    }
    if (info.isDirectory()) await walk(absolute, absolute);
    else if (info.isFile()) addFile(folder, name, folder, isLink ? undefined : realPathOf(folder, name));
    else throw new InputError(`'${displayPath(absolute, cwd)}' is neither a file nor a folder`);
  }
  return found.sort((a, b) => compare(a.path, b.path));
}

/**
 * The files found, without those found in a folder that their site's `_config.yml` `exclude:`
 * leaves out (Jekyll does not build them); files named explicitly are all kept.
 * @param root the `--root` folder, when given: the site root of every file.
 */
export async function withoutJekyllExcluded(
  files: FoundFile[],
  root: string | undefined,
): Promise<FoundFile[]> {
  if (!files.some((file) => file.walked)) return files;
  const exclusions = new JekyllExclusions(
    new SiteRoots({ exists: async (uri) => tryOr(() => statSync(fileURLToPath(uri)).isFile(), false) }),
    async (uri) => tryOr(() => readFileSync(fileURLToPath(uri), 'utf8'), undefined),
    { readJekyllConfig, isExcludedByJekyll },
  );
  const rootUri = root === undefined ? undefined : pathToFileURL(root).href;
  const excluded = await Promise.all(
    files.map((file) => file.walked && exclusions.excludes(pathToFileURL(file.path).href, rootUri)),
  );
  return files.filter((_, index) => !excluded[index]);
}

/** From how many files named in one folder that folder is listed rather than each file looked up. */
export const LISTED_FROM = 32;

/**
 * The regular files (not links, not folders) among the names given, by folder, for the
 * folders where at least `LISTED_FROM` names are given: one listing of the folder says what
 * each entry is, where a look-up per file costs a system call each (about 10 µs here).
 * Names not in a listing (a link, another case on a case-insensitive disk, a missing file)
 * are looked up one by one as before.
 */
function regularFilesNamed(named: ReadonlyArray<{ folder: string; name: string }>): Map<string, Set<string>> {
  const byFolder = new Map<string, { count: number; nameLength: number }>();
  for (const { folder, name } of named) {
    const seen = byFolder.get(folder) ?? { count: 0, nameLength: 0 };
    seen.count++;
    seen.nameLength += name.length;
    byFolder.set(folder, seen);
  }
  const result = new Map<string, Set<string>>();
  for (const [folder, { count, nameLength }] of byFolder) {
    if (count < LISTED_FROM || !worthListing(folder, count, nameLength / count)) continue;
    const files = tryOr(() => {
      const names = new Set<string>();
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        if (entry.isFile()) names.add(entry.name);
      }
      return names;
    }, undefined);
    if (files) result.set(folder, files);
  }
  return result;
}

/**
 * Whether the files named are a fair share (an eighth or more) of the folder's entries, as
 * guessed from the folder's size on disk and the names' length: 40 files named in a folder of
 * 50 000 are looked up one by one rather than listing the 50 000. A guess errs either way
 * only in speed; the files found are the same.
 */
function worthListing(folder: string, named: number, averageNameLength: number): boolean {
  const size = tryOr(() => statSync(folder).size, Infinity);
  // About 16 bytes of record per entry besides its name on common file systems.
  return named * 8 >= size / (averageNameLength + 16);
}

/** The path of `name` in `folder` (absolute and normalized; the root ends with a separator). */
function inFolder(folder: string, name: string): string {
  return folder.endsWith(path.sep) ? folder + name : folder + path.sep + name;
}

/**
 * Finds site roots (the host layer's `SiteRoots`) for local folders given as absolute paths.
 */
export class SiteRootFinder {
  private readonly roots = new SiteRoots({
    exists: async (uri) => tryOr(() => statSync(fileURLToPath(uri)).isFile(), false),
  });

  /** The site root above `folder` (an absolute path), or `undefined` when there is none. */
  async find(folder: string): Promise<string | undefined> {
    const root = await this.roots.find(pathToFileURL(folder).href);
    return root === undefined ? undefined : fileURLToPath(root);
  }
}

/** A path as shown to the user: relative to `cwd` when inside it, absolute otherwise. */
export function displayPath(file: string, cwd: string): string {
  // The common case, a file inside the folder (both paths are normalized), without path.relative.
  if (cwd.length > 1 && file.startsWith(cwd) && file[cwd.length] === path.sep && !cwd.endsWith(path.sep)) {
    return file.slice(cwd.length + 1);
  }
  const relative = path.relative(cwd, file);
  if (relative === '') return '.';
  if (relative === '..' || relative.startsWith('..' + path.sep) || path.isAbsolute(relative)) return file;
  return relative;
}

/**
 * The value of `read`, or `fallback` when it throws. File system calls here are synchronous:
 * a CLI run makes hundreds of them, and fs/promises costs several times more per call.
 */
function tryOr<T, F>(read: () => T, fallback: F): T | F {
  try {
    return read();
  } catch {
    return fallback;
  }
}

/** Code-unit order, the same whatever the locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function fail(file: string, error: unknown, cwd: string): never {
  throw new InputError(`cannot read '${displayPath(file, cwd)}': ${describeError(error)}`);
}

/** A one-line explanation of a file system error, without a stack. */
export function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'not a folder';
    case 'EISDIR':
      return 'is a folder';
    case 'ELOOP':
      return 'too many symbolic links';
    default:
      return error instanceof Error ? error.message.split('\n')[0] : String(error);
  }
}

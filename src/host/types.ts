/**
 * What the host layer asks of its adapter. Every location is a URI string (`file:///…`,
 * `vscode-vfs://…`), as the service takes them: the host layer runs in Node, in a browser
 * worker and in a language server alike, so it never touches a file system itself.
 */
import type { EntryKind } from '../service/index';

/** Says that a long operation should stop, as LSP's and VS Code's tokens do. */
export interface CancellationToken {
  readonly isCancellationRequested: boolean;
}

/** A token that is never cancelled, for callers that cannot cancel. */
export const NEVER_CANCELLED: CancellationToken = Object.freeze({ isCancellationRequested: false });

/** How the host lists a folder (the service's `SiteWorkspace` is one). */
export interface FolderReader {
  /** The entries of a folder, or an empty list when it does not exist. */
  readDirectory(uri: string): Promise<Array<[name: string, kind: EntryKind]>>;
}

/** How the host asks whether a file is there. */
export interface FileProbe {
  /** Whether a file (not a folder) exists at `uri`. */
  exists(uri: string): Promise<boolean>;
}

/** What the host uses of the service's reading of Jekyll's `_config.yml`. */
export interface JekyllConfigReader {
  /** The configuration in `_config.yml`'s text (empty when there is none or it is broken). */
  readJekyllConfig(text: string | undefined): { readonly exclude: readonly string[] };
  /** Whether `exclude:` leaves out a path relative to the site root. */
  isExcludedByJekyll(relativePath: string, exclude: readonly string[]): boolean;
}

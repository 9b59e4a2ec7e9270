import type { FileProbe } from './types';
import { childUri, parentFolder } from './uris';

/** The file whose presence marks a site's root folder. */
export const SITE_CONFIG = '_config.yml';

/**
 * Finds where sites are: a site's root is the nearest folder at or above a file's folder that
 * holds `_config.yml`. Every folder is asked about once, and every answer is remembered until
 * `forget` (a `_config.yml` was created or deleted), so a large tree costs one look per folder.
 */
export class SiteRoots {
  /** Per folder URI: whether it holds `_config.yml`. */
  private readonly configs = new Map<string, Promise<boolean>>();
  /** Per folder URI: the site root at or above it. */
  private readonly roots = new Map<string, Promise<string | undefined>>();

  /** @param files how to ask whether `_config.yml` is in a folder. */
  constructor(private readonly files: FileProbe) {}

  /** The root of the site at or above `folder` (a folder URI), or `undefined` when no folder above holds `_config.yml`. */
  find(folder: string): Promise<string | undefined> {
    let root = this.roots.get(folder);
    if (!root) {
      root = this.look(folder);
      this.roots.set(folder, root);
    }
    return root;
  }

  /**
   * The root of the site the file `uri` belongs to, or `fallback` when no folder above it holds
   * `_config.yml` (each adapter has its own: the folder named on the command line, the
   * workspace folder; none for a text file, which is an article only inside a site).
   */
  async siteOf(uri: string, fallback?: string): Promise<string | undefined> {
    const folder = parentFolder(uri);
    const root = folder === undefined ? undefined : await this.find(folder);
    return root ?? fallback;
  }

  /** Whether a folder holds `_config.yml` (remembered until `forget`). */
  holdsConfig(folder: string): Promise<boolean> {
    let answer = this.configs.get(folder);
    if (!answer) {
      answer = this.files.exists(childUri(folder, SITE_CONFIG)).catch(() => false);
      this.configs.set(folder, answer);
    }
    return answer;
  }

  /**
   * Forgets what is known of a folder (a `_config.yml` there was created or deleted), or of
   * every folder when none is given (the workspace's folders changed).
   */
  forget(folder?: string): void {
    if (folder === undefined) this.configs.clear();
    else this.configs.delete(folder);
    // Any folder below it may now belong to another site.
    this.roots.clear();
  }

  private async look(folder: string): Promise<string | undefined> {
    if (await this.holdsConfig(folder)) return folder;
    const parent = parentFolder(folder);
    return parent === undefined ? undefined : this.find(parent);
  }
}

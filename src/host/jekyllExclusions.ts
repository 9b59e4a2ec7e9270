import type { JekyllConfigReader } from './types';
import { SITE_CONFIG, type SiteRoots } from './siteRoots';
import { childUri, pathBelow } from './uris';

/**
 * What Jekyll's `exclude:` leaves out of a site, for a walk of its files: the CLI's and *Check
 * All Articles*' alike. A file Jekyll does not build is not checked when found in a folder (a
 * file named to the CLI or opened in the editor still is).
 */
export class JekyllExclusions {
  private readonly read = new Map<string, Promise<readonly string[]>>();

  /**
   * @param roots finds the site root of a file (the nearest folder above it holding `_config.yml`).
   * @param readFile reads a site's `_config.yml` (URI); `undefined` when it cannot.
   * @param jekyll the service's reading of `_config.yml`, handed in by the adapter: the VS Code
   * extension loads the service only when it first needs it.
   */
  constructor(
    private readonly roots: SiteRoots,
    private readonly readFile: (uri: string) => Promise<string | undefined>,
    private readonly jekyll: JekyllConfigReader,
  ) {}

  /**
   * Whether the site's `exclude:` leaves out the file (URI).
   * @param root the site root when the adapter knows it (the CLI's `--root`); else the nearest above.
   */
  async excludes(uri: string, root?: string): Promise<boolean> {
    const siteRoot = root ?? (await this.roots.siteOf(uri));
    if (siteRoot === undefined) return false;
    const exclude = await this.excludeOf(siteRoot);
    if (exclude.length === 0) return false;
    const relative = pathBelow(siteRoot, uri);
    return relative !== undefined && this.jekyll.isExcludedByJekyll(relative, exclude);
  }

  /**
   * The files (URIs) Jekyll builds, in their order.
   * @param pause awaited between files, when given: an editor gives its thread a turn there.
   */
  async kept(uris: readonly string[], root?: string, pause?: () => Promise<void>): Promise<string[]> {
    if (!pause) {
      const excluded = await Promise.all(uris.map((uri) => this.excludes(uri, root)));
      return uris.filter((_, index) => !excluded[index]);
    }
    const kept: string[] = [];
    for (const uri of uris) {
      await pause();
      if (!(await this.excludes(uri, root))) kept.push(uri);
    }
    return kept;
  }

  /** Forgets the `exclude:` read for a site root (all when omitted), after its `_config.yml` changed. */
  forget(root?: string): void {
    if (root === undefined) this.read.clear();
    else this.read.delete(root);
  }

  private excludeOf(root: string): Promise<readonly string[]> {
    let exclude = this.read.get(root);
    if (!exclude) {
      exclude = this.readFile(childUri(root, SITE_CONFIG)).then(
        (text) => this.jekyll.readJekyllConfig(text).exclude,
        () => [],
      );
      this.read.set(root, exclude);
    }
    return exclude;
  }
}

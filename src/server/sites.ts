/**
 * The sites of the language server's documents: the host layer's `SiteRoots` and
 * `SiteServices` over the local disk, with the settings the client gives.
 */
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseSettings, pathBelow, siteFileChanged, siteFiles, SiteRoots, SiteServices } from '../host/index';
import type { RawSettings } from '../host/index';
import { createArticleService, RULES, type ArticleLogger, type ArticleService } from '../service/index';
import type { SiteWorkspace } from '../service/types';
import { createNodeWorkspace } from '../node/nodeWorkspace';

/** The settings of one document, understood. */
export interface DocumentSettings {
  readonly enable: boolean;
  readonly service: ReturnType<typeof parseSettings>['settings'];
}

/** A workspace for a site the server cannot read (not a `file:` URI): no data, no files. */
function emptyWorkspace(root: string): SiteWorkspace {
  return { root, readFile: async () => undefined, readDirectory: async () => [] };
}

/** The local path of a `file:` URI, or `undefined` for any other URI. */
function localPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

/** One service per site, the site of a document, and the settings of each. */
export class ServerSites {
  private readonly roots = new SiteRoots({
    exists: async (uri) => {
      const file = localPath(uri);
      try {
        return file !== undefined && statSync(file).isFile();
      } catch {
        return false;
      }
    },
  });
  private readonly services: SiteServices;
  /** The workspace folders the client sent, as URIs without a trailing slash. */
  private folders: string[] = [];

  constructor(private readonly logger: ArticleLogger) {
    this.services = new SiteServices({
      createArticleService,
      createWorkspace: (root) => {
        const path = localPath(root);
        return path === undefined ? emptyWorkspace(root) : createNodeWorkspace(path);
      },
      logger,
    });
  }

  /** Sets the workspace folders (from `initialize` or a change). */
  setFolders(folders: readonly string[]): void {
    this.folders = folders.map((folder) => folder.replace(/\/+$/, ''));
    this.roots.forget();
  }

  /** The workspace folders, as URIs. */
  folderList(): string[] {
    return [...this.folders];
  }

  /** Reads raw settings (keys of the `articleFrontMatter` section); problems are logged. */
  readSettings(raw: RawSettings): DocumentSettings {
    const parsed = parseSettings(raw, { ruleCodes: Object.keys(RULES) });
    for (const problem of parsed.problems) {
      this.logger.error(`Setting articleFrontMatter.${problem.key} ignored: ${problem.message}`);
    }
    return { enable: parsed.enable ?? true, service: parsed.settings };
  }

  /**
   * The service of the document's site: the nearest folder above it with `_config.yml`, else
   * its workspace folder, else its own folder.
   */
  async serviceFor(uri: string, settings: DocumentSettings): Promise<ArticleService | undefined> {
    return (await this.siteFor(uri, settings))?.service;
  }

  /** The root of the document's site and its service, as `serviceFor` finds them. */
  async siteFor(
    uri: string,
    settings: DocumentSettings,
  ): Promise<{ root: string; service: ArticleService } | undefined> {
    if (!settings.enable) return undefined;
    const folder = this.folders
      .filter((candidate) => pathBelow(candidate, uri) !== undefined)
      .sort((a, b) => b.length - a.length)[0];
    const own = uri.slice(0, uri.lastIndexOf('/'));
    const root = await this.roots.siteOf(uri, folder ?? own);
    return root === undefined
      ? undefined
      : { root, service: this.services.serviceAt(root, settings.service) };
  }

  /** Globs of the site files to watch, for the settings in use. */
  watchedGlobs(settings: readonly DocumentSettings[]): string[] {
    // Articles too: the site index takes in what changes on disk.
    return ['**/_config.yml', '**/*.{md,markdown}', ...siteFiles(settings.map((one) => one.service)).globs];
  }

  /** A watched file changed: returns whether open articles should be checked again. */
  fileChanged(uri: string, settings: readonly DocumentSettings[]): boolean {
    const { schemaUris } = siteFiles(settings.map((one) => one.service));
    return siteFileChanged(uri, { roots: this.roots, services: this.services, schemaUris });
  }

  /** Forgets a closed document. */
  forget(uri: string): void {
    this.services.forget(uri);
  }
}

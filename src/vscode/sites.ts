import * as vscode from 'vscode';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type * as ServiceModule from '../service/index';
import type { ArticleLogger, ArticleService, ArticleSettings } from '../service/types';
import { isTextArticlePath, startsWithFrontMatter } from './articles';
import { toServiceDocument } from './convert';
import { readSettings, siteFiles, type SiteFiles } from './settings';
import { createSiteWorkspace } from './siteWorkspace';

/** The settings section of this extension. */
export const SETTINGS_SECTION = 'articleFrontMatter';

/** The documents the language features are registered for; `Sites.kindOf` narrows it down. */
export const ARTICLE_SELECTOR: vscode.DocumentSelector = [
  { language: 'markdown' },
  { language: 'plaintext', pattern: '**/*.txt' },
];

/** What an article is written in: Markdown, or plain text with front matter inside a site. */
export type ArticleKind = 'markdown' | 'text';

const CONFIG_FILE = '_config.yml';

/**
 * What the extension uses of the language service's module. The Node host loads it from its
 * own bundle when the first article needs it; the web host has it in the extension's bundle.
 */
export type Engine = Pick<typeof ServiceModule, 'createArticleService'>;

interface Site {
  readonly service: ArticleService;
  /** The settings last given to the service, to configure it only when they change. */
  settings: string;
}

/**
 * The sites articles belong to, with one service each. A site's root is the nearest folder
 * above the article holding `_config.yml`, else the article's workspace folder.
 */
export class Sites {
  /** Per folder URI: whether it holds `_config.yml`. */
  private readonly configFolders = new Map<string, Promise<boolean>>();
  /** Per site root URI. */
  private readonly sites = new Map<string, Site>();
  private engine: Promise<Engine> | undefined;

  /** @param loadEngine loads the language service; called once, when the first article needs it. */
  constructor(
    readonly logger: ArticleLogger,
    private readonly loadEngine: () => Promise<Engine>,
  ) {}

  /**
   * What kind of article an open document is, decided without reading any file; `undefined`
   * for every other document. A text article is confirmed by `serviceFor`, which looks for its site.
   */
  kindOf(document: vscode.TextDocument): ArticleKind | undefined {
    // The service reads the site through `vscode.workspace.fs`: no provider, no site (e.g. `untitled:`).
    if (vscode.workspace.fs.isWritableFileSystem(document.uri.scheme) === undefined) return undefined;
    if (document.languageId === 'markdown') return 'markdown';
    if (
      document.languageId === 'plaintext' &&
      isTextArticlePath(document.uri.path) &&
      startsWithFrontMatter(document.lineAt(0).text)
    ) {
      return 'text';
    }
    return undefined;
  }

  /**
   * The service of the article's site, configured with the settings of the article's folder;
   * `undefined` when checking is turned off there or when a text file is in no site.
   */
  async serviceFor(uri: vscode.Uri, kind: ArticleKind): Promise<ArticleService | undefined> {
    const settings = this.settingsFor(uri);
    if (!settings.enable) return undefined;
    const root = await this.siteRootOf(uri, kind);
    if (!root) return undefined;
    return this.serviceAt(root, settings.service);
  }

  /**
   * The service of the site at `root`, with the settings of that folder, whether checking is
   * on there or not (a new article is written the same either way).
   */
  siteService(root: vscode.Uri): Promise<ArticleService> {
    return this.serviceAt(root, this.settingsFor(root).service);
  }

  /**
   * The site whose root holds `_config.yml` and holds the file `uri` (the nearest such folder
   * above it), if there is one.
   */
  configuredSiteOf(uri: vscode.Uri): Promise<vscode.Uri | undefined> {
    return this.siteRootOf(uri, 'text');
  }

  /** Whether a folder holds `_config.yml` (remembered until that file changes). */
  isSiteRoot(folder: vscode.Uri): Promise<boolean> {
    return this.holdsConfig(folder);
  }

  private async serviceAt(root: vscode.Uri, settings: Partial<ArticleSettings>): Promise<ArticleService> {
    // A failed load is not kept: the next article tries again.
    this.engine ??= this.loadEngine().catch((error: unknown) => {
      this.engine = undefined;
      throw error;
    });
    const { createArticleService } = await this.engine;
    const key = root.toString();
    const serialized = JSON.stringify(settings);
    let site = this.sites.get(key);
    if (!site) {
      const service = createArticleService({
        workspace: createSiteWorkspace(root),
        settings,
        logger: this.logger,
      });
      site = { service, settings: serialized };
      this.sites.set(key, site);
    } else if (site.settings !== serialized) {
      site.service.configure(settings);
      site.settings = serialized;
    }
    return site.service;
  }

  /** Whether checking is on for this resource. */
  isEnabled(uri: vscode.Uri): boolean {
    return this.settingsFor(uri).enable;
  }

  /**
   * Asks the service about an open article. Returns `undefined` when the document is not an
   * article, when the request was cancelled, or when the service failed (logged, never thrown).
   */
  async ask<T>(
    document: vscode.TextDocument,
    token: vscode.CancellationToken,
    what: string,
    request: (service: ArticleService, article: TextDocument) => Promise<T>,
  ): Promise<T | undefined> {
    const kind = this.kindOf(document);
    if (!kind) return undefined;
    try {
      const service = await this.serviceFor(document.uri, kind);
      if (!service || token.isCancellationRequested) return undefined;
      const result = await request(service, toServiceDocument(document));
      return token.isCancellationRequested ? undefined : result;
    } catch (error) {
      this.logger.error(`Could not compute ${what} for ${document.uri.toString(true)}`, error);
      return undefined;
    }
  }

  /**
   * A file of site data (topics, organizations, learning items, schemas) changed: the sites
   * holding it (every site, with `everywhere`) read it again. Returns whether any site did.
   */
  invalidate(uri: vscode.Uri, options?: { everywhere: boolean }): boolean {
    const changed = uri.toString();
    let any = false;
    for (const [root, site] of this.sites) {
      try {
        if (options?.everywhere || changed === root || changed.startsWith(root + '/')) {
          site.service.invalidateSite(changed);
        } else if (root.startsWith(changed + '/')) site.service.invalidateSite();
        else continue;
        any = true;
      } catch (error) {
        this.logger.error(`Could not forget what was read of ${root}`, error);
      }
    }
    return any;
  }

  /** A `_config.yml` was created, changed or deleted: its folder may have become, or stopped being, a site root. */
  configFileChanged(uri: vscode.Uri): void {
    this.configFolders.delete(vscode.Uri.joinPath(uri, '..').toString());
    this.invalidate(uri);
  }

  /** Forgets where sites are (workspace folders changed). */
  reset(): void {
    this.configFolders.clear();
  }

  /** Forgets a closed document in every site's service. */
  forget(uri: vscode.Uri): void {
    const key = uri.toString();
    for (const [root, site] of this.sites) {
      try {
        site.service.forget(key);
      } catch (error) {
        this.logger.error(`Could not forget ${key} in ${root}`, error);
      }
    }
  }

  /** The files the services read besides articles, in every workspace folder, for file watchers. */
  siteFiles(): SiteFiles {
    const scopes = (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri);
    return siteFiles(
      [null, ...scopes].map(
        (scope): Partial<ArticleSettings> =>
          readSettings(vscode.workspace.getConfiguration(SETTINGS_SECTION, scope), vscode.workspace.isTrusted)
            .service,
      ),
    );
  }

  private settingsFor(uri: vscode.Uri) {
    return readSettings(vscode.workspace.getConfiguration(SETTINGS_SECTION, uri), vscode.workspace.isTrusted);
  }

  private async siteRootOf(uri: vscode.Uri, kind: ArticleKind): Promise<vscode.Uri | undefined> {
    const file = uri.with({ query: '', fragment: '' });
    const folder = vscode.Uri.joinPath(file, '..');
    for (let current = folder; ;) {
      if (await this.holdsConfig(current)) return current;
      const parent = vscode.Uri.joinPath(current, '..');
      if (parent.path === current.path) break;
      current = parent;
    }
    // A text file is an article only inside a site; a Markdown file anywhere.
    if (kind === 'text') return undefined;
    return vscode.workspace.getWorkspaceFolder(uri)?.uri ?? folder;
  }

  private holdsConfig(folder: vscode.Uri): Promise<boolean> {
    const key = folder.toString();
    let answer = this.configFolders.get(key);
    if (!answer) {
      answer = Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.joinPath(folder, CONFIG_FILE))).then(
        (stat) => (stat.type & vscode.FileType.File) !== 0,
        () => false,
      );
      this.configFolders.set(key, answer);
    }
    return answer;
  }
}

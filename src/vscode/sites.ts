import * as vscode from 'vscode';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isTextArticlePath, JekyllExclusions, siteFileChanged, SiteRoots, SiteServices } from '../host/index';
import type * as ServiceModule from '../service/index';
import type { ArticleLogger, ArticleService, ArticleSettings } from '../service/index';
import { startsWithFrontMatter } from './articles';
import { toServiceDocument } from './convert';
import { readSettings, siteFiles, type FrontMatterSettings, type SiteFiles } from './settings';
import { createSiteWorkspace } from './siteWorkspace';

/** The settings section of this extension. */
export const SETTINGS_SECTION = 'articleFrontMatter';

/** The documents the language features are registered for; `Sites.kindOf` narrows it down. */
export const ARTICLE_SELECTOR: vscode.DocumentSelector = [
  { language: 'markdown' },
  { language: 'plaintext', pattern: '**/*.txt' },
  // The team configuration: its mistakes, completion and hovers.
  { pattern: '**/.article-frontmatter.{yml,yaml}' },
];

/** What an article is written in: Markdown, or plain text with front matter inside a site. */
export type ArticleKind = 'markdown' | 'text';

/**
 * What the extension uses of the language service's module. The Node host loads it from its
 * own bundle when the first article needs it; the web host has it in the extension's bundle.
 */
export type Engine = Pick<
  typeof ServiceModule,
  | 'createArticleService'
  | 'readJekyllConfig'
  | 'isExcludedByJekyll'
  | 'readInferenceSample'
  | 'inferSiteSchemas'
  | 'teamConfigText'
  | 'driftReport'
>;

/**
 * The sites articles belong to, with one service each (the host layer's `SiteRoots` and
 * `SiteServices` over `vscode.workspace.fs`). A site's root is the nearest folder above the
 * article holding `_config.yml`, else the article's workspace folder.
 */
export class Sites {
  private readonly roots = new SiteRoots({
    exists: (uri) =>
      Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.parse(uri, true))).then(
        (stat) => (stat.type & vscode.FileType.File) !== 0,
        () => false,
      ),
  });
  private services: Promise<SiteServices> | undefined;
  /** The services, once the engine is loaded. */
  private loaded: SiteServices | undefined;
  /** The settings problems already logged, each once. */
  private readonly problemsLogged = new Set<string>();

  /** @param loadEngine loads the language service; called when the first article (or command) needs it. */
  constructor(
    readonly logger: ArticleLogger,
    readonly loadEngine: () => Promise<Engine>,
  ) {}

  /**
   * What kind of article an open document is, decided without reading any file; `undefined`
   * for every other document. A text article is confirmed by `serviceFor`, which looks for its site.
   */
  kindOf(document: vscode.TextDocument): ArticleKind | undefined {
    // The service reads the site through `vscode.workspace.fs`: no provider, no site (e.g. `untitled:`).
    if (vscode.workspace.fs.isWritableFileSystem(document.uri.scheme) === undefined) return undefined;
    if (document.languageId === 'markdown') return 'markdown';
    // The team configuration is checked by the service of its site, as an article is.
    if (isTeamConfigPath(document.uri.path)) return 'markdown';
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

  /** The root of the article's site and its service, as `serviceFor` finds them. */
  async siteFor(
    uri: vscode.Uri,
    kind: ArticleKind,
  ): Promise<{ root: string; service: ArticleService } | undefined> {
    const settings = this.settingsFor(uri);
    if (!settings.enable) return undefined;
    const root = await this.siteRootOf(uri, kind);
    if (!root) return undefined;
    return { root: root.toString(), service: await this.serviceAt(root, settings.service) };
  }

  /**
   * The root of a Markdown file's site and the settings its service is given there, without
   * making the service (a helper thread makes its own); `undefined` when checking is off there.
   */
  async siteSettingsFor(
    uri: vscode.Uri,
  ): Promise<{ root: string; settings: Partial<ArticleSettings> } | undefined> {
    const settings = this.settingsFor(uri);
    if (!settings.enable) return undefined;
    const root = await this.siteRootOf(uri, 'markdown');
    return root && { root: root.toString(), settings: settings.service };
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
    return this.roots.holdsConfig(folder.toString());
  }

  private async serviceAt(root: vscode.Uri, settings: Partial<ArticleSettings>): Promise<ArticleService> {
    // A failed load is not kept: the next article tries again.
    this.services ??= this.loadEngine().then(
      ({ createArticleService }) =>
        (this.loaded = new SiteServices({
          createArticleService,
          createWorkspace: (uri) => createSiteWorkspace(vscode.Uri.parse(uri, true)),
          logger: this.logger,
        })),
      (error: unknown) => {
        this.services = undefined;
        throw error;
      },
    );
    return (await this.services).serviceAt(root.toString(), settings);
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
   * A file the sites may read (a `_config.yml`, site data, a schema) was created, changed or
   * deleted. Returns whether any site changed, so that open articles are checked again.
   */
  fileChanged(uri: vscode.Uri, watched: SiteFiles): boolean {
    return siteFileChanged(uri.toString(), {
      roots: this.roots,
      services: this.loaded ?? NO_SERVICES,
      // As VS Code writes them, to compare with the URIs of its events.
      schemaUris: watched.schemaUris.map((schema) => vscode.Uri.parse(schema).toString()),
    });
  }

  /**
   * The files (URIs) found in the workspace folders that Jekyll builds: without those the
   * `exclude:` of their site's `_config.yml` leaves out (read afresh on each call).
   * @param pause awaited between files: a turn for the editor in a long list.
   */
  async withoutExcluded(uris: readonly string[], pause?: () => Promise<void>): Promise<string[]> {
    const readText = (uri: string) =>
      Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.parse(uri, true))).then(
        (bytes) => new TextDecoder().decode(bytes),
        () => undefined,
      );
    // The service's reading of `_config.yml`, from the engine (loaded now if it was not yet).
    const engine = await this.loadEngine();
    return new JekyllExclusions(this.roots, readText, engine).kept(uris, undefined, pause);
  }

  /** Forgets where sites are (workspace folders changed). */
  reset(): void {
    this.roots.forget();
  }

  /** Drops every site's service (the extension is deactivated). */
  dispose(): void {
    this.loaded?.dispose();
  }

  /** Forgets a closed document in every site's service. */
  forget(uri: vscode.Uri): void {
    this.loaded?.forget(uri.toString());
  }

  /** The files the services read besides articles, in every workspace folder, for file watchers. */
  siteFiles(): SiteFiles {
    const scopes = (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri);
    return siteFiles([null, ...scopes].map((scope) => this.settingsFor(scope).service));
  }

  /** The settings of a resource (of the window for `null`); a bad value is logged once. */
  private settingsFor(scope: vscode.Uri | null): FrontMatterSettings {
    const settings = readSettings(
      vscode.workspace.getConfiguration(SETTINGS_SECTION, scope),
      vscode.workspace.isTrusted,
    );
    for (const { key, message } of settings.problems ?? []) {
      const line = `Setting ${SETTINGS_SECTION}.${key}: ${message}; the value is ignored.`;
      if (this.problemsLogged.has(line)) continue;
      this.problemsLogged.add(line);
      this.logger.error(line);
    }
    return settings;
  }

  private async siteRootOf(uri: vscode.Uri, kind: ArticleKind): Promise<vscode.Uri | undefined> {
    const file = uri.with({ query: '', fragment: '' });
    // A text file is an article only inside a site; a Markdown file anywhere.
    const fallback =
      kind === 'text'
        ? undefined
        : (vscode.workspace.getWorkspaceFolder(uri)?.uri ?? vscode.Uri.joinPath(file, '..')).toString();
    const root = await this.roots.siteOf(file.toString(), fallback);
    return root === undefined ? undefined : vscode.Uri.parse(root, true);
  }
}

/** Whether a path names a team config file in YAML (the JSON one is validated by `jsonValidation`). */
function isTeamConfigPath(path: string): boolean {
  return /\/\.article-frontmatter\.ya?ml$/.test(path);
}

/** Before the engine is loaded there is no service to tell anything. */
const NO_SERVICES = { invalidate: () => false } as const;

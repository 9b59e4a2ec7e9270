/**
 * The language server: LSP requests turned into calls on the article service. Wiring only —
 * every answer comes from the service (`src/service`), every site from the host layer.
 */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  DocumentDiagnosticReportKind,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isArticleName, SiteIndexing, type RawSettings } from '../host/index';
import type { ArticleService } from '../service/index';
import { isRecord } from '../service/util/records';
import { ServerSites, type DocumentSettings } from './sites';

/** The kind of this server's fix-all code action. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.articleFrontMatter`;
/** The settings section, as in VS Code. */
export const SETTINGS_SECTION = 'articleFrontMatter';
/** How long diagnostics wait for typing to pause. */
const DEBOUNCE_MS = 150;
const TRIGGER_CHARACTERS = [':', '-', ' '];

/** Whether a document is an article: Markdown, or any language for a `.md`/`.markdown` file. */
export function isArticleDocument(document: TextDocument): boolean {
  return document.languageId === 'markdown' || isArticleName(document.uri);
}

/** The section's keys from what a client sends: `{ articleFrontMatter: {…} }` or the keys themselves. */
function sectionOf(value: unknown): RawSettings {
  if (!isRecord(value)) return {};
  return isRecord(value[SETTINGS_SECTION]) ? value[SETTINGS_SECTION] : value;
}

/** Serves articles on `connection` until the client exits. */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const log = {
    error(message: string, error?: unknown) {
      const detail =
        error instanceof Error ? `: ${error.stack ?? error.message}` : error ? `: ${String(error)}` : '';
      connection.console.error(message + detail);
    },
  };
  const sites = new ServerSites(log);
  let initialSettings: RawSettings = {};
  let pushedSettings: RawSettings | undefined;
  let canConfigure = false;
  let canWatch = false;
  /** Whether the client applies workspace edits that rename files (a post renamed to a dated name). */
  let canRenameFiles = false;
  /** The client pulls diagnostics (LSP 3.17 `textDocument/diagnostic`): nothing is pushed then. */
  let pulls = false;
  const settingsCache = new Map<string, Promise<DocumentSettings>>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  function settingsFor(uri: string): Promise<DocumentSettings> {
    let settings = settingsCache.get(uri);
    if (!settings) {
      const base = { ...initialSettings, ...pushedSettings };
      settings = !canConfigure
        ? Promise.resolve(sites.readSettings(base))
        : connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(
            (value: unknown) => sites.readSettings({ ...base, ...(isRecord(value) ? value : {}) }),
            (error: unknown) => {
              log.error('Could not read the settings', error);
              return sites.readSettings(base);
            },
          );
      settingsCache.set(uri, settings);
    }
    return settings;
  }

  /** The open article and its service, or `undefined` when the server has nothing to say about it. */
  async function articleOf(
    params: unknown,
  ): Promise<{ document: TextDocument; service: ArticleService } | undefined> {
    const uri = isRecord(params) && isRecord(params.textDocument) ? params.textDocument.uri : undefined;
    if (typeof uri !== 'string')
      throw new ResponseError(ErrorCodes.InvalidParams, 'textDocument.uri is missing');
    const document = documents.get(uri);
    if (!document || !isArticleDocument(document)) return undefined;
    const service = await sites.serviceFor(uri, await settingsFor(uri));
    return service && { document, service };
  }

  /** Answers a request; a failure is logged and answered with `empty` (or its LSP error). */
  function handle<P, R>(what: string, empty: R, work: (params: P) => Promise<R>) {
    return async (params: P): Promise<R | ResponseError<void>> => {
      try {
        return await work(params);
      } catch (error) {
        if (error instanceof ResponseError) return error as ResponseError<void>;
        log.error(`Could not compute ${what}`, error);
        return empty;
      }
    };
  }

  const indexing = new SiteIndexing();
  const indexed = new WeakSet<ArticleService>();
  let recheckTimer: ReturnType<typeof setTimeout> | undefined;
  /** Builds the index of a site (once, in the background); resolves when it is ready. */
  async function indexSiteOf(uri: string): Promise<void> {
    const site = await sites.siteFor(uri, await settingsFor(uri));
    if (!site) return;
    if (!indexed.has(site.service)) {
      indexed.add(site.service);
      // Other articles' findings across files change with the index.
      site.service.onDidChangeIndex(() => {
        clearTimeout(recheckTimer);
        recheckTimer = setTimeout(recheckAll, 500);
      });
    }
    await indexing.ensure(site.root, site.service);
  }
  /** The open article and its service, its site indexed. */
  async function linkedArticleOf(params: unknown) {
    const found = await articleOf(params);
    if (found) await indexSiteOf(found.document.uri);
    return found;
  }
  const indexTimers = new Map<string, ReturnType<typeof setTimeout>>();
  function indexLater(document: TextDocument): void {
    clearTimeout(indexTimers.get(document.uri));
    indexTimers.set(
      document.uri,
      setTimeout(() => {
        indexTimers.delete(document.uri);
        const current = documents.get(document.uri);
        if (current) void indexing.fileChanged(current.uri, current.getText()).catch(logIndexError);
      }, 300),
    );
  }
  const logIndexError = (error: unknown) => log.error('Could not index the site', error);

  async function validate(document: TextDocument): Promise<void> {
    try {
      const found = await articleOf({ textDocument: { uri: document.uri } });
      const diagnostics = found ? await found.service.validate(document) : [];
      // A newer version (or a close) has come since: its own check will publish.
      if (documents.get(document.uri)?.version !== document.version) return;
      await connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
    } catch (error) {
      log.error(`Could not check ${document.uri}`, error);
    }
  }

  function schedule(document: TextDocument, delay = DEBOUNCE_MS): void {
    if (pulls) return;
    clearTimeout(timers.get(document.uri));
    timers.set(
      document.uri,
      setTimeout(() => {
        timers.delete(document.uri);
        const current = documents.get(document.uri);
        if (current) void validate(current);
      }, delay),
    );
  }

  function recheckAll(): void {
    // A client that pulls is asked to pull again: the site's files or the settings changed.
    if (pulls) connection.languages.diagnostics.refresh();
    else for (const document of documents.all()) schedule(document, 300);
  }

  async function watchSiteFiles(): Promise<void> {
    if (!canWatch) return;
    const settings = await Promise.all(documents.all().map((document) => settingsFor(document.uri)));
    if (settings.length === 0) settings.push(sites.readSettings({ ...initialSettings, ...pushedSettings }));
    const watchers = sites.watchedGlobs(settings).map((globPattern) => ({ globPattern }));
    await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const capabilities = params.capabilities ?? {};
    canConfigure = capabilities.workspace?.configuration === true;
    canWatch = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    const workspaceEdit = capabilities.workspace?.workspaceEdit;
    canRenameFiles =
      workspaceEdit?.documentChanges === true && (workspaceEdit.resourceOperations ?? []).includes('rename');
    pulls = capabilities.textDocument?.diagnostic !== undefined;
    initialSettings = sectionOf(params.initializationOptions);
    const folders = params.workspaceFolders?.map((folder) => folder.uri) ?? [];
    if (folders.length === 0 && params.rootUri) folders.push(params.rootUri);
    sites.setFolders(folders);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: TRIGGER_CHARACTERS },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        documentLinkProvider: { resolveProvider: false },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        workspaceSymbolProvider: true,
        // Pulled where the client can: it asks when it shows a document, none is checked in vain.
        ...(pulls && {
          diagnosticProvider: { interFileDependencies: true, workspaceDiagnostics: false },
        }),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'article-frontmatter' },
    };
  });

  connection.onInitialized(() => {
    if (canConfigure) {
      connection.client
        .register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION })
        .catch((error: unknown) => log.error('Could not ask for settings changes', error));
    }
    watchSiteFiles().catch((error: unknown) => log.error('Could not watch the site files', error));
    // Each workspace folder's site is indexed in the background.
    for (const folder of sites.folderList()) void indexSiteOf(`${folder}/_config.yml`).catch(logIndexError);
    try {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const folders = new Set(sites.folderList());
        for (const removed of event.removed) folders.delete(removed.uri.replace(/\/+$/, ''));
        for (const added of event.added) folders.add(added.uri);
        sites.setFolders([...folders]);
        recheckAll();
      });
    } catch {
      // The client does not send workspace folder changes.
    }
  });

  connection.onDidChangeConfiguration((params) => {
    const pushed = isRecord(params?.settings) ? params.settings[SETTINGS_SECTION] : undefined;
    if (isRecord(pushed)) pushedSettings = pushed;
    settingsCache.clear();
    recheckAll();
    watchSiteFiles().catch((error: unknown) => log.error('Could not watch the site files', error));
  });

  connection.onDidChangeWatchedFiles(async (params) => {
    try {
      const settings = await Promise.all(documents.all().map((document) => settingsFor(document.uri)));
      let changed = false;
      for (const change of params?.changes ?? []) {
        if (typeof change?.uri !== 'string') continue;
        if (sites.fileChanged(change.uri, settings)) changed = true;
        // An open document's text wins over the disk.
        if (!documents.get(change.uri)) await indexing.fileChanged(change.uri);
      }
      if (changed) recheckAll();
    } catch (error) {
      log.error('Could not take in changed site files', error);
    }
  });

  documents.onDidOpen(({ document }) => {
    schedule(document, 0);
    if (isArticleDocument(document)) void indexSiteOf(document.uri).catch(logIndexError);
  });
  documents.onDidChangeContent(({ document }) => {
    schedule(document);
    if (isArticleDocument(document)) indexLater(document);
  });
  documents.onDidClose(({ document }) => {
    clearTimeout(indexTimers.get(document.uri));
    void indexing.fileChanged(document.uri).catch(logIndexError);
    clearTimeout(timers.get(document.uri));
    timers.delete(document.uri);
    settingsCache.delete(document.uri);
    sites.forget(document.uri);
    if (!pulls) void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });

  connection.onCompletion(
    handle('completions', null, async (params) => {
      const found = await articleOf(params);
      return found ? found.service.complete(found.document, params.position) : null;
    }),
  );
  connection.onHover(
    handle('the hover', null, async (params) => {
      const found = await articleOf(params);
      return found ? found.service.hover(found.document, params.position) : null;
    }),
  );
  connection.onCodeAction(
    handle('code actions', [] as CodeAction[], async (params) => {
      const found = await articleOf(params);
      if (!found) return [];
      const only = params.context?.only;
      const wants = (kind: string) =>
        !only || only.some((asked) => kind === asked || kind.startsWith(asked + '.'));
      const actions: CodeAction[] = [];
      if (wants(CodeActionKind.QuickFix)) {
        const fixes = await found.service.codeActions(
          found.document,
          params.range,
          params.context?.diagnostics ?? [],
        );
        actions.push(
          ...fixes.filter(
            (action) =>
              (!action.kind || wants(action.kind)) &&
              // A client that cannot rename files is not offered a rename it would fail to make.
              (canRenameFiles || !action.edit?.documentChanges?.some((change) => 'kind' in change)),
          ),
        );
      }
      // Fix-all only when asked for by kind (on save, or the Source Action menu).
      if (only && wants(FIX_ALL_KIND)) {
        const edits = await found.service.fixAll(found.document);
        if (edits.length > 0) {
          actions.push({
            title: 'Fix all Article Front Matter problems',
            kind: FIX_ALL_KIND,
            edit: { changes: { [found.document.uri]: edits } },
          });
        }
      }
      return actions;
    }),
  );
  connection.onDocumentLinks(
    handle('links', [], async (params) => {
      const found = await articleOf(params);
      return found ? found.service.links(found.document) : [];
    }),
  );
  connection.onDocumentSymbol(
    handle('the outline', [], async (params) => {
      const found = await articleOf(params);
      return found ? found.service.symbols(found.document) : [];
    }),
  );
  connection.onFoldingRanges(
    handle('folding ranges', [], async (params) => {
      const found = await articleOf(params);
      return found ? found.service.foldingRanges(found.document) : [];
    }),
  );

  connection.onDefinition(
    handle('the definition', [], async (params) => {
      const found = await linkedArticleOf(params);
      return found ? found.service.definition(found.document, params.position) : [];
    }),
  );
  connection.onReferences(
    handle('references', [], async (params) => {
      const found = await linkedArticleOf(params);
      const includeDeclaration = params.context?.includeDeclaration === true;
      return found ? found.service.references(found.document, params.position, { includeDeclaration }) : [];
    }),
  );
  connection.onPrepareRename(
    handle('a rename', null, async (params) => {
      const found = await linkedArticleOf(params);
      if (!found) return null;
      const prepared = await found.service.prepareRename(found.document, params.position);
      if ('message' in prepared) throw new ResponseError(ErrorCodes.InvalidRequest, prepared.message);
      return prepared;
    }),
  );
  connection.onRenameRequest(
    handle('a rename', null, async (params) => {
      const found = await linkedArticleOf(params);
      if (!found) return null;
      const edit = await found.service.rename(found.document, params.position, params.newName);
      if ('message' in edit) throw new ResponseError(ErrorCodes.InvalidRequest, edit.message);
      return edit;
    }),
  );
  connection.onWorkspaceSymbol(
    handle('workspace symbols', [], (params) => indexing.workspaceSymbols(params.query ?? '')),
  );

  const pullDiagnostics = handle(
    'diagnostics',
    { kind: DocumentDiagnosticReportKind.Full, items: [] } as DocumentDiagnosticReport,
    async (params: DocumentDiagnosticParams): Promise<DocumentDiagnosticReport> => {
      const found = await articleOf(params);
      const items = found ? await found.service.validate(found.document) : [];
      return { kind: DocumentDiagnosticReportKind.Full, items };
    },
  );
  connection.languages.diagnostics.on(
    async (params) => (await pullDiagnostics(params)) as DocumentDiagnosticReport | ResponseError<never>,
  );

  documents.listen(connection);
  connection.listen();
}

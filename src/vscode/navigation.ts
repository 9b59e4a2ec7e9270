import * as vscode from 'vscode';
import type * as lsp from 'vscode-languageserver-types';
import { SiteIndexing } from '../host/index';
import type { ArticleService } from '../service/index';
import { SHOW_LINKS_COMMAND } from '../service/util/commands';
import { toLspPosition, toRange, toWorkspaceEdit } from './convert';
import type { DiagnosticSupport } from './diagnostics';
import type { Sites } from './sites';

/** Typing pauses this long before an open article's unsaved text goes into the site index. */
const INDEX_DEBOUNCE_MS = 300;
/** After the index changes, open articles are checked again once changes settle. */
const RECHECK_MS = 500;

function toLocation(location: lsp.Location): vscode.Location {
  return new vscode.Location(vscode.Uri.parse(location.uri), toRange(location.range));
}

/**
 * The site as one linked whole in the editor: the site index built in the background after
 * activation (its progress in the status bar), fed open articles' unsaved text and the files
 * that change on disk; go to definition from a `related` entry, find references and rename of
 * an article's title, workspace symbols (Ctrl+T).
 */
export function registerNavigationSupport(
  selector: vscode.DocumentSelector,
  sites: Sites,
  diagnostics: DiagnosticSupport,
): vscode.Disposable {
  const status = vscode.window.createStatusBarItem(
    'articleFrontMatter.index',
    vscode.StatusBarAlignment.Left,
  );
  status.name = 'Article Front Matter: site index';
  let hideTimer: ReturnType<typeof setTimeout> | undefined;
  const indexing = new SiteIndexing({
    report(_root, done, total) {
      clearTimeout(hideTimer);
      status.text =
        done < total
          ? `$(sync~spin) Indexing articles ${done}/${total}`
          : `$(link) ${total} articles indexed`;
      status.show();
      if (done === total) hideTimer = setTimeout(() => status.hide(), 5000);
    },
  });
  let recheck: ReturnType<typeof setTimeout> | undefined;
  const lensesChanged = new vscode.EventEmitter<void>();
  const watched = new WeakSet<ArticleService>();
  const listeners: vscode.Disposable[] = [];

  /** The site index of a document's site, built once; resolves when it is ready. */
  async function indexOf(uri: vscode.Uri, kind: 'markdown' | 'text'): Promise<void> {
    const site = await sites.siteFor(uri, kind);
    if (!site) return;
    if (!watched.has(site.service)) {
      watched.add(site.service);
      const listener = site.service.onDidChangeIndex(() => {
        clearTimeout(recheck);
        recheck = setTimeout(() => {
          diagnostics.revalidateAll();
          lensesChanged.fire();
        }, RECHECK_MS);
      });
      listeners.push(new vscode.Disposable(() => listener.dispose()));
    }
    await indexing.ensure(site.root, site.service);
  }
  const indexDocument = (document: vscode.TextDocument): Promise<void> => {
    const kind = sites.kindOf(document);
    return kind
      ? indexOf(document.uri, kind).catch((error: unknown) =>
          sites.logger.error('Could not index the site', error),
        )
      : Promise.resolve();
  };

  // In the background, once activation is over: each workspace folder's site, and open articles'.
  const start = setTimeout(() => {
    for (const folder of vscode.workspace.workspaceFolders ?? [])
      void indexOf(vscode.Uri.joinPath(folder.uri, '_config.yml'), 'markdown').catch((error: unknown) =>
        sites.logger.error('Could not index the site', error),
      );
    for (const document of vscode.workspace.textDocuments) void indexDocument(document);
  }, 1000);

  const typing = new Map<string, ReturnType<typeof setTimeout>>();
  const changed = (uri: vscode.Uri, text?: string) =>
    indexing
      .fileChanged(uri.toString(), text)
      .catch((error: unknown) => sites.logger.error('Could not index a file', error));
  const isDirty = (uri: vscode.Uri) =>
    vscode.workspace.textDocuments.some(
      (document) => document.isDirty && document.uri.toString() === uri.toString(),
    );
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.{md,markdown,MD,Markdown}');
  const onDisk = (uri: vscode.Uri) => {
    // An editor's unsaved text wins over the disk.
    if (!isDirty(uri)) void changed(uri);
  };

  async function ask<T>(
    document: vscode.TextDocument,
    token: vscode.CancellationToken,
    what: string,
    request: (service: ArticleService, article: Parameters<ArticleService['definition']>[0]) => Promise<T>,
  ): Promise<T | undefined> {
    await indexDocument(document);
    return sites.ask(document, token, what, request);
  }

  return vscode.Disposable.from(
    status,
    watcher,
    watcher.onDidCreate(onDisk),
    watcher.onDidChange(onDisk),
    watcher.onDidDelete(onDisk),
    vscode.workspace.onDidOpenTextDocument((document) => void indexDocument(document)),
    vscode.workspace.onDidChangeTextDocument(({ document, contentChanges }) => {
      if (contentChanges.length === 0 || !sites.kindOf(document)) return;
      const key = document.uri.toString();
      clearTimeout(typing.get(key));
      typing.set(
        key,
        setTimeout(() => {
          typing.delete(key);
          void changed(document.uri, document.getText());
        }, INDEX_DEBOUNCE_MS),
      );
    }),
    vscode.workspace.onDidSaveTextDocument((document) => void changed(document.uri)),
    vscode.workspace.onDidCloseTextDocument((document) => void changed(document.uri)),
    vscode.languages.registerDefinitionProvider(selector, {
      async provideDefinition(document, position, token) {
        const found = await ask(document, token, 'the definition', (service, article) =>
          service.definition(article, toLspPosition(position)),
        );
        return found?.map(toLocation);
      },
    }),
    vscode.languages.registerReferenceProvider(selector, {
      async provideReferences(document, position, context, token) {
        const found = await ask(document, token, 'references', (service, article) =>
          service.references(article, toLspPosition(position), {
            includeDeclaration: context.includeDeclaration,
          }),
        );
        return found?.map(toLocation);
      },
    }),
    vscode.languages.registerRenameProvider(selector, {
      async prepareRename(document, position, token) {
        const found = await ask(document, token, 'a rename', (service, article) =>
          service.prepareRename(article, toLspPosition(position)),
        );
        if (!found) return undefined;
        // VS Code shows the message of a thrown error where the writer pressed F2.
        if ('message' in found) throw new Error(found.message);
        return { range: toRange(found.range), placeholder: found.placeholder };
      },
      async provideRenameEdits(document, position, newName, token) {
        const found = await ask(document, token, 'a rename', (service, article) =>
          service.rename(article, toLspPosition(position), newName),
        );
        if (!found) return undefined;
        if ('message' in found) throw new Error(found.message);
        return toWorkspaceEdit(found);
      },
    }),
    lensesChanged,
    vscode.languages.registerCodeLensProvider(selector, {
      onDidChangeCodeLenses: lensesChanged.event,
      async provideCodeLenses(document, token) {
        const found = await ask(document, token, 'code lenses', (service, article) =>
          service.codeLenses(article),
        );
        return (found ?? []).map(
          (lens) =>
            new vscode.CodeLens(
              toRange(lens.range),
              lens.command && {
                title: lens.command.title,
                command: lens.command.command,
                arguments: lens.command.arguments,
              },
            ),
        );
      },
    }),
    // The lens's command: the entries that link to the article, in the references peek.
    vscode.commands.registerCommand(SHOW_LINKS_COMMAND, async (uri: string, position: lsp.Position) => {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
      const where = new vscode.Position(position.line, position.character);
      const stop = new vscode.CancellationTokenSource();
      const found = await sites.ask(document, stop.token, 'references', (service, article) =>
        service.references(article, position, { includeDeclaration: false }),
      );
      await vscode.commands.executeCommand(
        'editor.action.showReferences',
        document.uri,
        where,
        (found ?? []).map(toLocation),
      );
      stop.dispose();
    }),
    vscode.languages.registerWorkspaceSymbolProvider({
      async provideWorkspaceSymbols(query) {
        const symbols = await indexing.workspaceSymbols(query);
        return symbols.map(
          (symbol) =>
            new vscode.SymbolInformation(
              symbol.name,
              vscode.SymbolKind.File,
              symbol.containerName ?? '',
              toLocation(symbol.location as lsp.Location),
            ),
        );
      },
    }),
    new vscode.Disposable(() => {
      clearTimeout(start);
      clearTimeout(recheck);
      clearTimeout(hideTimer);
      for (const timer of typing.values()) clearTimeout(timer);
      for (const listener of listeners) listener.dispose();
      indexing.dispose();
    }),
  );
}

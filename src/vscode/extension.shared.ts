import * as vscode from 'vscode';
import type { ArticleLogger } from '../service/index';
import { registerCheckAllArticlesCommand, registerCheckOnStartup, type CheckThreads } from './checkAll';
import { registerCodeActionSupport, registerFixAllCommand } from './codeActions';
import { registerCompletionSupport } from './completion';
import { registerDiagnosticSupport, type DiagnosticSupport } from './diagnostics';
import { registerFoldingSupport } from './folding';
import { registerHoverSupport } from './hover';
import { registerInferSchemasCommand } from './inferSchemas';
import { registerDocumentLinkSupport } from './links';
import { registerNavigationSupport } from './navigation';
import { registerNewArticleCommand } from './newArticle';
import { ARTICLE_SELECTOR, SETTINGS_SECTION, Sites, type Engine } from './sites';
import { registerSiteWatching } from './siteWatching';
import { registerDocumentSymbolSupport } from './symbols';

/** What differs between the Node and the web extension host. */
export interface ExtensionHost {
  /** Where the extension runs, for the log. */
  readonly platform: 'node' | 'web';
  /**
   * Loads the language service. Never called during activation: the first article opened (or
   * the first command) calls it, so activation stays a matter of registering providers.
   */
  loadEngine(): Promise<Engine>;
  /** Helper threads for *Check All Articles*, where the host has them (Node). */
  readonly checkThreads?: CheckThreads;
}

/** Everything the extension does, the same in Node and on the web. */
export function activateShared(context: vscode.ExtensionContext, host: ExtensionHost): void {
  const output = vscode.window.createOutputChannel('Article Front Matter', { log: true });
  const logger: ArticleLogger = {
    error(message, error) {
      output.error(error === undefined ? message : `${message}: ${describe(error)}`);
    },
  };
  const sites = new Sites(logger, () => host.loadEngine());
  const diagnostics = registerDiagnosticSupport(sites);
  context.subscriptions.push(
    output,
    sites,
    diagnostics,
    registerCompletionSupport(ARTICLE_SELECTOR, sites),
    registerHoverSupport(ARTICLE_SELECTOR, sites),
    registerDocumentLinkSupport(ARTICLE_SELECTOR, sites),
    registerDocumentSymbolSupport(ARTICLE_SELECTOR, sites),
    registerFoldingSupport(ARTICLE_SELECTOR, sites),
    registerCodeActionSupport(ARTICLE_SELECTOR, sites, diagnostics),
    registerSiteWatching(sites, () => diagnostics.revalidateAll()),
    registerSettingsSupport(sites, diagnostics),
    registerCheckAllArticlesCommand(sites, diagnostics, host.checkThreads),
    registerCheckOnStartup(sites, diagnostics, host.checkThreads),
    registerFixAllCommand(sites),
    registerNewArticleCommand(sites),
    registerInferSchemasCommand(sites),
    registerNavigationSupport(ARTICLE_SELECTOR, sites, diagnostics),
  );
  output.info(`Article Front Matter started (${host.platform}).`);
}

/** Applies changed settings, trust and workspace folders without a reload. */
function registerSettingsSupport(sites: Sites, diagnostics: DiagnosticSupport): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SETTINGS_SECTION)) diagnostics.revalidateAll();
    }),
    // Schemas from settings are used from now on.
    vscode.workspace.onDidGrantWorkspaceTrust(() => diagnostics.revalidateAll()),
    vscode.workspace.onDidChangeWorkspaceFolders(() => {
      sites.reset();
      diagnostics.revalidateAll();
    }),
  );
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

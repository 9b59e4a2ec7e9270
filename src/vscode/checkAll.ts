import * as vscode from 'vscode';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DiagnosticSupport } from './diagnostics';
import type { Sites } from './sites';

/** The command that checks every article of the workspace, open or not. */
export const CHECK_ALL_ARTICLES_COMMAND = 'articleFrontMatter.checkAllArticles';

const ARTICLES = '**/*.md';
const NOT_ARTICLES = '{**/node_modules/**,**/_site/**}';
/** How many articles are read and checked at once. */
const CONCURRENCY = 8;

/** Registers "Article Front Matter: Check All Articles", which fills the Problems view. */
export function registerCheckAllArticlesCommand(
  sites: Sites,
  diagnostics: DiagnosticSupport,
): vscode.Disposable {
  return vscode.commands.registerCommand(CHECK_ALL_ARTICLES_COMMAND, () =>
    checkAllArticles(sites, diagnostics),
  );
}

async function checkAllArticles(sites: Sites, diagnostics: DiagnosticSupport): Promise<void> {
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showInformationMessage('Open the folder of a site to check its articles.');
    return;
  }
  const summary = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Checking articles', cancellable: true },
    async (progress, token) => {
      const files = await vscode.workspace.findFiles(ARTICLES, NOT_ARTICLES, undefined, token);
      let next = 0;
      let checked = 0;
      let withProblems = 0;
      const worker = async () => {
        while (next < files.length && !token.isCancellationRequested) {
          const uri = files[next++];
          if (await checkArticle(uri, sites, diagnostics)) withProblems++;
          checked++;
          progress.report({ message: `${checked} of ${files.length}`, increment: 100 / files.length });
        }
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, files.length) }, worker));
      return { total: files.length, checked, withProblems, cancelled: token.isCancellationRequested };
    },
  );
  const problems =
    summary.withProblems === 0
      ? 'no problems found'
      : `${summary.withProblems} ${summary.withProblems === 1 ? 'has' : 'have'} problems`;
  const message = summary.cancelled
    ? `Stopped after ${summary.checked} of ${summary.total} articles: ${problems}.`
    : `Checked ${summary.total} ${summary.total === 1 ? 'article' : 'articles'}: ${problems}.`;
  if (summary.withProblems === 0) {
    void vscode.window.showInformationMessage(message);
    return;
  }
  const choice = await vscode.window.showInformationMessage(message, 'Show Problems');
  if (choice) await vscode.commands.executeCommand('workbench.actions.view.problems');
}

/** Checks one article and shows its diagnostics; resolves to whether it has any. */
async function checkArticle(uri: vscode.Uri, sites: Sites, diagnostics: DiagnosticSupport): Promise<boolean> {
  const key = uri.toString();
  const isOpen = () => vscode.workspace.textDocuments.find((document) => document.uri.toString() === key);
  try {
    const open = isOpen();
    if (open) {
      // An open article is checked as it is in the editor, unsaved changes included.
      await diagnostics.validate(open);
      return diagnostics.count(uri) > 0;
    }
    const service = await sites.serviceFor(uri, 'markdown');
    if (!service) {
      diagnostics.clear(uri);
      return false;
    }
    const text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
    const article = TextDocument.create(key, 'markdown', 0, text);
    try {
      const result = await service.validate(article);
      // Opened meanwhile: the editor's own check is the one to show.
      if (!isOpen()) diagnostics.publish(uri, result);
      return result.length > 0;
    } finally {
      service.forget(key);
    }
  } catch (error) {
    sites.logger.error(`Could not check ${uri.toString(true)}`, error);
    return false;
  }
}

import * as vscode from 'vscode';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { searchArticleFiles } from '../host/index';
import { startsWithFrontMatter } from './articles';
import type { DiagnosticSupport } from './diagnostics';
import { SETTINGS_SECTION, type Sites } from './sites';

/** The command that checks every article of the workspace, open or not. */
export const CHECK_ALL_ARTICLES_COMMAND = 'articleFrontMatter.checkAllArticles';

/** The setting that checks every article once after start. */
export const CHECK_ON_STARTUP_SETTING = 'checkOnStartup';

/** How long after activation the startup check begins: the window is busy opening until then. */
const STARTUP_DELAY_MS = 3000;

/** How many articles are read and checked at once. */
const CONCURRENCY = 8;

/** What one file turned out to be. */
type Outcome = 'problems' | 'clean' | 'not-an-article';

/** Registers "Article Front Matter: Check All Articles", which fills the Problems view. */
export function registerCheckAllArticlesCommand(
  sites: Sites,
  diagnostics: DiagnosticSupport,
): vscode.Disposable {
  return vscode.commands.registerCommand(CHECK_ALL_ARTICLES_COMMAND, () =>
    checkAllArticles(sites, diagnostics),
  );
}

/**
 * With `articleFrontMatter.checkOnStartup`, checks every article once, in the background, a
 * few seconds after activation: progress in the status bar, results in the Problems view.
 */
export function registerCheckOnStartup(sites: Sites, diagnostics: DiagnosticSupport): vscode.Disposable {
  const stop = new vscode.CancellationTokenSource();
  const timer = setTimeout(() => {
    const wanted = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<boolean>(CHECK_ON_STARTUP_SETTING);
    if (wanted === true && vscode.workspace.workspaceFolders?.length) {
      void checkAllArticles(sites, diagnostics, stop.token);
    }
  }, STARTUP_DELAY_MS);
  return new vscode.Disposable(() => {
    clearTimeout(timer);
    stop.cancel();
    stop.dispose();
  });
}

/**
 * Checks every article of the workspace: the files the CLI would check in its folders (see
 * `searchArticleFiles`), with or without front matter (a file without is counted as an article
 * only when it has a problem: a block Jekyll misses, a collection's file it copies unrendered). From the command (no `background`), with a cancellable notification
 * and a summary; in the background, with progress in the status bar only.
 */
async function checkAllArticles(
  sites: Sites,
  diagnostics: DiagnosticSupport,
  background?: vscode.CancellationToken,
): Promise<void> {
  if (!vscode.workspace.workspaceFolders?.length) {
    if (!background)
      void vscode.window.showInformationMessage('Open the folder of a site to check its articles.');
    return;
  }
  const summary = await vscode.window.withProgress(
    {
      location: background ? vscode.ProgressLocation.Window : vscode.ProgressLocation.Notification,
      title: 'Checking articles',
      cancellable: !background,
    },
    async (progress, token) => {
      const stopped = () => token.isCancellationRequested || background?.isCancellationRequested === true;
      const folders = (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.toString());
      const found = await sites.withoutExcluded(
        await searchArticleFiles(
          async (include, exclude) =>
            (await vscode.workspace.findFiles(include, exclude, undefined, token)).map(String),
          folders,
        ),
      );
      const files = found.map((uri) => vscode.Uri.parse(uri, true));
      let next = 0;
      let done = 0;
      let articles = 0;
      let withProblems = 0;
      const worker = async () => {
        while (next < files.length && !stopped()) {
          const outcome = await checkFile(files[next++], sites, diagnostics);
          done++;
          if (outcome !== 'not-an-article') articles++;
          if (outcome === 'problems') withProblems++;
          progress.report({
            message: `${articles} ${articles === 1 ? 'article' : 'articles'} (${done} of ${files.length} files)`,
            increment: 100 / files.length,
          });
        }
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, files.length) }, worker));
      return { articles, withProblems, cancelled: stopped() };
    },
  );
  if (background) return;
  const articles = `${summary.articles} ${summary.articles === 1 ? 'article' : 'articles'}`;
  const problems =
    summary.withProblems === 0
      ? 'no problems found'
      : `${summary.withProblems} ${summary.withProblems === 1 ? 'has' : 'have'} problems`;
  const message = summary.cancelled
    ? `Stopped after ${articles}: ${problems}.`
    : `Checked ${articles}: ${problems}.`;
  if (summary.withProblems === 0) {
    void vscode.window.showInformationMessage(message);
    return;
  }
  const choice = await vscode.window.showInformationMessage(message, 'Show Problems');
  if (choice) await vscode.commands.executeCommand('workbench.actions.view.problems');
}

/** Checks one file and shows its diagnostics; says whether it is an article, and whether it has problems. */
async function checkFile(uri: vscode.Uri, sites: Sites, diagnostics: DiagnosticSupport): Promise<Outcome> {
  const key = uri.toString();
  const isOpen = () => vscode.workspace.textDocuments.find((document) => document.uri.toString() === key);
  try {
    const open = isOpen();
    if (open) {
      // An open article is checked as it is in the editor, unsaved changes included.
      const kind = sites.kindOf(open);
      if (!kind) return 'not-an-article';
      if (!(await sites.serviceFor(uri, kind))) return 'not-an-article';
      await diagnostics.validate(open);
      // A file without front matter is checked too (one after a blank line, one of a collection).
      if (diagnostics.count(uri) > 0) return 'problems';
      return startsWithFrontMatter(open.lineAt(0).text) ? 'clean' : 'not-an-article';
    }
    // Folders hold Markdown articles only: a text file is one when it is opened.
    const service = await sites.serviceFor(uri, 'markdown');
    // Files the team configuration's `ignore` names are skipped, as the CLI skips them.
    if (!service || (await service.ignores?.(key))) {
      diagnostics.clear(uri);
      return 'not-an-article';
    }
    const text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
    // Checked even without front matter, as the CLI checks it: the service says whether Jekyll
    // missed a block after a blank line, or copies a collection's file unrendered.
    const article = TextDocument.create(key, 'markdown', 0, text);
    try {
      const result = await service.validate(article);
      // Opened meanwhile: the editor's own check is the one to show.
      if (!isOpen()) diagnostics.publish(uri, result);
      if (result.length > 0) return 'problems';
      return startsWithFrontMatter(firstLine(text)) ? 'clean' : 'not-an-article';
    } finally {
      service.forget(key);
    }
  } catch (error) {
    sites.logger.error(`Could not check ${uri.toString(true)}`, error);
    return 'not-an-article';
  }
}

function firstLine(text: string): string {
  const end = text.search(/[\r\n]/);
  return end < 0 ? text : text.slice(0, end);
}

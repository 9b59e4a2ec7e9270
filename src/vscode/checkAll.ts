import * as vscode from 'vscode';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver-types';
import {
  Batcher,
  checkFoundFile,
  helperThreadsFor,
  runChecks,
  searchArticleFiles,
  Throttle,
  TimeSlicer,
  type ChunkChecker,
  type FileChecked,
  type FileOutcome,
  type FileToCheck,
} from '../host/index';
import type { ArticleSettings } from '../service/index';
import { startsWithFrontMatter } from './articles';
import type { CheckHelper, HelperFile, HelperSetup } from './checkHelpers.node';
import type { DiagnosticSupport } from './diagnostics';
import { SETTINGS_SECTION, type Sites } from './sites';

/** The command that checks every article of the workspace, open or not. */
export const CHECK_ALL_ARTICLES_COMMAND = 'articleFrontMatter.checkAllArticles';

/** The setting that checks every article once after start. */
export const CHECK_ON_STARTUP_SETTING = 'checkOnStartup';

/** How long after activation the startup check begins: the window is busy opening until then. */
const STARTUP_DELAY_MS = 3000;

/** The window is told of results at most this often, in one message, or every so many files. */
const PUBLISH_MS = 250;
const PUBLISH_MAX_FILES = 1000;
/** Progress is shown at most this often. */
const PROGRESS_MS = 250;
/** Files per chunk a checker takes; each checker holds two, so that it never waits. */
const CHUNK_SIZE = 32;
const CHUNKS_IN_FLIGHT = 2;
/** On the editor's own thread, a turn is given to the editor (typing, completion) this often. */
const SLICE_MS = 4;

/**
 * Helper threads for *Check All Articles*: in VS Code's Node extension host only (the web
 * extension checks on its own thread, giving turns to the editor between files).
 */
export interface CheckThreads {
  /** The cores of the machine. */
  cores(): number;
  /** Starts one helper thread. */
  start(setup: HelperSetup, log: (message: string) => void): CheckHelper;
}

/** Registers "Article Front Matter: Check All Articles", which fills the Problems view. */
export function registerCheckAllArticlesCommand(
  sites: Sites,
  diagnostics: DiagnosticSupport,
  threads?: CheckThreads,
): vscode.Disposable {
  return vscode.commands.registerCommand(CHECK_ALL_ARTICLES_COMMAND, () =>
    checkAllArticles(sites, diagnostics, threads),
  );
}

/**
 * With `articleFrontMatter.checkOnStartup`, checks every article once, in the background, a
 * few seconds after activation: progress in the status bar, results in the Problems view.
 */
export function registerCheckOnStartup(
  sites: Sites,
  diagnostics: DiagnosticSupport,
  threads?: CheckThreads,
): vscode.Disposable {
  const stop = new vscode.CancellationTokenSource();
  const timer = setTimeout(() => {
    const wanted = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<boolean>(CHECK_ON_STARTUP_SETTING);
    if (wanted === true && vscode.workspace.workspaceFolders?.length) {
      void checkAllArticles(sites, diagnostics, threads, stop.token);
    }
  }, STARTUP_DELAY_MS);
  return new vscode.Disposable(() => {
    clearTimeout(timer);
    stop.cancel();
    stop.dispose();
  });
}

/** What a run found so far. */
interface Tally {
  done: number;
  articles: number;
  withProblems: number;
}

/**
 * Checks every article of the workspace: the files the CLI would check in its folders (see
 * `searchArticleFiles`) that open with front matter. From the command (no `background`), with a cancellable notification
 * and a summary; in the background, with progress in the status bar only.
 */
async function checkAllArticles(
  sites: Sites,
  diagnostics: DiagnosticSupport,
  threads: CheckThreads | undefined,
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
      // Thousands of files are listed, sorted out and planned on the editor's thread: a turn
      // for the editor every few milliseconds there too.
      const slicer = new TimeSlicer(SLICE_MS);
      const pause = () => slicer.maybeYield();
      const found = await sites.withoutExcluded(
        await searchArticleFiles(
          async (include, exclude) =>
            (await vscode.workspace.findFiles(include, exclude, undefined, token)).map(String),
          folders,
          pause,
        ),
        pause,
      );
      const tally: Tally = { done: 0, articles: 0, withProblems: 0 };
      // The window redraws on every report: a few a second say as much as one per file.
      let shownPercent = 0;
      const shown = new Throttle<void>(() => {
        const percent = found.length === 0 ? 100 : (100 * tally.done) / found.length;
        const articles = `${tally.articles} ${tally.articles === 1 ? 'article' : 'articles'}`;
        progress.report({
          message: `${articles} (${tally.done} of ${found.length} files)`,
          increment: percent - shownPercent,
        });
        shownPercent = percent;
      }, PROGRESS_MS);
      const count = (outcome: FileOutcome) => {
        tally.done++;
        if (outcome !== 'not-an-article') tally.articles++;
        if (outcome === 'problems') tally.withProblems++;
        shown.update();
      };
      const publisher = new Batcher<readonly [vscode.Uri, readonly LspDiagnostic[]]>(
        (entries) => diagnostics.publishMany(entries),
        { intervalMs: PUBLISH_MS, maxItems: PUBLISH_MAX_FILES },
      );
      try {
        await checkFiles(found, { sites, diagnostics, threads, token, stopped, count, publisher, pause });
      } finally {
        publisher.flush();
        shown.flush();
      }
      return { ...tally, cancelled: stopped() };
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

/** What checking the files of a run needs. */
interface RunContext {
  readonly sites: Sites;
  readonly diagnostics: DiagnosticSupport;
  readonly threads: CheckThreads | undefined;
  readonly token: vscode.CancellationToken;
  stopped(): boolean;
  count(outcome: FileOutcome): void;
  readonly publisher: Batcher<readonly [vscode.Uri, readonly LspDiagnostic[]]>;
  /** Gives the editor a turn when its time slice is used up. */
  pause(): Promise<void>;
}

/**
 * Checks the files found: open ones here, as they are in the editor; the others on helper
 * threads when there are enough of them and the host has threads, else here, a few
 * milliseconds at a time.
 */
async function checkFiles(found: readonly string[], run: RunContext): Promise<void> {
  const uris: vscode.Uri[] = [];
  const openNow = openDocuments();
  const closed: FileToCheck[] = [];
  for (let index = 0; index < found.length && !run.stopped(); index++) {
    await run.pause();
    uris.push(vscode.Uri.parse(found[index], true));
    const open = openNow.get(found[index]);
    if (open) run.count(await checkOpen(open, run));
    else closed.push({ index, uri: found[index] });
  }
  if (run.stopped() || closed.length === 0) return;

  const onChecked = (results: readonly FileChecked[]) => {
    // Opened meanwhile: the editor's own check is the one to show.
    const open = results.length > 0 ? openDocuments() : undefined;
    for (const result of results) {
      if (!open?.has(found[result.index])) run.publisher.add([uris[result.index], result.diagnostics]);
      run.count(result.outcome);
    }
  };
  const options = { chunkSize: CHUNK_SIZE, inFlight: CHUNKS_IN_FLIGHT, token: run.token, onChecked };
  const helpers = await startHelpers(closed, uris, run, onChecked);
  let left = closed;
  if (helpers) {
    try {
      left = await runChecks(helpers.files, helpers.checkers, {
        ...options,
        onFailure: (error) =>
          run.sites.logger.error('A checking thread stopped; its files are checked here', error),
      });
    } finally {
      await Promise.all(helpers.checkers.map((helper) => helper.stop()));
    }
  }
  if (left.length > 0 && !run.stopped()) await runChecks(left, [inThisThread(uris, run)], options);
}

/** The open documents, by URI. */
function openDocuments(): Map<string, vscode.TextDocument> {
  return new Map(vscode.workspace.textDocuments.map((document) => [document.uri.toString(), document]));
}

/** Checks an open article as it is in the editor, unsaved changes included. */
async function checkOpen(open: vscode.TextDocument, run: RunContext): Promise<FileOutcome> {
  try {
    const kind = run.sites.kindOf(open);
    if (!kind) return 'not-an-article';
    if (!(await run.sites.serviceFor(open.uri, kind))) return 'not-an-article';
    await run.diagnostics.validate(open);
    // A file without front matter is checked too (one after a blank line, one of a collection).
    if (run.diagnostics.count(open.uri) > 0) return 'problems';
    return startsWithFrontMatter(open.lineAt(0).text) ? 'clean' : 'not-an-article';
  } catch (error) {
    run.sites.logger.error(`Could not check ${open.uri.toString(true)}`, error);
    return 'not-an-article';
  }
}

/**
 * Helper threads for the files, when the host has them, the files are on the local disk and
 * there are enough of them; the files where checking is off are counted and cleared here.
 */
async function startHelpers(
  files: readonly FileToCheck[],
  uris: readonly vscode.Uri[],
  run: RunContext,
  onChecked: (results: readonly FileChecked[]) => void,
): Promise<{ files: HelperFile[]; checkers: CheckHelper[] } | undefined> {
  const threads = run.threads;
  if (!threads || files.some((file) => uris[file.index].scheme !== 'file')) return undefined;
  const count = helperThreadsFor(files.length, threads.cores());
  if (count === 0) return undefined;
  // The site of each file, asked once per folder: every file of a folder is in the same site.
  const siteByFolder = new Map<string, number | undefined>();
  const siteIndex = new Map<string, number>();
  const sites: Array<{ root: string; settings: Partial<ArticleSettings> }> = [];
  const helperFiles: HelperFile[] = [];
  const off: FileChecked[] = [];
  for (const file of files) {
    await run.pause();
    const folder = file.uri.slice(0, file.uri.lastIndexOf('/'));
    let site = siteByFolder.get(folder);
    if (!siteByFolder.has(folder)) {
      const found = await run.sites.siteSettingsFor(uris[file.index]);
      if (found) {
        const key = `${found.root}\n${JSON.stringify(found.settings)}`;
        site = siteIndex.get(key);
        if (site === undefined) {
          site = sites.push(found) - 1;
          siteIndex.set(key, site);
        }
      }
      siteByFolder.set(folder, site);
    }
    if (site === undefined) off.push({ index: file.index, outcome: 'not-an-article', diagnostics: [] });
    else helperFiles.push({ ...file, site });
  }
  onChecked(off);
  if (helperFiles.length === 0) return { files: [], checkers: [] };
  const setup: HelperSetup = { sites, indexSites: true };
  const log = (message: string) => run.sites.logger.error(message);
  // Without any helper, `runChecks` hands every file back, to be checked here.
  const checkers: CheckHelper[] = [];
  try {
    while (checkers.length < count) checkers.push(threads.start(setup, log));
  } catch (error) {
    run.sites.logger.error('Could not start a checking thread', error);
  }
  return { files: helperFiles, checkers };
}

/**
 * Checks files on the editor's thread with the editor's services, giving the editor a turn
 * every few milliseconds so that typing and completion wait for one file at most.
 */
function inThisThread(uris: readonly vscode.Uri[], run: RunContext): ChunkChecker {
  const readText = async (uri: string) =>
    new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(uri, true)));
  return {
    async check(files) {
      const results: FileChecked[] = [];
      for (const file of files) {
        if (run.stopped()) break;
        await run.pause();
        try {
          // Folders hold Markdown articles only: a text file is one when it is opened.
          const service = await run.sites.serviceFor(uris[file.index], 'markdown');
          results.push(
            service
              ? { index: file.index, ...(await checkFoundFile(file.uri, service, readText)) }
              : { index: file.index, outcome: 'not-an-article', diagnostics: [] },
          );
        } catch (error) {
          run.sites.logger.error(`Could not check ${uris[file.index].toString(true)}`, error);
          results.push({ index: file.index, outcome: 'not-an-article', diagnostics: [] });
        }
      }
      return results;
    },
  };
}

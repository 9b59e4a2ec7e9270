// *Check All Articles* measured through the extension itself (issue 16):
//   node scripts/bench/check-all.mjs [--copies=13] [--rounds=2] [--modes=threads,inline] [--write]
// builds a site of ≥5 000 articles in a temp folder (copies of the shared corpus's azure-2020-04
// slice, each copy's webUrls made its own, plus copies of azure-large's 20 largest articles),
// then, in a fresh process per run, activates the built extension (`dist/node/extension.js`,
// whose Check All uses helper threads: mode `threads`; or `dist/browser/extension.js`, the web
// build, which checks on the editor's thread: mode `inline`) against the fake `vscode` module,
// with the largest article open, and runs the command while asking for completions in that
// article every 5 ms. It reports the scan's time against the CLI on the same files (interleaved,
// whole process), completion latency (from the moment it was due to its answer) before, during
// and after the scan, the extension host's memory before, during and after, how many messages
// went to the window (diagnostic sets, progress reports), and whether Check All reported what
// the CLI reports. `AF_BASELINE_EXTENSION=/path/to/dist/node/extension.js` adds mode `baseline`
// (another build, e.g. the code before this change). `--write` appends the results to
// scripts/bench/last-results.md as a section of their own.
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildSite, siteAt } from './check-all-site.mjs';
import { BENCH_DIR, median, quantile, REPO } from './lib.mjs';

const option = (name, fallback) =>
  process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;

if (process.argv[2] === '--child') {
  const { runChild } = await import('./check-all-child.mjs');
  await runChild(process.argv[3], process.argv[4], process.argv[5]);
  process.exit(0);
}

const copies = Number(option('copies', 13));
const rounds = Number(option('rounds', 2));
const modes = option('modes', 'threads,inline').split(',');
if (process.env.AF_BASELINE_EXTENSION) modes.push('baseline');
// `--keep` leaves the site for another run, `--site=DIR` runs on such a site again.
const site = option('site') ? siteAt(option('site')) : buildSite(copies);
const loadAtStart = os.loadavg();
const started = new Date();
console.log(`site: ${site.files} articles, ${(site.bytes / 2 ** 20).toFixed(0)} MB of text, in ${site.root}`);
const largest = site.largest;
const open = largest.path;

const cli = () => {
  const start = performance.now();
  const result = spawnSync(
    process.execPath,
    // `--root`: the whole site indexed, as the editor's Check All has it (the same findings).
    [path.join(REPO, 'dist', 'cli.js'), 'check', site.root, '--root', site.root, '--format', 'json'],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    },
  );
  const ms = performance.now() - start;
  const report = JSON.parse(result.stdout);
  return { ms, report };
};
const child = (mode) => {
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', path.join(BENCH_DIR, 'check-all.mjs'), '--child', site.root, open, mode],
    { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env } },
  );
  return JSON.parse(out.trim().split('\n').at(-1));
};

try {
  const runs = Object.fromEntries(modes.map((mode) => [mode, []]));
  const cliRuns = [];
  let cliReport;
  for (let round = 0; round < rounds; round++) {
    const cliRun = cli();
    cliRuns.push(cliRun.ms);
    cliReport = cliRun.report;
    for (const mode of modes) {
      const run = child(mode);
      runs[mode].push(run);
      console.log(
        `round ${round + 1}: CLI ${(cliRun.ms / 1000).toFixed(2)} s; ${mode}: ${(run.scanMs / 1000).toFixed(2)} s`,
      );
    }
  }
  // What the CLI reports, per file and code, to compare with what Check All showed.
  const cliCodes = {};
  for (const entry of cliReport.diagnostics ?? cliReport.results ?? [])
    cliCodes[entry.code] = (cliCodes[entry.code] ?? 0) + 1;
  const cliMedian = median(cliRuns);
  const lines = [];
  const f1 = (ms) => (ms / 1000).toFixed(2);
  const f = (value) => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
  lines.push(
    `## Check All Articles in the editor's code, on ${site.files} articles (issue 16)`,
    '',
    `Run ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC · \`node scripts/bench/check-all.mjs --copies=${copies} --rounds=${rounds}\` · nproc ${os.cpus().length} · Node ${process.version} · load average ${loadAtStart.map((x) => x.toFixed(1)).join(' ')} at the start, ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} at the end (the machine is shared)`,
    '',
    `The site: ${site.files} articles (${(site.bytes / 2 ** 20).toFixed(0)} MB), copies of azure-2020-04 (webUrls made each copy's own) and of azure-large's 20 largest; the built extension activated with the fake \`vscode\` module (scripts/bench/vscode-stub.mjs), the largest article (${(largest.size / 1024).toFixed(0)} KB) open, its site index built; then *Check All Articles* run while a completion in that article is asked every 5 ms (latency: from when it was due to its answer, so time spent waiting for the thread counts). CLI: \`node dist/cli.js check <site> --root <site> --format json\`, whole process, interleaved with the runs (median of ${rounds}: ${f1(cliMedian)} s; all: ${cliRuns.map(f1).join(', ')} s).`,
    '',
    '| mode | scan (median) | vs CLI | target ≤ 2× CLI + 3 s | completion p50 / p90 / p99 / max, idle → during → after (ms) | p99 during < 10 ms | main heap before / during max / after (MB) | RSS before / max / after (MB) | window messages: diagnostic sets; progress reports | same findings as the CLI |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const mode of modes) {
    const list = runs[mode];
    const scan = median(list.map((run) => run.scanMs));
    const last = list.at(-1);
    const lat = (phase) => {
      const values = list.flatMap((run) => run.completion[phase]);
      return `${f(quantile(values, 0.5))}/${f(quantile(values, 0.9))}/${f(quantile(values, 0.99))}/${f(Math.max(...values))}`;
    };
    const during = list.flatMap((run) => run.completion.during);
    const sameAsCli = list.every((run) => JSON.stringify(run.codes) === JSON.stringify(sortKeys(cliCodes)));
    lines.push(
      `| ${mode} | ${f1(scan)} s (${list.map((run) => f1(run.scanMs)).join(', ')}) | ${(scan / cliMedian).toFixed(2)}× | ${scan <= 2 * cliMedian + 3000 ? 'yes' : '**no**'} | ${lat('idle')} → ${lat('during')} → ${lat('after')} | ${quantile(during, 0.99) < 10 ? 'yes' : '**no**'} | ${f(last.memory.heapBefore)} / ${f(last.memory.heapMax)} / ${f(last.memory.heapAfter)} | ${f(last.memory.rssBefore)} / ${f(last.memory.rssMax)} / ${f(last.memory.rssAfter)} | ${last.messages.diagnosticSets}; ${last.messages.progress} | ${sameAsCli ? 'yes' : `**no**: ${JSON.stringify(last.codes)} vs ${JSON.stringify(sortKeys(cliCodes))}`} |`,
    );
  }
  lines.push(
    '',
    `- Findings of the CLI on these files, by code: ${JSON.stringify(sortKeys(cliCodes))}; Check All's summary: ${modes.map((mode) => `${mode} "${runs[mode].at(-1).summary}"`).join('; ')}.`,
    `- Completions answered during the scan: ${modes.map((mode) => `${mode} ${runs[mode].map((run) => run.completion.during.length).join(', ')}`).join('; ')} (one due every 5 ms).`,
    '',
  );
  const text = lines.join('\n');
  console.log('\n' + text);
  if (process.argv.includes('--write')) appendFileSync(path.join(BENCH_DIR, 'last-results.md'), '\n' + text);
} finally {
  if (!option('site') && !process.argv.includes('--keep'))
    rmSync(site.root, { recursive: true, force: true });
}

function sortKeys(object) {
  return Object.fromEntries(Object.entries(object).sort(([a], [b]) => (a < b ? -1 : 1)));
}

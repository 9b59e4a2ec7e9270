// The site index, measured: `node scripts/bench/site-index.mjs [COPIES]` builds a site of
// COPIES copies (default 13, about 4 800 articles and 180 MB of front matter, the size of the
// whole azure site) of the shared corpus's azure-2020-04 slice, each copy's webUrls (and the
// related entries pointing at them) made its own, then, in fresh processes: the index built
// through the service (time, and heap kept once collected) and, side by side, the CLI's plain
// check of the same files and its check with the whole site indexed (`--root`); with
// `AF_BASELINE_CLI=/path/to/dist/cli.js`, also that build's plain check (the code before the index).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CORPUS, REPO } from './lib.mjs';

const SLICE = path.join(CORPUS, 'azure-2020-04');
const copies = Number(process.argv[2] ?? 13);

if (process.argv[2] === '--child') {
  // The child: build the index of the site given and print what it cost.
  const { createArticleService, createNodeWorkspace } = await import(path.join(REPO, 'dist', 'service.js'));
  const root = process.argv[3];
  globalThis.gc();
  const before = process.memoryUsage().heapUsed;
  const service = createArticleService({ workspace: createNodeWorkspace(root) });
  await service.ready;
  const start = performance.now();
  await service.indexSite();
  const indexMs = performance.now() - start;
  globalThis.gc();
  const after = process.memoryUsage().heapUsed;
  console.log(
    JSON.stringify({
      indexMs,
      heapMB: (after - before) / 2 ** 20,
      peakRssMB: process.resourceUsage().maxRSS / 1024,
    }),
  );
  process.exit(0);
}

const root = mkdtempSync(path.join(os.tmpdir(), 'af-bench-site-'));
try {
  cpSync(path.join(SLICE, '_config.yml'), path.join(root, '_config.yml'));
  cpSync(path.join(SLICE, '_data'), path.join(root, '_data'), { recursive: true });
  mkdirSync(path.join(root, '_news'));
  const names = readdirSync(path.join(SLICE, '_news'));
  let bytes = 0;
  for (let copy = 0; copy < copies; copy++) {
    for (const name of names) {
      const text = readFileSync(path.join(SLICE, '_news', name), 'utf8');
      // Every webUrl of the copy its own: the copy links within itself as the slice does.
      const own =
        copy === 0 ? text : text.replace(/(webUrl: "?https?:\/\/[^"\n]*?)("?)$/gm, `$1#copy${copy}$2`);
      bytes += own.length;
      writeFileSync(path.join(root, '_news', `${copy}-${name}`), own);
    }
  }
  const files = copies * names.length;
  console.log(`site: ${files} articles, ${(bytes / 2 ** 20).toFixed(0)} MB, in ${root}`);
  const child = (args) => {
    const start = performance.now();
    const result = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
    return { ms: performance.now() - start, stdout: result.stdout, status: result.status };
  };
  const index = JSON.parse(
    execFileSync(
      process.execPath,
      ['--expose-gc', path.join(REPO, 'scripts/bench/site-index.mjs'), '--child', root],
      {
        encoding: 'utf8',
      },
    ),
  );
  const cli = path.join(REPO, 'dist', 'cli.js');
  const plain = child([cli, 'check', path.join(root, '_news'), '--format', 'json', '--jobs', '1', '--quiet']);
  const linked = child([
    cli,
    'check',
    path.join(root, '_news'),
    '--root',
    root,
    '--format',
    'json',
    '--jobs',
    '1',
    '--quiet',
  ]);
  const baseline = process.env.AF_BASELINE_CLI
    ? child([
        process.env.AF_BASELINE_CLI,
        'check',
        path.join(root, '_news'),
        '--format',
        'json',
        '--jobs',
        '1',
        '--quiet',
      ])
    : undefined;
  console.log(
    JSON.stringify(
      {
        ...(baseline && { baselinePlainCheckSeconds: +(baseline.ms / 1000).toFixed(2) }),
        files,
        indexSeconds: +(index.indexMs / 1000).toFixed(2),
        indexHeapMB: +index.heapMB.toFixed(1),
        indexPeakRssMB: +index.peakRssMB.toFixed(0),
        plainCheckSeconds: +(plain.ms / 1000).toFixed(2),
        checkWithWholeSiteIndexedSeconds: +(linked.ms / 1000).toFixed(2),
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}

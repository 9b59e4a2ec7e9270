// A site the size of a real one, and its index, measured. `npm run bench` (index.mjs) imports
// this to build the site once and to make rows of its table; on its own,
// `node scripts/bench/site-index.mjs [COPIES]` builds COPIES copies (default 14: 5 138
// articles, 185 MB of front matter, more than the whole azure site) of the shared corpus's
// azure-2020-04 slice, each copy's webUrls (and the related entries pointing at them) made
// its own, and prints the index figures: the index built through the service in a fresh
// process (time, heap kept once collected, peak resident memory) and, side by side, the CLI's
// plain check of the same files and its check with the whole site indexed (`--root`).
import { Buffer } from 'node:buffer';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { CORPUS, REPO } from './lib.mjs';

const SLICE = path.join(CORPUS, 'azure-2020-04');
const SELF = fileURLToPath(import.meta.url);

/** Copies of the azure-2020-04 slice in a new temporary folder: `{ root, files, bytes }` (remove `root` when done). */
export function buildSite(copies) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'af-bench-site-'));
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
      bytes += Buffer.byteLength(own);
      writeFileSync(path.join(root, '_news', `${copy}-${name}`), own);
    }
  }
  return { root, files: copies * names.length, bytes };
}

/** The index of the site at `root` built through the service in a fresh process: ms, heap kept (MB), peak RSS (MB). */
export function measureIndex(root) {
  return JSON.parse(
    execFileSync(process.execPath, ['--expose-gc', SELF, '--child', root], { encoding: 'utf8' }),
  );
}

/** The CLI's check of the site's articles in a fresh process, plain or with the whole site indexed: seconds. */
export function timeCheck(root, { wholeSite, jobs }) {
  const args = [path.join(REPO, 'dist', 'cli.js'), 'check', path.join(root, '_news')];
  if (wholeSite) args.push('--root', root);
  if (jobs) args.push('--jobs', String(jobs));
  const start = performance.now();
  const result = spawnSync(process.execPath, [...args, '--format', 'json', '--quiet'], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (result.status !== 0 && result.status !== 1) throw new Error(`check exited with ${result.status}`);
  return (performance.now() - start) / 1000;
}

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
} else if (process.argv[1] === SELF) {
  const { root, files, bytes } = buildSite(Number(process.argv[2] ?? 14));
  try {
    console.log(`site: ${files} articles, ${(bytes / 2 ** 20).toFixed(0)} MB, in ${root}`);
    const index = measureIndex(root);
    console.log(
      JSON.stringify(
        {
          files,
          indexSeconds: +(index.indexMs / 1000).toFixed(2),
          indexHeapMB: +index.heapMB.toFixed(1),
          indexPeakRssMB: +index.peakRssMB.toFixed(0),
          plainCheckSeconds: +timeCheck(root, { wholeSite: false }).toFixed(2),
          checkWithWholeSiteIndexedSeconds: +timeCheck(root, { wholeSite: true }).toFixed(2),
        },
        null,
        2,
      ),
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

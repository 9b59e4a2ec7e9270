// The site of the Check All benchmarks (scripts/bench/check-all.mjs, scripts/e2e/bench-check-all.mjs):
// ≥5 000 articles in a temp folder, copies of the shared corpus's azure-2020-04 slice (each
// copy's webUrls made its own, so that each copy links within itself as the slice does) and
// of azure-large's 20 largest articles, with the slice's `_config.yml` and `_data`.
import { Buffer } from 'node:buffer';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CORPUS } from './lib.mjs';

const SLICE = path.join(CORPUS, 'azure-2020-04');
const LARGE = path.join(CORPUS, 'azure-large');

/**
 * Builds the site: `copies` copies of the slice, then copies of the large articles up to
 * `atLeast` files (one copy at least).
 * @returns its root, number of articles and bytes, and the path of the largest article.
 */
export function buildSite(copies, atLeast = 5000) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'af-bench-check-all-'));
  cpSync(path.join(SLICE, '_config.yml'), path.join(root, '_config.yml'));
  cpSync(path.join(SLICE, '_data'), path.join(root, '_data'), { recursive: true });
  mkdirSync(path.join(root, '_news'));
  let bytes = 0;
  let files = 0;
  const copy = (folder, prefix, count) => {
    const names = readdirSync(folder).filter((name) => name.endsWith('.md'));
    for (let n = 0; n < count; n++) {
      for (const name of names) {
        const text = readFileSync(path.join(folder, name), 'utf8');
        const own =
          n === 0 && prefix === 'a'
            ? text
            : text.replace(/(webUrl: "?https?:\/\/[^"\n]*?)("?)$/gm, `$1#${prefix}${n}$2`);
        bytes += Buffer.byteLength(own);
        files++;
        writeFileSync(path.join(root, '_news', `${prefix}${n}-${name}`), own);
      }
    }
  };
  copy(path.join(SLICE, '_news'), 'a', copies);
  copy(path.join(LARGE, '_news'), 'l', Math.max(1, Math.ceil((atLeast - files) / 20)));
  return { root, files, bytes, largest: largestArticle(root) };
}

/** A site built before (`--keep`), measured again. */
export function siteAt(root) {
  const names = readdirSync(path.join(root, '_news'));
  const bytes = names.reduce((sum, name) => sum + statSync(path.join(root, '_news', name)).size, 0);
  return { root, files: names.length, bytes, largest: largestArticle(root) };
}

/** The largest article of the site, the one the benchmarks keep open. */
function largestArticle(root) {
  let best;
  for (const name of readdirSync(path.join(root, '_news'))) {
    const size = statSync(path.join(root, '_news', name)).size;
    if (!best || size > best.size || (size === best.size && name < path.basename(best.path)))
      best = { path: path.join(root, '_news', name), size };
  }
  return best;
}

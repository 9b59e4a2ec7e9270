// Helpers shared by the benchmark and its child processes: paths, statistics, front matter.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(BENCH_DIR, '..', '..');
export const CORPUS = path.resolve(REPO, '..', 'shared', 'corpus');
export const AZURE = path.join(CORPUS, 'azure-large');
export const POWERAPPS = path.join(CORPUS, 'powerapps');
export const SCHEMA_PATH = path.join(REPO, 'schemas', 'article.schema.json');
export const SCHEMA_URI = 'file:///bench/article.schema.json';

/** The value at quantile `q` (0..1) of the numbers, nearest-rank on the sorted list. */
export function quantile(values, q) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil(q * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

export const median = (values) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
export const p99 = (values) => quantile(values, 0.99);

/**
 * The YAML between the opening `---` and the closing `---` (or `...`) of a Markdown file,
 * or `undefined` when it has no front matter.
 */
export function frontMatterOf(text) {
  const open = /^\uFEFF?---[ \t]*\r?\n/.exec(text);
  if (!open) return undefined;
  const rest = text.slice(open[0].length);
  const found = /^(?:---|\.\.\.)[ \t]*\r?$/m.exec(rest);
  if (!found) return undefined;
  return rest.slice(0, found.index).replace(/\r?\n$/, '');
}

/** Every `.md` file below a folder, sorted, skipping hidden folders and those named in `skip`. */
export function markdownFiles(folder, { skip = [] } = {}) {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      if (entry.name.startsWith('.') || skip.includes(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && entry.name.endsWith('.md')) found.push(full);
    }
  };
  walk(folder);
  return found;
}

/** The largest `.md` file of a folder (by bytes). */
export function largestFile(folder) {
  let best;
  for (const name of readdirSync(folder)) {
    if (!name.endsWith('.md')) continue;
    const full = path.join(folder, name);
    const size = statSync(full).size;
    if (!best || size > best.size) best = { path: full, size };
  }
  return best;
}

/** The 300 articles of the CLI benchmark: the first `.md` of powerapps/_news sorted, then learning items if needed. */
export function cliFiles(count = 300) {
  const news = readdirSync(path.join(POWERAPPS, '_news'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => path.join(POWERAPPS, '_news', name));
  const files = news.slice(0, count);
  if (files.length < count)
    files.push(...markdownFiles(path.join(POWERAPPS, '_learning')).slice(0, count - files.length));
  return files;
}

export const ms = (value) =>
  Number.isFinite(value)
    ? value >= 100
      ? value.toFixed(0)
      : value >= 10
        ? value.toFixed(1)
        : value.toFixed(2)
    : '–';

/** The `count` largest articles of the azure slices (`azure-large/_news`, `azure-2020-04/_news`), largest first. */
export function largeFiles(count = 300) {
  const all = [];
  for (const slice of ['azure-large', 'azure-2020-04']) {
    const folder = path.join(CORPUS, slice, '_news');
    for (const name of readdirSync(folder)) {
      if (!name.endsWith('.md')) continue;
      const full = path.join(folder, name);
      all.push({ path: full, size: statSync(full).size });
    }
  }
  all.sort((a, b) => b.size - a.size || (a.path < b.path ? -1 : 1));
  return all.slice(0, count);
}

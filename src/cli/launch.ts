/**
 * The `article-frontmatter` program (bundled as `dist/cli.js`): loads the command line
 * (`dist/cli/check.js`) with V8's code cache made at build time (`dist/cli/check.cache`).
 *
 * Why: a check of a few hundred articles lasts about as long as compiling the bundle,
 * so a short run spends much of its time compiling. The cache holds the compiled bytecode
 * of the bundle and of the functions a check runs. It is a build artifact like the bundle:
 * the same for every run, never written by a check. V8 refuses a cache made by another
 * version or with other flags (`cachedDataRejected`); the bundle is then compiled as usual.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import path from 'node:path';
import { Script } from 'node:vm';
import { HELPER_THREAD } from './parallel';

// A check is a short run: V8's optimizing compiler, working on a second thread, keeps
// compiling functions whose optimized code would barely be used, and the process then waits
// for it before exiting (15-20 ms of a 300-article check). Asking for four times the usual
// evidence that a function is hot (default 3 ticks) removes that wait and loses nothing on
// large runs (measured from 300 to 5 300 articles, see the README). Set first, so that the
// code cache is made and read under the same flags, which V8 requires; by the main thread
// only, as flags belong to the process: helper threads, which run this file too, read the
// cache under them already. Node 20's V8 (11.x) only: the flag and its default differ in
// other versions. A large check makes garbage fast (a text per file), and V8 then grows each
// thread's young generation to 16 MB semi-spaces: held to 4 MB, a 185 MB site's peak
// memory is about 40 MB lower per thread for the same time (see the README).
if (process.env[HELPER_THREAD] !== '1' && process.versions.v8.startsWith('11.')) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('node:v8') as typeof import('node:v8')).setFlagsFromString(
    '--ticks-before-optimization=12 --max-semi-space-size=4',
  );
}

const bundle = path.join(__dirname, 'cli', 'check.js');
const cacheFile = path.join(__dirname, 'cli', 'check.cache');

/** Set by the build (scripts/build.mjs) to write the cache after a check of the sample site. */
const WRITE_CACHE = process.env.ARTICLE_FRONTMATTER_WRITE_CODE_CACHE === '1';

let cachedData: Buffer | undefined;
if (!WRITE_CACHE) {
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // No cache (a development build, or removed): compiled as usual.
  }
}

// The build makes the bundle ASCII only: read as Latin-1, a copy of the bytes, with no UTF-8 to decode.
const script = new Script(wrap(readFileSync(bundle, 'latin1')), { filename: bundle, cachedData });
const commonJs = script.runInThisContext() as (
  exports: object,
  require: NodeJS.Require,
  module: { exports: object },
  filename: string,
  dirname: string,
) => void;
const module = { exports: {} };
commonJs.call(module.exports, module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));

if (WRITE_CACHE) {
  // After the check: the cache then holds the functions it compiled, not only the top level.
  process.on('exit', () => writeFileSync(cacheFile, script.createCachedData()));
}

// One cold activation: `node activation-child.mjs SITE`. The fake `vscode` module is loaded
// first (not timed); then `require('dist/node/extension.js')` and `activate(context)` are timed
// apart. Prints `{ "requireMs", "activateMs", "engineLoaded", "missing": [...] }`: `engineLoaded`
// says whether the language service's own bundle (dist/node/engine.js) was loaded by then, which
// activation must not do (it is loaded when the first article needs it).
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { REPO as repo } from './lib.mjs';
import { missing, Uri, vscode, workspaceFolders } from './vscode-stub.mjs';

const require = createRequire(import.meta.url);
const site = process.argv[2];
if (site) workspaceFolders.push({ uri: Uri.file(site), name: path.basename(site), index: 0 });

const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'vscode') return vscode;
  return load.call(this, request, parent, isMain);
};

const context = {
  subscriptions: [],
  extensionUri: Uri.file(repo),
  extensionPath: repo,
  extensionMode: 1,
  globalState: { get: () => undefined, update: async () => {}, keys: () => [], setKeysForSync() {} },
  workspaceState: { get: () => undefined, update: async () => {}, keys: () => [] },
  asAbsolutePath: (relative) => path.join(repo, relative),
  storageUri: undefined,
  globalStorageUri: Uri.file('/tmp/article-frontmatter-bench'),
  logUri: Uri.file('/tmp/article-frontmatter-bench'),
};

try {
  const t0 = performance.now();
  const extension = require(path.join(repo, 'dist', 'node', 'extension.js'));
  const t1 = performance.now();
  await extension.activate(context);
  const t2 = performance.now();
  process.stdout.write(
    JSON.stringify({
      requireMs: t1 - t0,
      activateMs: t2 - t1,
      subscriptions: context.subscriptions.length,
      engineLoaded: Object.keys(require.cache).some((file) => path.basename(file) === 'engine.js'),
      missing: [...missing],
    }) + '\n',
  );
  for (const disposable of context.subscriptions) disposable?.dispose?.();
  extension.deactivate?.();
  process.exit(0);
} catch (error) {
  process.stderr.write(String(error?.stack ?? error) + '\n');
  process.exit(1);
}

// Bundles the extension (Node and web), the CLI and the service with esbuild.
// Type checking is `npm run typecheck`: esbuild only strips types.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync } from 'node:fs';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  target: 'es2022',
  logLevel: 'warning',
  legalComments: 'none',
  // yaml's ES module build: its CommonJS one is reached through getters on every call.
  alias: { yaml: './node_modules/yaml/browser/index.js' },
};

/**
 * The Node extension requires `./engine.js` (the language service, built beside it) on first
 * need: left as a `require` of the file next to it, not bundled in.
 */
const lazyEngine = {
  name: 'lazy-engine',
  setup(build) {
    build.onResolve({ filter: /^\.\/engine\.js$/ }, (args) => ({ path: args.path, external: true }));
  },
};

rmSync('dist', { recursive: true, force: true });
await Promise.all([
  // The Node extension: a thin adapter that activates fast, and the service in its own file.
  esbuild.build({
    ...common,
    entryPoints: { extension: 'src/vscode/extension.ts' },
    outdir: 'dist/node',
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
    plugins: [lazyEngine],
  }),
  esbuild.build({
    ...common,
    entryPoints: { engine: 'src/vscode/engine.node.ts' },
    outdir: 'dist/node',
    platform: 'node',
    format: 'cjs',
  }),
  // Check All Articles' helper threads (src/vscode/checkHelpers.node.ts): the service is the engine beside it.
  esbuild.build({
    ...common,
    entryPoints: { checker: 'src/vscode/checkWorker.node.ts' },
    outdir: 'dist/node',
    platform: 'node',
    format: 'cjs',
    plugins: [lazyEngine],
  }),
  // The web extension: one file, since a web worker cannot load a second one.
  esbuild.build({
    ...common,
    entryPoints: { extension: 'src/vscode/extension.browser.ts' },
    outdir: 'dist/browser',
    platform: 'browser',
    format: 'cjs',
    mainFields: ['browser', 'module', 'main'],
    external: ['vscode'],
    define: { 'process.env.NODE_DEBUG': 'undefined' },
  }),
  // The CLI: a small launcher, and the command line it loads with V8's code cache (below).
  esbuild.build({
    ...common,
    entryPoints: { cli: 'src/cli/launch.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
  }),
  esbuild.build({
    ...common,
    entryPoints: { check: 'src/cli/main.ts' },
    outdir: 'dist/cli',
    platform: 'node',
    format: 'cjs',
    // ASCII only (escapes elsewhere): the launcher reads it as Latin-1, a plain copy (see launch.ts).
    charset: 'ascii',
  }),
  // The language server (`article-frontmatter lsp --stdio`), loaded by the CLI for `lsp` only.
  esbuild.build({
    ...common,
    entryPoints: { server: 'src/server/index.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
  }),
  esbuild.build({
    ...common,
    entryPoints: { service: 'src/node/service.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
  }),
]);
chmodSync('dist/cli.js', 0o755);
if ([...readFileSync('dist/cli/check.js')].some((byte) => byte > 0x7f)) {
  throw new Error('dist/cli/check.js must be ASCII: the launcher reads it as Latin-1');
}

// The code cache of the CLI, made by this Node after a check of the sample site, so that it
// holds the functions a check runs (see src/cli/launch.ts). Exit code 1: the sample site has mistakes.
const made = spawnSync(
  process.execPath,
  ['dist/cli.js', 'check', '--quiet', '--format', 'json', 'sample-site'],
  {
    env: { ...process.env, ARTICLE_FRONTMATTER_WRITE_CODE_CACHE: '1' },
    encoding: 'utf8',
  },
);
if (made.status !== 1 || !existsSync('dist/cli/check.cache')) {
  throw new Error(`could not make the CLI's code cache (exit ${made.status}): ${made.stderr}`);
}

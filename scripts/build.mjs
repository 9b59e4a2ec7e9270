// Bundles the extension (Node and web), the CLI and the service with esbuild.
// Type checking is `npm run typecheck`: esbuild only strips types.
import * as esbuild from 'esbuild';
import { chmodSync, rmSync } from 'node:fs';

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
  esbuild.build({
    ...common,
    entryPoints: { cli: 'src/cli/main.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
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

import type * as vscode from 'vscode';
import { availableCores, startCheckHelper } from './checkHelpers.node';
import { activateShared } from './extension.shared';
import type { Engine } from './sites';

/**
 * The extension in VS Code's Node extension host (`main` in package.json). The language service
 * is its own bundle, `dist/node/engine.js`, required when the first article needs it: activation
 * then only loads this thin adapter.
 */
export function activate(context: vscode.ExtensionContext): void {
  activateShared(context, {
    platform: 'node',
    // scripts/build.mjs keeps `./engine.js` out of this bundle: it is the file beside it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load of our own bundle
    loadEngine: async () => require('./engine.js') as Engine,
    // The helper threads run `./checker.js`, the file beside this one (scripts/build.mjs).
    checkThreads: {
      cores: availableCores,
      start: (setup, log) => startCheckHelper(`${__dirname}/checker.js`, setup, log),
    },
  });
}

export function deactivate(): void {}

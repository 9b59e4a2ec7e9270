import type * as vscode from 'vscode';
import * as engine from './engine.node';
import { activateShared } from './extension.shared';

/**
 * The extension in VS Code for the web's extension host (`browser` in package.json). A web
 * worker cannot load a second file, so the language service (what the Node host loads from
 * `engine.js`) is in this one bundle.
 */
export function activate(context: vscode.ExtensionContext): void {
  activateShared(context, { platform: 'web', loadEngine: async () => engine });
}

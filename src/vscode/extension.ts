import type * as vscode from 'vscode';
import { activateShared } from './extension.shared';

/** The extension in VS Code's Node extension host (`main` in package.json). */
export function activate(context: vscode.ExtensionContext): void {
  activateShared(context, { platform: 'node' });
}

export function deactivate(): void {}

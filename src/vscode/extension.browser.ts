import type * as vscode from 'vscode';
import { activateShared } from './extension.shared';

/** The extension in VS Code for the web's extension host (`browser` in package.json). */
export function activate(context: vscode.ExtensionContext): void {
  activateShared(context, { platform: 'web' });
}

export function deactivate(): void {}

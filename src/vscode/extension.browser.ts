import type * as vscode from 'vscode';
import {
  createArticleService,
  driftReport,
  inferSiteSchemas,
  isExcludedByJekyll,
  readInferenceSample,
  readJekyllConfig,
  teamConfigText,
} from '../service/index';
import { activateShared } from './extension.shared';

/**
 * The extension in VS Code for the web's extension host (`browser` in package.json). A web
 * worker cannot load a second file, so the language service is in this one bundle.
 */
export function activate(context: vscode.ExtensionContext): void {
  activateShared(context, {
    platform: 'web',
    loadEngine: async () => ({
      createArticleService,
      driftReport,
      inferSiteSchemas,
      isExcludedByJekyll,
      readInferenceSample,
      readJekyllConfig,
      teamConfigText,
    }),
  });
}

export function deactivate(): void {}

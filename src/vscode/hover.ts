import * as vscode from 'vscode';
import { toHover, toLspPosition } from './convert';
import type { Sites } from './sites';

/** Explains the field or value under the pointer in an article's front matter. */
export function registerHoverSupport(selector: vscode.DocumentSelector, sites: Sites): vscode.Disposable {
  return vscode.languages.registerHoverProvider(selector, {
    async provideHover(document, position, token) {
      const hover = await sites.ask(document, token, 'the hover', (service, article) =>
        service.hover(article, toLspPosition(position)),
      );
      return hover ? toHover(hover) : undefined;
    },
  });
}

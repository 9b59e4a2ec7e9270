import * as vscode from 'vscode';
import { toFoldingRange } from './convert';
import type { Sites } from './sites';

/** Folds an article's front matter, its multi-line fields and its related articles and images. */
export function registerFoldingSupport(selector: vscode.DocumentSelector, sites: Sites): vscode.Disposable {
  return vscode.languages.registerFoldingRangeProvider(selector, {
    async provideFoldingRanges(document, _context, token) {
      const ranges = await sites.ask(document, token, 'folding ranges', (service, article) =>
        service.foldingRanges(article),
      );
      return ranges?.map(toFoldingRange);
    },
  });
}

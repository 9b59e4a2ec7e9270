import * as vscode from 'vscode';
import { toDocumentSymbol } from './convert';
import type { Sites } from './sites';

/** Shows an article's front matter in the Outline view and in breadcrumbs. */
export function registerDocumentSymbolSupport(
  selector: vscode.DocumentSelector,
  sites: Sites,
): vscode.Disposable {
  return vscode.languages.registerDocumentSymbolProvider(
    selector,
    {
      async provideDocumentSymbols(document, token) {
        const symbols = await sites.ask(document, token, 'the outline', (service, article) =>
          service.symbols(article),
        );
        return symbols?.map(toDocumentSymbol);
      },
    },
    // Beside Markdown's own outline of the headings.
    { label: 'Front matter' },
  );
}

import * as vscode from 'vscode';
import { toDocumentLink } from './convert';
import type { Sites } from './sites';

/** Makes the web addresses in an article's front matter clickable. */
export function registerDocumentLinkSupport(
  selector: vscode.DocumentSelector,
  sites: Sites,
): vscode.Disposable {
  return vscode.languages.registerDocumentLinkProvider(selector, {
    async provideDocumentLinks(document, token) {
      const links = await sites.ask(document, token, 'links', (service, article) => service.links(article));
      return links?.map(toDocumentLink);
    },
  });
}

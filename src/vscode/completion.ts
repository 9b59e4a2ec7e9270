import * as vscode from 'vscode';
import { toCompletionList, toLspPosition } from './convert';
import type { Sites } from './sites';

/** Typing these asks for proposals: after a field's colon, a list dash, or the space after either. */
const TRIGGER_CHARACTERS = [':', '-', ' '];

/** Proposes fields and values in an article's front matter. */
export function registerCompletionSupport(
  selector: vscode.DocumentSelector,
  sites: Sites,
): vscode.Disposable {
  return vscode.languages.registerCompletionItemProvider(
    selector,
    {
      async provideCompletionItems(document, position, token) {
        const result = await sites.ask(document, token, 'completions', (service, article) =>
          service.complete(article, toLspPosition(position)),
        );
        return result && toCompletionList(result);
      },
    },
    ...TRIGGER_CHARACTERS,
  );
}

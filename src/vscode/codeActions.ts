import * as vscode from 'vscode';
import type { CodeAction as LspCodeAction, Diagnostic as LspDiagnostic } from 'vscode-languageserver-types';
import { diagnosticKey } from './articles';
import { toCodeActionKind, toCommand, toDiagnostic, toLspRange, toWorkspaceEdit } from './convert';
import type { DiagnosticSupport } from './diagnostics';
import type { Sites } from './sites';

/** Offers the service's quick fixes for the diagnostics it reported. */
export function registerCodeActionSupport(
  selector: vscode.DocumentSelector,
  sites: Sites,
  diagnostics: DiagnosticSupport,
): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(
    selector,
    {
      async provideCodeActions(document, range, context, token) {
        if (context.only && !context.only.intersects(vscode.CodeActionKind.QuickFix)) return undefined;
        // Only our own diagnostics, as the service made them (with the data their fixes need).
        const ours = new Map<string, vscode.Diagnostic>();
        const originals: LspDiagnostic[] = [];
        for (const shown of context.diagnostics) {
          const original = diagnostics.original(document.uri, shown);
          if (!original) continue;
          ours.set(diagnosticKey(original), shown);
          originals.push(original);
        }
        if (originals.length === 0) return undefined;
        const actions = await sites.ask(document, token, 'quick fixes', (service, article) =>
          service.codeActions(article, toLspRange(range), originals),
        );
        return actions?.map((action) => toCodeAction(action, ours));
      },
    },
    { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
  );
}

/** @param shown the diagnostics VS Code shows, by key, so the action points at those very ones. */
function toCodeAction(
  action: LspCodeAction,
  shown: ReadonlyMap<string, vscode.Diagnostic>,
): vscode.CodeAction {
  const result = new vscode.CodeAction(action.title, toCodeActionKind(action.kind));
  if (action.edit) result.edit = toWorkspaceEdit(action.edit);
  if (action.command) result.command = toCommand(action.command);
  if (action.isPreferred !== undefined) result.isPreferred = action.isPreferred;
  if (action.disabled) result.disabled = { reason: action.disabled.reason };
  if (action.diagnostics) {
    result.diagnostics = action.diagnostics.map(
      (diagnostic) => shown.get(diagnosticKey(diagnostic)) ?? toDiagnostic(diagnostic),
    );
  }
  return result;
}

import * as vscode from 'vscode';
import type { CodeAction as LspCodeAction, Diagnostic as LspDiagnostic } from 'vscode-languageserver-types';
import { diagnosticKey } from './articles';
import {
  toCodeActionKind,
  toCommand,
  toDiagnostic,
  toLspRange,
  toServiceDocument,
  toTextEdit,
  toWorkspaceEdit,
} from './convert';
import type { DiagnosticSupport } from './diagnostics';
import type { Sites } from './sites';

/** The name of this extension's fix-all, below `source.fixAll`. */
export const FIX_ALL_KIND_NAME = 'articleFrontMatter';

/** The command that applies every safe fix to the active article. */
export const FIX_ALL_COMMAND = 'articleFrontMatter.fixAll';

const FIX_ALL_TITLE = 'Fix all front matter problems';

/**
 * Offers the service's quick fixes for the diagnostics it reported, and its fix-all
 * (`source.fixAll.articleFrontMatter`, for the Source Action menu and `editor.codeActionsOnSave`).
 */
export function registerCodeActionSupport(
  selector: vscode.DocumentSelector,
  sites: Sites,
  diagnostics: DiagnosticSupport,
): vscode.Disposable {
  const fixAllKind = vscode.CodeActionKind.SourceFixAll.append(FIX_ALL_KIND_NAME);
  return vscode.languages.registerCodeActionsProvider(
    selector,
    {
      async provideCodeActions(document, range, context, token) {
        const only = context.only;
        // Fix-all only when asked for: on save, or from the Source Action menu.
        if (only && fixAllKind.intersects(only) && !only.contains(vscode.CodeActionKind.QuickFix)) {
          const action = await fixAllAction(document, fixAllKind, sites, token);
          return action && [action];
        }
        if (only && !only.intersects(vscode.CodeActionKind.QuickFix)) return undefined;
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
    { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, fixAllKind] },
  );
}

/** The fix-all of the document as it is now; none when there is nothing to fix. */
async function fixAllAction(
  document: vscode.TextDocument,
  kind: vscode.CodeActionKind,
  sites: Sites,
  token: vscode.CancellationToken,
): Promise<vscode.CodeAction | undefined> {
  const version = document.version;
  const edits = await sites.ask(document, token, 'fix-all', (service, article) => service.fixAll(article));
  // Edits for another version would land on the wrong text.
  if (!edits?.length || document.version !== version) return undefined;
  const action = new vscode.CodeAction(FIX_ALL_TITLE, kind);
  action.edit = new vscode.WorkspaceEdit();
  action.edit.set(document.uri, edits.map(toTextEdit));
  return action;
}

/**
 * Registers "Article Front Matter: Fix All Problems": every safe fix of the active article,
 * applied only to the version it was computed for.
 */
export function registerFixAllCommand(sites: Sites): vscode.Disposable {
  return vscode.commands.registerCommand(FIX_ALL_COMMAND, async () => {
    const editor = vscode.window.activeTextEditor;
    const kind = editor && sites.kindOf(editor.document);
    if (!editor || !kind) {
      void vscode.window.showInformationMessage('Open an article to fix its front matter.');
      return;
    }
    const document = editor.document;
    try {
      const service = await sites.serviceFor(document.uri, kind);
      if (!service) {
        void vscode.window.showInformationMessage(
          'Articles are not checked here (`articleFrontMatter.enable`).',
        );
        return;
      }
      const article = toServiceDocument(document);
      const edits = await service.fixAll(article);
      if (edits.length === 0) {
        void vscode.window.showInformationMessage('No front matter problem here can be fixed automatically.');
        return;
      }
      // Edits for another version would land on the wrong text; `TextEditor.edit` also refuses
      // them if the text changes before they arrive.
      const applied =
        document.version === article.version &&
        !document.isClosed &&
        (await editor.edit((builder) => {
          for (const edit of edits.map(toTextEdit)) builder.replace(edit.range, edit.newText);
        }));
      if (!applied) {
        void vscode.window.showWarningMessage(
          'The article changed while its fixes were prepared, so none was applied. Run the command again.',
        );
      }
    } catch (error) {
      sites.logger.error(`Could not fix ${document.uri.toString(true)}`, error);
      void vscode.window.showErrorMessage(
        'Could not fix the front matter; see the Article Front Matter output.',
      );
    }
  });
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

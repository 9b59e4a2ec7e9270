/**
 * Kinds that VS Code numbers differently from LSP. Kept apart from `convert.ts` because these
 * need no `vscode` at run time, so tests check them in plain Node.
 */
import type * as vscode from 'vscode';
import { FoldingRangeKind, SymbolKind } from 'vscode-languageserver-types';

/** VS Code's symbol kinds are LSP's shifted by one (LSP starts at File = 1, VS Code at File = 0). */
export function toSymbolKind(kind: SymbolKind): vscode.SymbolKind {
  const known = kind >= SymbolKind.File && kind <= SymbolKind.TypeParameter;
  return ((known ? kind : SymbolKind.Field) - 1) as vscode.SymbolKind;
}

/** VS Code's folding kinds are numbers (Comment = 1, Imports = 2, Region = 3), LSP's are names. */
export function toFoldingRangeKind(kind: string | undefined): vscode.FoldingRangeKind | undefined {
  switch (kind) {
    case FoldingRangeKind.Comment:
      return 1 as vscode.FoldingRangeKind;
    case FoldingRangeKind.Imports:
      return 2 as vscode.FoldingRangeKind;
    case FoldingRangeKind.Region:
      return 3 as vscode.FoldingRangeKind;
    default:
      return undefined;
  }
}

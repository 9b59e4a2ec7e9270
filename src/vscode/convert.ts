/**
 * Translations between VS Code's types and the LSP types the service speaks.
 * Nothing here decides anything about articles.
 */
import * as vscode from 'vscode';
import * as lsp from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { toFoldingRangeKind, toSymbolKind } from './kinds';

const snapshots = new WeakMap<vscode.TextDocument, TextDocument>();

/**
 * The document as the service reads it: one snapshot per version, shared by every feature
 * that asks about the same version (the service caches its parse per URI and version).
 */
export function toServiceDocument(document: vscode.TextDocument): TextDocument {
  const cached = snapshots.get(document);
  if (cached && cached.version === document.version) return cached;
  const snapshot = TextDocument.create(
    document.uri.toString(),
    document.languageId,
    document.version,
    document.getText(),
  );
  snapshots.set(document, snapshot);
  return snapshot;
}

export function toLspPosition(position: vscode.Position): lsp.Position {
  return { line: position.line, character: position.character };
}

export function toLspRange(range: vscode.Range): lsp.Range {
  return { start: toLspPosition(range.start), end: toLspPosition(range.end) };
}

export function toPosition(position: lsp.Position): vscode.Position {
  return new vscode.Position(position.line, position.character);
}

export function toRange(range: lsp.Range): vscode.Range {
  return new vscode.Range(toPosition(range.start), toPosition(range.end));
}

export function toDiagnostic(diagnostic: lsp.Diagnostic): vscode.Diagnostic {
  const result = new vscode.Diagnostic(
    toRange(diagnostic.range),
    diagnostic.message,
    toSeverity(diagnostic.severity),
  );
  if (diagnostic.source !== undefined) result.source = diagnostic.source;
  if (diagnostic.code !== undefined) {
    result.code = diagnostic.codeDescription
      ? { value: diagnostic.code, target: vscode.Uri.parse(diagnostic.codeDescription.href) }
      : diagnostic.code;
  }
  if (diagnostic.tags) {
    result.tags = diagnostic.tags.flatMap((tag) => {
      if (tag === lsp.DiagnosticTag.Unnecessary) return [vscode.DiagnosticTag.Unnecessary];
      if (tag === lsp.DiagnosticTag.Deprecated) return [vscode.DiagnosticTag.Deprecated];
      return [];
    });
  }
  if (diagnostic.relatedInformation) {
    result.relatedInformation = diagnostic.relatedInformation.map(
      (info) =>
        new vscode.DiagnosticRelatedInformation(
          new vscode.Location(vscode.Uri.parse(info.location.uri), toRange(info.location.range)),
          info.message,
        ),
    );
  }
  return result;
}

function toSeverity(severity: lsp.DiagnosticSeverity | undefined): vscode.DiagnosticSeverity {
  switch (severity) {
    case lsp.DiagnosticSeverity.Warning:
      return vscode.DiagnosticSeverity.Warning;
    case lsp.DiagnosticSeverity.Information:
      return vscode.DiagnosticSeverity.Information;
    case lsp.DiagnosticSeverity.Hint:
      return vscode.DiagnosticSeverity.Hint;
    default:
      return vscode.DiagnosticSeverity.Error;
  }
}

/** Markdown from the service, shown as text: no commands, no HTML. */
export function toMarkdown(content: lsp.MarkupContent | lsp.MarkedString): vscode.MarkdownString {
  const result = new vscode.MarkdownString();
  result.isTrusted = false;
  result.supportHtml = false;
  if (typeof content === 'string') result.appendMarkdown(content);
  else if ('kind' in content) {
    if (content.kind === lsp.MarkupKind.Markdown) result.appendMarkdown(content.value);
    else result.appendText(content.value);
  } else result.appendCodeblock(content.value, content.language);
  return result;
}

export function toHover(hover: lsp.Hover): vscode.Hover {
  const contents = Array.isArray(hover.contents) ? hover.contents : [hover.contents];
  return new vscode.Hover(contents.map(toMarkdown), hover.range ? toRange(hover.range) : undefined);
}

export function toTextEdit(edit: lsp.TextEdit): vscode.TextEdit {
  return vscode.TextEdit.replace(toRange(edit.range), edit.newText);
}

export function toWorkspaceEdit(edit: lsp.WorkspaceEdit): vscode.WorkspaceEdit {
  const result = new vscode.WorkspaceEdit();
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
    result.set(vscode.Uri.parse(uri), edits.map(toTextEdit));
  }
  for (const change of edit.documentChanges ?? []) {
    if (lsp.TextDocumentEdit.is(change)) {
      const uri = vscode.Uri.parse(change.textDocument.uri);
      for (const item of change.edits) {
        if ('newText' in item) result.replace(uri, toRange(item.range), item.newText);
      }
    } else if (lsp.RenameFile.is(change)) {
      // A post renamed to the name Jekyll reads; the service never creates or deletes files.
      result.renameFile(vscode.Uri.parse(change.oldUri), vscode.Uri.parse(change.newUri), {
        overwrite: change.options?.overwrite === true,
        ignoreIfExists: change.options?.ignoreIfExists === true,
      });
    }
  }
  return result;
}

export function toCodeActionKind(kind: lsp.CodeActionKind | undefined): vscode.CodeActionKind {
  if (kind === undefined || kind === lsp.CodeActionKind.QuickFix) return vscode.CodeActionKind.QuickFix;
  return vscode.CodeActionKind.Empty.append(kind);
}

export function toCommand(command: lsp.Command): vscode.Command {
  return { title: command.title, command: command.command, arguments: command.arguments };
}

/** The service's completion proposals; a plain list is complete. */
export function toCompletionList(result: lsp.CompletionItem[] | lsp.CompletionList): vscode.CompletionList {
  if (Array.isArray(result)) return new vscode.CompletionList(result.map((item) => toCompletionItem(item)));
  const defaults = result.itemDefaults;
  return new vscode.CompletionList(
    result.items.map((item) => toCompletionItem(item, defaults)),
    result.isIncomplete,
  );
}

export function toCompletionItem(
  item: lsp.CompletionItem,
  defaults?: lsp.CompletionList['itemDefaults'],
): vscode.CompletionItem {
  const label: string | vscode.CompletionItemLabel = item.labelDetails
    ? { label: item.label, detail: item.labelDetails.detail, description: item.labelDetails.description }
    : item.label;
  const result = new vscode.CompletionItem(
    label,
    item.kind === undefined ? undefined : toCompletionKind(item.kind),
  );
  if (item.detail !== undefined) result.detail = item.detail;
  if (item.documentation !== undefined) {
    // A bare string is plain text here, unlike in a hover.
    result.documentation =
      typeof item.documentation === 'string' ? item.documentation : toMarkdown(item.documentation);
  }
  if (item.sortText !== undefined) result.sortText = item.sortText;
  if (item.filterText !== undefined) result.filterText = item.filterText;
  if (item.preselect !== undefined) result.preselect = item.preselect;
  if (item.tags?.includes(lsp.CompletionItemTag.Deprecated) || item.deprecated) {
    result.tags = [vscode.CompletionItemTag.Deprecated];
  }
  const snippet = (item.insertTextFormat ?? defaults?.insertTextFormat) === lsp.InsertTextFormat.Snippet;
  const text = (value: string) => (snippet ? new vscode.SnippetString(value) : value);
  if (item.textEdit) {
    result.insertText = text(item.textEdit.newText);
    result.range = lsp.InsertReplaceEdit.is(item.textEdit)
      ? { inserting: toRange(item.textEdit.insert), replacing: toRange(item.textEdit.replace) }
      : toRange(item.textEdit.range);
  } else {
    const newText = item.textEditText ?? item.insertText;
    if (newText !== undefined) result.insertText = text(newText);
    else if (snippet) result.insertText = text(item.label);
    const range = defaults?.editRange;
    if (range) {
      result.range = lsp.Range.is(range)
        ? toRange(range)
        : { inserting: toRange(range.insert), replacing: toRange(range.replace) };
    }
  }
  if (item.additionalTextEdits) result.additionalTextEdits = item.additionalTextEdits.map(toTextEdit);
  const commitCharacters = item.commitCharacters ?? defaults?.commitCharacters;
  if (commitCharacters) result.commitCharacters = commitCharacters;
  if (item.command) result.command = toCommand(item.command);
  return result;
}

function toCompletionKind(kind: lsp.CompletionItemKind): vscode.CompletionItemKind {
  // VS Code's enum is LSP's shifted by one (LSP starts at Text = 1, VS Code at Text = 0).
  return kind >= lsp.CompletionItemKind.Text && kind <= lsp.CompletionItemKind.TypeParameter
    ? ((kind - 1) as vscode.CompletionItemKind)
    : vscode.CompletionItemKind.Property;
}

/** A link to an `http(s)` address; the service makes no other kind. */
export function toDocumentLink(link: lsp.DocumentLink): vscode.DocumentLink {
  const result = new vscode.DocumentLink(
    toRange(link.range),
    link.target === undefined ? undefined : vscode.Uri.parse(link.target, true),
  );
  if (link.tooltip !== undefined) result.tooltip = link.tooltip;
  return result;
}

export function toDocumentSymbol(symbol: lsp.DocumentSymbol): vscode.DocumentSymbol {
  const result = new vscode.DocumentSymbol(
    symbol.name,
    symbol.detail ?? '',
    toSymbolKind(symbol.kind),
    toRange(symbol.range),
    toRange(symbol.selectionRange),
  );
  if (symbol.tags?.includes(lsp.SymbolTag.Deprecated)) result.tags = [vscode.SymbolTag.Deprecated];
  if (symbol.children) result.children = symbol.children.map(toDocumentSymbol);
  return result;
}

export function toFoldingRange(range: lsp.FoldingRange): vscode.FoldingRange {
  return new vscode.FoldingRange(range.startLine, range.endLine, toFoldingRangeKind(range.kind));
}

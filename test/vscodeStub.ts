// The few parts of the `vscode` module that src/vscode/convert.ts builds, for unit tests: only
// a real extension host has the module. Importing this file makes `require('vscode')` return
// the stub, so it must be imported before the adapter file under test.
import Module from 'node:module';

/** A class whose instances hold their constructor's arguments under these names (undefined ones left out). */
function shape(...names: string[]) {
  return class {
    constructor(...args: unknown[]) {
      names.forEach((name, index) => {
        if (args[index] !== undefined) (this as Record<string, unknown>)[name] = args[index];
      });
    }
  };
}

class MarkdownString {
  value = '';
  isTrusted?: boolean;
  supportHtml?: boolean;
  appendMarkdown(text: string): this {
    this.value += text;
    return this;
  }
  appendText(text: string): this {
    // VS Code escapes Markdown in plain text; marked here so that a test sees which was called.
    this.value += `<text>${text}</text>`;
    return this;
  }
  appendCodeblock(code: string, language = ''): this {
    this.value += `<code ${language}>${code}</code>`;
    return this;
  }
}

class TextEdit extends shape('range', 'newText') {
  static replace(range: unknown, newText: string): TextEdit {
    return new TextEdit(range, newText);
  }
}

class WorkspaceEdit {
  readonly edits: Array<[uri: unknown, edits: unknown[]]> = [];
  set(uri: unknown, edits: unknown[]): void {
    this.edits.push([uri, edits]);
  }
  replace(uri: unknown, range: unknown, newText: string): void {
    this.edits.push([uri, [new TextEdit(range, newText)]]);
  }
  renameFile(oldUri: unknown, newUri: unknown, options?: unknown): void {
    this.edits.push([oldUri, [{ renameTo: newUri, options }]]);
  }
}

class CodeActionKind {
  static readonly Empty = new CodeActionKind('');
  static readonly QuickFix = new CodeActionKind('quickfix');
  constructor(readonly value: string) {}
  append(part: string): CodeActionKind {
    return new CodeActionKind(this.value ? `${this.value}.${part}` : part);
  }
}

/** A URI as the text it was parsed from. */
const Uri = {
  parse: (value: string) => ({ toString: () => value, toJSON: () => value }),
};

/** The stub, with VS Code's own numbers for its enums. */
export const vscodeStub = {
  Position: shape('line', 'character'),
  Range: shape('start', 'end'),
  Location: shape('uri', 'range'),
  Diagnostic: shape('range', 'message', 'severity'),
  DiagnosticRelatedInformation: shape('location', 'message'),
  Hover: shape('contents', 'range'),
  SnippetString: shape('value'),
  CompletionItem: shape('label', 'kind'),
  CompletionList: shape('items', 'isIncomplete'),
  DocumentLink: shape('range', 'target'),
  DocumentSymbol: shape('name', 'detail', 'kind', 'range', 'selectionRange'),
  FoldingRange: shape('start', 'end', 'kind'),
  MarkdownString,
  TextEdit,
  WorkspaceEdit,
  CodeActionKind,
  Uri,
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  DiagnosticTag: { Unnecessary: 1, Deprecated: 2 },
  CompletionItemKind: { Property: 9 },
  CompletionItemTag: { Deprecated: 1 },
  SymbolTag: { Deprecated: 1 },
};

// As scripts/bench/activation-child.mjs does: answer `require('vscode')` before Node resolves it.
const loader = Module as unknown as { _load(request: string, ...rest: unknown[]): unknown };
const load = loader._load;
loader._load = function (this: unknown, request: string, ...rest: unknown[]) {
  return request === 'vscode' ? vscodeStub : load.call(this, request, ...rest);
};

// A minimal fake of the `vscode` module: what the extension touches when it activates, and
// harmless stand-ins for the rest. Anything the extension reaches for that is not here is
// recorded in `missing` (and answered with a no-op that returns a disposable), so the
// benchmark reports it instead of failing.
import { readdir, readFile, stat } from 'node:fs/promises';

export const missing = new Set();

class Disposable {
  constructor(callOnDispose) {
    this.callOnDispose = callOnDispose;
  }
  static from(...disposables) {
    return new Disposable(() => {
      for (const disposable of disposables) disposable?.dispose?.();
    });
  }
  dispose() {
    if (this.callOnDispose) this.callOnDispose();
    this.callOnDispose = undefined;
  }
}

class EventEmitter {
  constructor() {
    this.listeners = new Set();
    this.event = (listener, thisArg, disposables) => {
      const bound = thisArg ? listener.bind(thisArg) : listener;
      this.listeners.add(bound);
      const disposable = new Disposable(() => this.listeners.delete(bound));
      if (Array.isArray(disposables)) disposables.push(disposable);
      return disposable;
    };
  }
  fire(value) {
    for (const listener of [...this.listeners]) listener(value);
  }
  dispose() {
    this.listeners.clear();
  }
}

const event = () => new EventEmitter().event;

export class Uri {
  constructor(scheme, authority, path, query, fragment) {
    this.scheme = scheme;
    this.authority = authority ?? '';
    this.path = path || '/';
    this.query = query ?? '';
    this.fragment = fragment ?? '';
  }
  static parse(value) {
    const match = /^([a-zA-Z][\w+.-]*):(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/.exec(value);
    if (!match) return new Uri('file', '', value);
    return new Uri(match[1], match[2], decodeURIComponent(match[3]), match[4], match[5]);
  }
  static file(fsPath) {
    return new Uri('file', '', fsPath.replace(/\\/g, '/'));
  }
  static joinPath(base, ...segments) {
    const parts = base.path.split('/');
    for (const segment of segments.join('/').split('/')) {
      if (segment === '' || segment === '.') continue;
      if (segment === '..') {
        if (parts.length > 1) parts.pop();
      } else parts.push(segment);
    }
    return base.with({ path: parts.join('/') || '/' });
  }
  static from(components) {
    return new Uri(
      components.scheme,
      components.authority,
      components.path,
      components.query,
      components.fragment,
    );
  }
  get fsPath() {
    return this.path;
  }
  with(change) {
    return new Uri(
      change.scheme ?? this.scheme,
      change.authority ?? this.authority,
      change.path ?? this.path,
      change.query ?? this.query,
      change.fragment ?? this.fragment,
    );
  }
  toString() {
    const path = encodeURI(this.path).replace(/[?#]/g, encodeURIComponent);
    return `${this.scheme}://${this.authority}${path}${this.query ? '?' + this.query : ''}${
      this.fragment ? '#' + this.fragment : ''
    }`;
  }
  toJSON() {
    return this.toString();
  }
}

class Position {
  constructor(line, character) {
    this.line = line;
    this.character = character;
  }
}
class Range {
  constructor(start, end, endLine, endCharacter) {
    if (typeof start === 'number') {
      this.start = new Position(start, end);
      this.end = new Position(endLine, endCharacter);
    } else {
      this.start = start;
      this.end = end;
    }
  }
}
class Location {
  constructor(uri, range) {
    this.uri = uri;
    this.range = range;
  }
}
class Diagnostic {
  constructor(range, message, severity) {
    this.range = range;
    this.message = message;
    this.severity = severity;
  }
}
class DiagnosticRelatedInformation {
  constructor(location, message) {
    this.location = location;
    this.message = message;
  }
}
class MarkdownString {
  constructor(value = '') {
    this.value = value;
  }
  appendMarkdown(text) {
    this.value += text;
    return this;
  }
  appendText(text) {
    this.value += text;
    return this;
  }
  appendCodeblock(code, language = '') {
    this.value += `\n\`\`\`${language}\n${code}\n\`\`\`\n`;
    return this;
  }
}
class Hover {
  constructor(contents, range) {
    this.contents = contents;
    this.range = range;
  }
}
class SnippetString {
  constructor(value = '') {
    this.value = value;
  }
}
class CompletionItem {
  constructor(label, kind) {
    this.label = label;
    this.kind = kind;
  }
}
class CompletionList {
  constructor(items = [], isIncomplete = false) {
    this.items = items;
    this.isIncomplete = isIncomplete;
  }
}
class TextEdit {
  constructor(range, newText) {
    this.range = range;
    this.newText = newText;
  }
  static replace(range, newText) {
    return new TextEdit(range, newText);
  }
}
class WorkspaceEdit {
  constructor() {
    this.edits = [];
  }
  set(uri, edits) {
    this.edits.push([uri, edits]);
  }
  replace(uri, range, newText) {
    this.edits.push([uri, [new TextEdit(range, newText)]]);
  }
}
class CodeActionKind {
  constructor(value) {
    this.value = value;
  }
  append(part) {
    return new CodeActionKind(this.value ? `${this.value}.${part}` : part);
  }
  intersects(other) {
    return (
      this.value === other.value ||
      this.value.startsWith(other.value + '.') ||
      other.value.startsWith(this.value + '.')
    );
  }
  contains(other) {
    return this.value === other.value || other.value.startsWith(this.value + '.');
  }
}
CodeActionKind.Empty = new CodeActionKind('');
CodeActionKind.QuickFix = new CodeActionKind('quickfix');
CodeActionKind.Source = new CodeActionKind('source');
CodeActionKind.SourceFixAll = new CodeActionKind('source.fixAll');
class CodeAction {
  constructor(title, kind) {
    this.title = title;
    this.kind = kind;
  }
}
class CancellationTokenSource {
  constructor() {
    const emitter = new EventEmitter();
    this.emitter = emitter;
    this.token = { isCancellationRequested: false, onCancellationRequested: emitter.event };
  }
  cancel() {
    if (this.token.isCancellationRequested) return;
    this.token.isCancellationRequested = true;
    this.emitter.fire();
  }
  dispose() {
    this.emitter.dispose();
  }
}
class RelativePattern {
  constructor(base, pattern) {
    this.base = base;
    this.pattern = pattern;
  }
}

function diagnosticCollection(name) {
  const entries = new Map();
  return {
    name,
    set(uri, diagnostics) {
      entries.set(uri.toString(), [uri, diagnostics]);
    },
    delete(uri) {
      entries.delete(uri.toString());
    },
    get(uri) {
      return entries.get(uri.toString())?.[1];
    },
    has(uri) {
      return entries.has(uri.toString());
    },
    forEach(callback) {
      for (const [uri, diagnostics] of entries.values()) callback(uri, diagnostics, this);
    },
    clear() {
      entries.clear();
    },
    dispose() {
      entries.clear();
    },
  };
}

function outputChannel(name) {
  const lines = [];
  const log = (message) => lines.push(message);
  return {
    name,
    lines,
    append: log,
    appendLine: log,
    trace: log,
    debug: log,
    info: log,
    warn: log,
    error: log,
    clear() {},
    show() {},
    hide() {},
    replace: log,
    dispose() {},
  };
}

function fileSystemWatcher() {
  return { onDidCreate: event(), onDidChange: event(), onDidDelete: event(), dispose() {} };
}

/** A namespace object that records unknown members and answers them with a no-op. */
function namespace(name, members) {
  return new Proxy(members, {
    get(target, key) {
      if (key in target || typeof key === 'symbol') return target[key];
      missing.add(`${name}.${String(key)}`);
      return () => new Disposable();
    },
  });
}

const FileType = { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 };

export const workspaceFolders = [];
const fake = {
  version: '1.90.0',
  Disposable,
  EventEmitter,
  Uri,
  Position,
  Range,
  Location,
  Diagnostic,
  DiagnosticRelatedInformation,
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  DiagnosticTag: { Unnecessary: 1, Deprecated: 2 },
  MarkdownString,
  Hover,
  SnippetString,
  CompletionItem,
  CompletionList,
  CompletionItemKind: new Proxy({}, { get: (_, key) => (typeof key === 'string' ? 9 : undefined) }),
  CompletionItemTag: { Deprecated: 1 },
  TextEdit,
  WorkspaceEdit,
  CodeAction,
  CodeActionKind,
  CancellationTokenSource,
  RelativePattern,
  FileType,
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  StatusBarAlignment: { Left: 1, Right: 2 },
  languages: namespace('languages', {
    createDiagnosticCollection: diagnosticCollection,
    registerCompletionItemProvider: () => new Disposable(),
    registerHoverProvider: () => new Disposable(),
    registerCodeActionsProvider: () => new Disposable(),
    registerDocumentLinkProvider: () => new Disposable(),
    registerDocumentSymbolProvider: () => new Disposable(),
    registerFoldingRangeProvider: () => new Disposable(),
    registerDefinitionProvider: () => new Disposable(),
    registerSelectionRangeProvider: () => new Disposable(),
    registerCodeLensProvider: () => new Disposable(),
    registerRenameProvider: () => new Disposable(),
    registerReferenceProvider: () => new Disposable(),
    registerWorkspaceSymbolProvider: () => new Disposable(),
    registerDocumentFormattingEditProvider: () => new Disposable(),
    registerOnTypeFormattingEditProvider: () => new Disposable(),
    registerDocumentHighlightProvider: () => new Disposable(),
    registerInlayHintsProvider: () => new Disposable(),
    registerSignatureHelpProvider: () => new Disposable(),
    registerColorProvider: () => new Disposable(),
    setLanguageConfiguration: () => new Disposable(),
    match: () => 0,
  }),
  workspace: namespace('workspace', {
    workspaceFolders,
    textDocuments: [],
    isTrusted: true,
    onDidOpenTextDocument: event(),
    onDidChangeTextDocument: event(),
    onDidCloseTextDocument: event(),
    onDidSaveTextDocument: event(),
    onDidChangeConfiguration: event(),
    onDidGrantWorkspaceTrust: event(),
    onDidChangeWorkspaceFolders: event(),
    getConfiguration: () => ({
      get: (_key, fallback) => fallback,
      has: () => false,
      inspect: () => undefined,
    }),
    getWorkspaceFolder: (uri) =>
      workspaceFolders.find((folder) => uri.toString().startsWith(folder.uri.toString())),
    createFileSystemWatcher: fileSystemWatcher,
    findFiles: async () => [],
    fs: {
      isWritableFileSystem: (scheme) => (scheme === 'file' ? true : undefined),
      readFile: async (uri) => new Uint8Array(await readFile(uri.fsPath)),
      readDirectory: async (uri) =>
        (await readdir(uri.fsPath, { withFileTypes: true })).map((entry) => [
          entry.name,
          entry.isDirectory() ? FileType.Directory : FileType.File,
        ]),
      stat: async (uri) => {
        const info = await stat(uri.fsPath);
        return {
          type: info.isDirectory() ? FileType.Directory : FileType.File,
          size: info.size,
          ctime: 0,
          mtime: 0,
        };
      },
    },
  }),
  window: namespace('window', {
    createOutputChannel: outputChannel,
    createStatusBarItem: () => ({ text: '', name: '', show() {}, hide() {}, dispose() {} }),
    showInformationMessage: async () => undefined,
    showWarningMessage: async () => undefined,
    showErrorMessage: async () => undefined,
    withProgress: async (_options, task) =>
      task({ report() {} }, { isCancellationRequested: false, onCancellationRequested: event() }),
  }),
  commands: namespace('commands', {
    registerCommand: () => new Disposable(),
    executeCommand: async () => undefined,
  }),
};

/** The module the extension gets for `require('vscode')`. */
export const vscode = new Proxy(fake, {
  get(target, key) {
    if (!(key in target) && typeof key === 'string' && !['then', '__esModule', 'default'].includes(key)) {
      missing.add(key);
    }
    return target[key];
  },
});

// The editor adapter's pure helpers: which files are articles, how settings reach the service,
// what is watched, how a shown diagnostic is matched to the service's own, and the translation
// of the service's LSP types into VS Code's (convert.ts, on a stub of the `vscode` module).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import * as lsp from 'vscode-languageserver-types';
import { FoldingRangeKind, SymbolKind } from 'vscode-languageserver-types';
import type * as vscode from 'vscode';
import './vscodeStub'; // before convert.ts, which requires `vscode`
import * as convert from '../src/vscode/convert';
import {
  diagnosticKey,
  isTextArticlePath,
  isWebAddress,
  numberedFileName,
  startsWithFrontMatter,
} from '../src/vscode/articles';
import { toFoldingRangeKind, toSymbolKind } from '../src/vscode/kinds';
import { readSettings, siteFiles, type SettingsSource } from '../src/vscode/settings';
import { TEAM_FILE_GLOBS } from '../src/host/index';

function source(values: Record<string, unknown>): SettingsSource {
  return { get: <T>(key: string) => values[key] as T | undefined };
}

const MANIFEST_DEFAULTS = {
  enable: true,
  schemas: [],
  rules: {},
  topicsFolder: '_data/topics',
  organizationsFolder: '_data/organizations',
};

describe('which text files are articles', () => {
  it('a first line of `---` opens front matter, with or without a byte order mark', () => {
    assert.equal(startsWithFrontMatter('---'), true);
    assert.equal(startsWithFrontMatter('\uFEFF--- '), true);
    assert.equal(startsWithFrontMatter('----'), false);
    assert.equal(startsWithFrontMatter('--- title: x'), false);
    assert.equal(startsWithFrontMatter('title: x'), false);
  });

  it('only .txt files are text articles', () => {
    assert.equal(isTextArticlePath('/site/_news/a.txt'), true);
    assert.equal(isTextArticlePath('/site/_news/A.TXT'), true);
    assert.equal(isTextArticlePath('/site/_news/a.txt.bak'), false);
  });
});

describe('settings for the service', () => {
  it('passes every key, so a removed setting does not keep its old value', () => {
    assert.deepEqual(readSettings(source(MANIFEST_DEFAULTS), true), {
      enable: true,
      service: {
        rules: {},
        schemas: [],
        topicsFolder: '_data/topics',
        organizationsFolder: '_data/organizations',
      },
    });
  });

  it('enable: false turns checking off', () => {
    assert.equal(readSettings(source({ ...MANIFEST_DEFAULTS, enable: false }), true).enable, false);
  });

  it('drops malformed rules and schemas and normalizes folders', () => {
    const { service } = readSettings(
      source({
        ...MANIFEST_DEFAULTS,
        rules: { 'unknown-topic': 'error', 'url-has-spaces': 'off', 'duplicate-topic': 'loud', other: 3 },
        schemas: [
          { fileMatch: ['_news/**/*.md'], url: 'schemas/news.json' },
          { fileMatch: '_posts/*.md', url: ' schemas/post.json ' },
          { fileMatch: [], url: 'schemas/none.json' },
          { url: 'schemas/nomatch.json' },
          'schemas/bare.json',
        ],
        topicsFolder: './taxonomy/topics/',
        organizationsFolder: '../outside',
      }),
      true,
    );
    assert.deepEqual(service, {
      rules: { 'unknown-topic': 'error', 'url-has-spaces': 'off' },
      schemas: [
        { fileMatch: ['_news/**/*.md'], url: 'schemas/news.json' },
        { fileMatch: ['_posts/*.md'], url: 'schemas/post.json' },
      ],
      topicsFolder: 'taxonomy/topics',
      organizationsFolder: '_data/organizations',
    });
  });

  it('ignores schemas from settings in an untrusted workspace', () => {
    const settings = readSettings(
      source({ ...MANIFEST_DEFAULTS, schemas: [{ fileMatch: ['**/*.md'], url: 'evil.json' }] }),
      false,
    );
    assert.deepEqual(settings.service.schemas, []);
  });
});

describe('files watched for changes', () => {
  it('watches _data and _learning, plus configured folders outside them and schemas', () => {
    const files = siteFiles([
      readSettings(source(MANIFEST_DEFAULTS), true).service,
      {
        topicsFolder: 'taxonomy/topics',
        organizationsFolder: '_data/orgs',
        schemas: [
          { fileMatch: ['*.md'], url: 'schemas/news.json' },
          { fileMatch: ['*.md'], url: 'file:///home/me/post.json' },
          { fileMatch: ['*.md'], url: 'https://example.com/remote.json' },
        ],
      },
    ]);
    assert.deepEqual(files, {
      globs: [
        ...TEAM_FILE_GLOBS,
        '**/_data/**',
        '**/_learning/**',
        '**/taxonomy/topics/**',
        '**/schemas/news.json',
      ],
      schemaUris: ['file:///home/me/post.json'],
    });
  });

  it('leaves out folders that are not plain paths', () => {
    assert.deepEqual(siteFiles([{ topicsFolder: 'topics/*' }]).globs, [
      ...TEAM_FILE_GLOBS,
      '**/_data/**',
      '**/_learning/**',
    ]);
  });
});

describe('matching a shown diagnostic to the service’s', () => {
  const range = { start: { line: 2, character: 9 }, end: { line: 2, character: 14 } };

  it('a code given as { value, target } matches the plain code', () => {
    assert.equal(
      diagnosticKey({ range, message: 'Unknown topic', code: { value: 'unknown-topic' } }),
      diagnosticKey({ range, message: 'Unknown topic', code: 'unknown-topic' }),
    );
  });

  it('another range or message is another diagnostic', () => {
    const key = diagnosticKey({ range, message: 'Unknown topic', code: 'unknown-topic' });
    assert.notEqual(key, diagnosticKey({ range: { ...range, start: range.end }, message: 'Unknown topic' }));
    assert.notEqual(key, diagnosticKey({ range, message: 'Another', code: 'unknown-topic' }));
  });
});

describe('kinds VS Code numbers differently', () => {
  // VS Code's own values (`vscode.SymbolKind`, `vscode.FoldingRangeKind`), which tests cannot import.
  const VSCODE_SYMBOL = {
    File: 0,
    Field: 7,
    String: 14,
    Number: 15,
    Boolean: 16,
    Array: 17,
    Object: 18,
    Key: 19,
  };
  const VSCODE_FOLDING = { Comment: 1, Imports: 2, Region: 3 };

  it('a symbol kind is the LSP one shifted by one', () => {
    assert.equal(toSymbolKind(SymbolKind.File), VSCODE_SYMBOL.File);
    assert.equal(toSymbolKind(SymbolKind.String), VSCODE_SYMBOL.String);
    assert.equal(toSymbolKind(SymbolKind.Number), VSCODE_SYMBOL.Number);
    assert.equal(toSymbolKind(SymbolKind.Boolean), VSCODE_SYMBOL.Boolean);
    assert.equal(toSymbolKind(SymbolKind.Array), VSCODE_SYMBOL.Array);
    assert.equal(toSymbolKind(SymbolKind.Object), VSCODE_SYMBOL.Object);
    assert.equal(toSymbolKind(SymbolKind.Key), VSCODE_SYMBOL.Key);
  });

  it('an unknown symbol kind is shown as a field', () => {
    assert.equal(toSymbolKind(0 as SymbolKind), VSCODE_SYMBOL.Field);
    assert.equal(toSymbolKind(99 as SymbolKind), VSCODE_SYMBOL.Field);
  });

  it('a folding kind is a number, and none stays none', () => {
    assert.equal(toFoldingRangeKind(FoldingRangeKind.Comment), VSCODE_FOLDING.Comment);
    assert.equal(toFoldingRangeKind(FoldingRangeKind.Imports), VSCODE_FOLDING.Imports);
    assert.equal(toFoldingRangeKind(FoldingRangeKind.Region), VSCODE_FOLDING.Region);
    assert.equal(toFoldingRangeKind(undefined), undefined);
    assert.equal(toFoldingRangeKind('something-else'), undefined);
  });
});

describe('a new article’s file', () => {
  it('is numbered when its name is taken', () => {
    assert.equal(numberedFileName('_news/2024-03-01-a.md', 1), '_news/2024-03-01-a.md');
    assert.equal(numberedFileName('_news/2024-03-01-a.md', 2), '_news/2024-03-01-a-2.md');
    assert.equal(numberedFileName('_news/2024-03-01-a.md', 3), '_news/2024-03-01-a-3.md');
    assert.equal(numberedFileName('_news/2024.03.01-a', 2), '_news/2024.03.01-a-2');
  });

  it('takes only an http(s) address with a host as its webUrl', () => {
    assert.equal(isWebAddress('https://www.contoso.com/news/a'), true);
    assert.equal(isWebAddress('http://contoso.com'), true);
    assert.equal(isWebAddress('contoso.com/news'), false);
    assert.equal(isWebAddress('javascript:alert(1)'), false);
    assert.equal(isWebAddress('file:///etc/passwd'), false);
    assert.equal(isWebAddress('https://'), false);
  });
});

describe('the manifest', () => {
  const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../package.json'), 'utf8')) as {
    main: string;
    contributes: {
      commands: Array<{ command: string; title: string; category: string }>;
      configuration: { properties: Record<string, { type: string; default: unknown; scope: string }> };
    };
  };

  it('lists the commands under “Article Front Matter”', () => {
    assert.deepEqual(
      manifest.contributes.commands.map((item) => `${item.category}: ${item.title} (${item.command})`),
      [
        'Article Front Matter: Check All Articles (articleFrontMatter.checkAllArticles)',
        'Article Front Matter: Fix All Problems (articleFrontMatter.fixAll)',
        'Article Front Matter: New Article (articleFrontMatter.newArticle)',
        'Article Front Matter: Infer Schemas from This Site (articleFrontMatter.inferSchemas)',
      ],
    );
  });

  it('has the startup check off by default, for the window', () => {
    const setting = manifest.contributes.configuration.properties['articleFrontMatter.checkOnStartup'];
    assert.deepEqual([setting.type, setting.default, setting.scope], ['boolean', false, 'window']);
  });
});

describe('activation loads the adapter, not the service', () => {
  const folder = path.resolve(__dirname, '../src/vscode');
  /** The files that may load the service's code: the bundles that hold it. */
  const ENGINE_FILES = ['engine.node.ts', 'extension.browser.ts'];

  it('no other adapter file imports the service’s code (types, defaults and command names aside)', () => {
    for (const name of readdirSync(folder).filter((file) => file.endsWith('.ts'))) {
      if (ENGINE_FILES.includes(name)) continue;
      const source = readFileSync(path.join(folder, name), 'utf8');
      for (const match of source.matchAll(/^import\s+(type\s+)?[^;]*?from\s+'(\.\.\/service\/[^']+)'/gm)) {
        const [statement, typeOnly, from] = match;
        assert.ok(
          typeOnly !== undefined || from === '../service/defaults' || from === '../service/util/commands',
          `${name}: \`${statement}\` puts the service into dist/node/extension.js`,
        );
      }
    }
  });

  it('the Node entry requires the engine bundle beside it', () => {
    const source = readFileSync(path.join(folder, 'extension.ts'), 'utf8');
    assert.match(source, /require\('\.\/engine\.js'\)/);
    assert.match(readFileSync(path.join(folder, 'engine.node.ts'), 'utf8'), /createArticleService/);
  });
});

describe('convert.ts: the service’s LSP types as VS Code’s', () => {
  /** What a stub object holds, as plain data (URIs as their text). */
  const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
  const range = (line: number, from: number, to: number): lsp.Range => ({
    start: { line, character: from },
    end: { line, character: to },
  });
  const RANGE = range(2, 9, 14);

  it('a document is read once per version', () => {
    let version = 1;
    let reads = 0;
    const editorDocument = {
      uri: { toString: () => 'file:///site/_news/a.md' },
      languageId: 'markdown',
      get version() {
        return version;
      },
      getText: () => (reads++, `---\ntitle: v${version}\n---\n`),
    } as unknown as vscode.TextDocument;
    const first = convert.toServiceDocument(editorDocument);
    assert.equal(convert.toServiceDocument(editorDocument), first);
    assert.deepEqual(
      [first.uri, first.languageId, first.version, first.getText(), reads],
      ['file:///site/_news/a.md', 'markdown', 1, '---\ntitle: v1\n---\n', 1],
    );
    version = 2;
    const second = convert.toServiceDocument(editorDocument);
    assert.deepEqual([second.version, second.getText(), reads], [2, '---\ntitle: v2\n---\n', 2]);
  });

  it('positions and ranges both ways', () => {
    const editorRange = convert.toRange(RANGE);
    assert.deepEqual(plain(editorRange), RANGE);
    assert.deepEqual(convert.toLspRange(editorRange), RANGE);
    assert.deepEqual(convert.toLspPosition(convert.toPosition({ line: 4, character: 1 })), {
      line: 4,
      character: 1,
    });
  });

  it('a diagnostic keeps its severity, source, code and its link, tags and related places', () => {
    const converted = convert.toDiagnostic({
      range: RANGE,
      message: 'Unknown topic',
      severity: lsp.DiagnosticSeverity.Warning,
      source: 'article-frontmatter',
      code: 'unknown-topic',
      codeDescription: { href: 'https://example.com/rules#unknown-topic' },
      tags: [lsp.DiagnosticTag.Deprecated, lsp.DiagnosticTag.Unnecessary, 7 as lsp.DiagnosticTag],
      relatedInformation: [
        { location: { uri: 'file:///site/_data/topics/a.yml', range: range(0, 0, 3) }, message: 'here' },
      ],
    });
    assert.deepEqual(plain(converted), {
      range: RANGE,
      message: 'Unknown topic',
      severity: 1,
      source: 'article-frontmatter',
      code: { value: 'unknown-topic', target: 'https://example.com/rules#unknown-topic' },
      tags: [2, 1],
      relatedInformation: [
        { location: { uri: 'file:///site/_data/topics/a.yml', range: range(0, 0, 3) }, message: 'here' },
      ],
    });
  });

  it('each severity, and none as an error', () => {
    const severity = (value?: lsp.DiagnosticSeverity) =>
      convert.toDiagnostic({ range: RANGE, message: 'm', severity: value }).severity;
    assert.deepEqual(
      [
        severity(lsp.DiagnosticSeverity.Error),
        severity(lsp.DiagnosticSeverity.Warning),
        severity(lsp.DiagnosticSeverity.Information),
        severity(lsp.DiagnosticSeverity.Hint),
        severity(undefined),
      ],
      [0, 1, 2, 3, 0],
    );
    assert.deepEqual(plain(convert.toDiagnostic({ range: RANGE, message: 'm', code: 7 })), {
      range: RANGE,
      message: 'm',
      severity: 0,
      code: 7,
    });
  });

  it('Markdown is never trusted nor HTML; plain text and code blocks stay what they are', () => {
    const markdown = convert.toMarkdown({
      kind: lsp.MarkupKind.Markdown,
      value: '**x** [run](command:evil)',
    });
    assert.deepEqual(
      [markdown.isTrusted, markdown.supportHtml, markdown.value],
      [false, false, '**x** [run](command:evil)'],
    );
    assert.equal(
      convert.toMarkdown({ kind: lsp.MarkupKind.PlainText, value: '**x**' }).value,
      '<text>**x**</text>',
    );
    assert.equal(convert.toMarkdown({ language: 'yaml', value: 'a: 1' }).value, '<code yaml>a: 1</code>');
    assert.equal(convert.toMarkdown('*y*').value, '*y*');
  });

  it('a hover with one or several contents, with or without a range', () => {
    const one = convert.toHover({ contents: { kind: lsp.MarkupKind.Markdown, value: 'a' }, range: RANGE });
    assert.deepEqual(plain(one), {
      contents: [{ value: 'a', isTrusted: false, supportHtml: false }],
      range: RANGE,
    });
    const several = convert.toHover({ contents: ['a', 'b'] });
    assert.deepEqual(
      several.contents.map((content) => (content as vscode.MarkdownString).value),
      ['a', 'b'],
    );
    assert.equal(several.range, undefined);
  });

  it('a workspace edit takes changes, text edits of documents and file renames, nothing else', () => {
    const edit = convert.toWorkspaceEdit({
      changes: { 'file:///a.md': [{ range: RANGE, newText: 'x' }] },
      documentChanges: [
        { textDocument: { uri: 'file:///b.md', version: 3 }, edits: [{ range: RANGE, newText: 'y' }] },
        { kind: 'create', uri: 'file:///c.md' },
        {
          kind: 'rename',
          oldUri: 'file:///d.md',
          newUri: 'file:///2024-01-01-d.md',
          options: { overwrite: false },
        },
      ],
    });
    assert.deepEqual(plain(edit), {
      edits: [
        ['file:///a.md', [{ range: RANGE, newText: 'x' }]],
        ['file:///b.md', [{ range: RANGE, newText: 'y' }]],
        [
          'file:///d.md',
          [{ renameTo: 'file:///2024-01-01-d.md', options: { overwrite: false, ignoreIfExists: false } }],
        ],
      ],
    });
  });

  it('code action kinds and commands', () => {
    assert.equal(convert.toCodeActionKind(undefined).value, 'quickfix');
    assert.equal(convert.toCodeActionKind(lsp.CodeActionKind.QuickFix).value, 'quickfix');
    assert.equal(
      convert.toCodeActionKind('source.fixAll.articleFrontMatter').value,
      'source.fixAll.articleFrontMatter',
    );
    assert.deepEqual(convert.toCommand({ title: 'Fix', command: 'x.fix', arguments: [1] }), {
      title: 'Fix',
      command: 'x.fix',
      arguments: [1],
    });
  });

  it('a completion item: label details, kind, documentation, snippet text and ranges', () => {
    const item = convert.toCompletionItem({
      label: 'topics',
      labelDetails: { detail: ' list', description: 'required' },
      kind: lsp.CompletionItemKind.Property,
      detail: 'list of texts',
      documentation: 'plain *text*',
      sortText: 'a',
      filterText: 'topics',
      preselect: true,
      tags: [lsp.CompletionItemTag.Deprecated],
      insertTextFormat: lsp.InsertTextFormat.Snippet,
      textEdit: { insert: range(1, 0, 2), replace: range(1, 0, 5), newText: 'topics:\n  - $1' },
      additionalTextEdits: [{ range: range(0, 0, 0), newText: 'z' }],
      commitCharacters: [':'],
      command: { title: 'Suggest', command: 'editor.action.triggerSuggest' },
    });
    assert.deepEqual(plain(item), {
      label: { label: 'topics', detail: ' list', description: 'required' },
      kind: 9,
      detail: 'list of texts',
      documentation: 'plain *text*',
      sortText: 'a',
      filterText: 'topics',
      preselect: true,
      tags: [1],
      insertText: { value: 'topics:\n  - $1' },
      range: { inserting: range(1, 0, 2), replacing: range(1, 0, 5) },
      additionalTextEdits: [{ range: range(0, 0, 0), newText: 'z' }],
      commitCharacters: [':'],
      command: { title: 'Suggest', command: 'editor.action.triggerSuggest' },
    });
  });

  it('a completion list: its defaults reach each item, a plain array is complete', () => {
    const list = convert.toCompletionList({
      isIncomplete: true,
      itemDefaults: {
        insertTextFormat: lsp.InsertTextFormat.Snippet,
        editRange: RANGE,
        commitCharacters: ['\n'],
      },
      items: [
        { label: 'a', insertText: 'a: $1', kind: lsp.CompletionItemKind.Value },
        { label: 'b', documentation: { kind: lsp.MarkupKind.Markdown, value: '**b**' } },
      ],
    });
    assert.deepEqual(plain(list), {
      items: [
        { label: 'a', kind: 11, insertText: { value: 'a: $1' }, range: RANGE, commitCharacters: ['\n'] },
        {
          label: 'b',
          documentation: { value: '**b**', isTrusted: false, supportHtml: false },
          insertText: { value: 'b' },
          range: RANGE,
          commitCharacters: ['\n'],
        },
      ],
      isIncomplete: true,
    });
    const complete = convert.toCompletionList([
      { label: 'c', insertText: 'c', kind: 99 as lsp.CompletionItemKind },
    ]);
    // Not marked incomplete: VS Code's own default (false) holds.
    assert.deepEqual(plain(complete), { items: [{ label: 'c', kind: 9, insertText: 'c' }] });
  });

  it('links, outline symbols and folding ranges', () => {
    assert.deepEqual(
      plain(convert.toDocumentLink({ range: RANGE, target: 'https://contoso.com/a', tooltip: 'Open' })),
      {
        range: RANGE,
        target: 'https://contoso.com/a',
        tooltip: 'Open',
      },
    );
    assert.deepEqual(plain(convert.toDocumentLink({ range: RANGE })), { range: RANGE });
    const symbol = convert.toDocumentSymbol({
      name: 'related',
      kind: SymbolKind.Array,
      range: range(5, 0, 9),
      selectionRange: range(5, 0, 7),
      tags: [lsp.SymbolTag.Deprecated],
      children: [
        { name: 'title', detail: 'A', kind: SymbolKind.String, range: RANGE, selectionRange: RANGE },
      ],
    });
    assert.deepEqual(plain(symbol), {
      name: 'related',
      detail: '',
      kind: 17,
      range: range(5, 0, 9),
      selectionRange: range(5, 0, 7),
      tags: [1],
      children: [{ name: 'title', detail: 'A', kind: 14, range: RANGE, selectionRange: RANGE }],
    });
    assert.deepEqual(
      plain(convert.toFoldingRange({ startLine: 3, endLine: 8, kind: FoldingRangeKind.Region })),
      {
        start: 3,
        end: 8,
        kind: 3,
      },
    );
  });
});

import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileUri } from '../src/node/nodeWorkspace';
import { startInProcess } from './serverClient';
import { A, article, linkedSite, writeSite } from './siteHelpers';

describe('the language server: the site as one linked whole', () => {
  it('answers definition, references, rename and workspace symbols from the site index', async (t) => {
    const files = linkedSite({ '_news/a.md': article('Article A, retitled', A) });
    const root = writeSite(t, files);
    const client = startInProcess();
    const answer = await client.request('initialize', {
      processId: null,
      rootUri: null,
      capabilities: {},
      workspaceFolders: [{ uri: fileUri(root), name: 'site' }],
    });
    const capabilities = answer.result.capabilities;
    assert.ok(capabilities.definitionProvider && capabilities.referencesProvider);
    assert.deepEqual(capabilities.renameProvider, { prepareProvider: true });
    client.notify('initialized', {});
    const c = fileUri(path.join(root, '_news/c.md'));
    const a = fileUri(path.join(root, '_news/a.md'));
    client.notify('textDocument/didOpen', {
      textDocument: { uri: c, languageId: 'markdown', version: 1, text: files['_news/c.md'] },
    });
    const definition = await client.request('textDocument/definition', {
      textDocument: { uri: c },
      position: { line: 15, character: 8 },
    });
    assert.deepEqual(
      definition.result.map((location: { uri: string }) => location.uri),
      [a],
    );
    client.notify('textDocument/didOpen', {
      textDocument: { uri: a, languageId: 'markdown', version: 1, text: files['_news/a.md'] },
    });
    const references = await client.request('textDocument/references', {
      textDocument: { uri: a },
      position: { line: 2, character: 10 },
      context: { includeDeclaration: false },
    });
    assert.deepEqual(references.result, [
      { uri: c, range: { start: { line: 14, character: 4 }, end: { line: 14, character: 4 } } },
    ]);
    const refused = await client.request('textDocument/prepareRename', {
      textDocument: { uri: a },
      position: { line: 0, character: 0 },
    });
    assert.match(refused.error?.message ?? '', /own `title`/);
    const renamed = await client.request('textDocument/rename', {
      textDocument: { uri: a },
      position: { line: 2, character: 10 },
      newName: 'New title',
    });
    assert.deepEqual(Object.keys(renamed.result.changes).sort(), [a, c].sort());
    const symbols = await client.request('workspace/symbol', { query: 'retitled' });
    assert.deepEqual(
      symbols.result.map((symbol: { name: string }) => symbol.name),
      ['Article A, retitled'],
    );
    // The stale copy is reported once the index is built.
    const diagnostics = await client.waitFor(
      (message) =>
        message.method === 'textDocument/publishDiagnostics' &&
        message.params.uri === c &&
        message.params.diagnostics.some((item: { code: string }) => item.code === 'stale-related'),
    );
    assert.ok(diagnostics);
  });

  it('reports a tag variant and renames a tag in every file of the site that uses it', async (t) => {
    const post = (tags: string) => `---\ntitle: A post\ntags: ${tags}\n---\nBody.\n`;
    const files = {
      '_config.yml': 'title: A blog\n',
      '_posts/2024-01-01-a.md': post('[docker, linux]'),
      '_posts/2024-01-02-b.md': post('docker ci'),
      '_posts/2024-01-03-c.md': post('[Docker]'),
    };
    const root = writeSite(t, files);
    const client = startInProcess();
    await client.request('initialize', {
      processId: null,
      rootUri: null,
      capabilities: {},
      workspaceFolders: [{ uri: fileUri(root), name: 'blog' }],
    });
    client.notify('initialized', {});
    const uri = (name: string) => fileUri(path.join(root, name));
    const c = uri('_posts/2024-01-03-c.md');
    client.notify('textDocument/didOpen', {
      textDocument: { uri: c, languageId: 'markdown', version: 1, text: files['_posts/2024-01-03-c.md'] },
    });
    const published = await client.waitFor(
      (message) =>
        message.method === 'textDocument/publishDiagnostics' &&
        message.params.uri === c &&
        message.params.diagnostics.some((item: { code: string }) => item.code === 'tag-variant'),
    );
    assert.ok(published);
    const prepared = await client.request('textDocument/prepareRename', {
      textDocument: { uri: c },
      position: { line: 2, character: 9 },
    });
    assert.equal(prepared.result.placeholder, 'Docker');
    // Renamed from another file, open too: `docker` in two files, not `Docker`.
    client.notify('textDocument/didOpen', {
      textDocument: {
        uri: uri('_posts/2024-01-01-a.md'),
        languageId: 'markdown',
        version: 1,
        text: files['_posts/2024-01-01-a.md'],
      },
    });
    const renamed = await client.request('textDocument/rename', {
      textDocument: { uri: uri('_posts/2024-01-01-a.md') },
      position: { line: 2, character: 9 },
      newName: 'containers',
    });
    assert.deepEqual(
      Object.keys(renamed.result.changes).sort(),
      [uri('_posts/2024-01-01-a.md'), uri('_posts/2024-01-02-b.md')].sort(),
    );
  });
});

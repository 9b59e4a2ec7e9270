import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileUri } from '../src/node/nodeWorkspace';
import { SAMPLE_SITE } from './cliHelpers';
import { startInProcess, startProcess, type LspClient, type Message } from './serverClient';

const ARTICLE = path.join(SAMPLE_SITE, '_news/2024-04-16-deploying-containers-in-ten-minutes.md');
const URI = fileUri(ARTICLE);
/** The article with its slip mended and `quality: high` planted (line 8, 0-based 7). */
const TEXT = readFileSync(ARTICLE, 'utf8')
  .replace('published: yes', 'published: true')
  .replace(/^quality: \d+$/m, 'quality: high');
const PLANTED = TEXT.split('\n').findIndex((line) => line === 'quality: high');

async function initialize(client: LspClient, capabilities: object = {}): Promise<Message> {
  const answer = await client.request('initialize', {
    processId: null,
    rootUri: null,
    capabilities,
    workspaceFolders: [{ uri: fileUri(SAMPLE_SITE), name: 'sample-site' }],
  });
  client.notify('initialized', {});
  return answer;
}

function open(client: LspClient, text = TEXT, languageId = 'markdown', uri = URI): void {
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
}

function diagnosticsOf(client: LspClient, uri = URI) {
  return client.waitFor(
    (message) => message.method === 'textDocument/publishDiagnostics' && message.params.uri === uri,
  );
}

describe('the language server', () => {
  it('initializes with its capabilities on a client that declares none', async () => {
    const client = startInProcess();
    const answer = await initialize(client);
    const capabilities = answer.result.capabilities;
    assert.ok(capabilities.hoverProvider);
    assert.deepEqual(capabilities.codeActionProvider.codeActionKinds, [
      'quickfix',
      'source.fixAll.articleFrontMatter',
    ]);
    assert.ok(capabilities.completionProvider);
  });

  it('pushes the planted diagnostic on its line, for markdown and for another language id of a .md file', async () => {
    assert.ok(PLANTED > 0);
    const client = startInProcess();
    await initialize(client);
    open(client);
    const { params } = await diagnosticsOf(client);
    const planted = params.diagnostics.filter((d: { code: string }) => d.code === 'wrong-type');
    assert.equal(planted.length, 1);
    assert.equal(planted[0].range.start.line, PLANTED);

    const other = fileUri(path.join(SAMPLE_SITE, '_news/other.md'));
    open(client, TEXT, 'plaintext', other);
    const second = await diagnosticsOf(client, other);
    assert.ok(second.params.diagnostics.some((d: { code: string }) => d.code === 'wrong-type'));
  });

  it('answers pulled diagnostics, and pushes none, when the client pulls them', async () => {
    const client = startInProcess();
    const answer = await initialize(client, { textDocument: { diagnostic: { dynamicRegistration: false } } });
    assert.equal(answer.result.capabilities.diagnosticProvider.interFileDependencies, true);
    open(client);
    const report = await client.request('textDocument/diagnostic', { textDocument: { uri: URI } });
    assert.equal(report.result.kind, 'full');
    const planted = report.result.items.filter((d: { code: string }) => d.code === 'wrong-type');
    assert.deepEqual(
      planted.map((d: { range: { start: { line: number } } }) => d.range.start.line),
      [PLANTED],
    );
    // Nothing pushed: the answer to a request sent after the open arrives with no push before it.
    await client.request('textDocument/hover', {
      textDocument: { uri: URI },
      position: { line: 0, character: 0 },
    });
    assert.ok(!client.notifications.some((message) => message.method === 'textDocument/publishDiagnostics'));
  });

  it('offers fix-all as a source action, and clears diagnostics on close', async () => {
    const client = startInProcess();
    await initialize(client);
    const slip = TEXT.replace('Developer tools', 'developer tools');
    open(client, slip);
    await diagnosticsOf(client);
    const answer = await client.request('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.equal(answer.result.length, 1);
    assert.equal(answer.result[0].kind, 'source.fixAll.articleFrontMatter');
    assert.ok(answer.result[0].edit.changes[URI].length > 0);

    const before = client.notifications.length;
    client.notify('textDocument/didClose', { textDocument: { uri: URI } });
    const cleared = await client.waitFor(
      (message) =>
        client.notifications.indexOf(message) >= before &&
        message.method === 'textDocument/publishDiagnostics' &&
        message.params.diagnostics.length === 0,
    );
    assert.equal(cleared.params.uri, URI);
  });

  it('offers renaming a post’s file only to a client that can rename files', async () => {
    const uri = fileUri(path.join(SAMPLE_SITE, '_posts/hello.md'));
    const titlesFor = async (capabilities: object) => {
      const client = startInProcess();
      await initialize(client, capabilities);
      open(client, '---\ntitle: Hello\ndate: 2024-03-05\n---\n', 'markdown', uri);
      const { params } = await diagnosticsOf(client, uri);
      const found = params.diagnostics.filter((d: { code: string }) => d.code === 'post-filename');
      assert.equal(found.length, 1);
      const answer = await client.request('textDocument/codeAction', {
        textDocument: { uri },
        range: found[0].range,
        context: { diagnostics: found },
      });
      return answer.result as Array<{ title: string; edit?: { documentChanges?: unknown[] } }>;
    };
    const renaming = await titlesFor({
      workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename'] } },
    });
    const rename = renaming.find((action) => action.title === 'Rename the file to `2024-03-05-hello.md`');
    assert.deepEqual(rename?.edit?.documentChanges, [
      {
        kind: 'rename',
        oldUri: uri,
        newUri: uri.replace(/hello\.md$/, '2024-03-05-hello.md'),
        options: { overwrite: false, ignoreIfExists: false },
      },
    ]);
    const plain = await titlesFor({});
    assert.ok(!plain.some((action) => action.title.startsWith('Rename the file')));
    assert.deepEqual(
      plain.map((action) => action.title),
      ['Ignore post-filename in this front matter'],
    );
  });

  it('watches the site data when the client can, and sees a topic file added', async (t) => {
    const site = path.join(mkdtempSync(path.join(os.tmpdir(), 'afm-lsp-')), 'site');
    t.after(() => rmSync(path.dirname(site), { recursive: true, force: true }));
    cpSync(SAMPLE_SITE, site, { recursive: true });
    const uri = fileUri(path.join(site, '_news/2024-04-16-deploying-containers-in-ten-minutes.md'));
    const client = startInProcess();
    await client.request('initialize', {
      processId: null,
      rootUri: fileUri(site),
      capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
    });
    client.notify('initialized', {});
    open(client, TEXT.replace('Developer tools', 'Quantum'), 'markdown', uri);
    const before = await diagnosticsOf(client, uri);
    assert.ok(before.params.diagnostics.some((d: { code: string }) => d.code === 'unknown-topic'));
    const registration = client.serverRequests.find(
      (request) => request.method === 'client/registerCapability',
    );
    const globs = registration?.params.registrations[0].registerOptions.watchers.map(
      (watcher: { globPattern: string }) => watcher.globPattern,
    );
    assert.ok(globs.includes('**/_config.yml') && globs.includes('**/_data/**'), String(globs));

    const topic = path.join(site, '_data/topics/99-quantum.yaml');
    writeFileSync(topic, 'taxonomy: topic\n_id: quantum\nname: Quantum\nshortname: Quantum\nparent: Cloud\n');
    const seen = client.notifications.length;
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(topic), type: 1 }] });
    const after = await client.waitFor(
      (message) =>
        client.notifications.indexOf(message) >= seen && message.method === 'textDocument/publishDiagnostics',
    );
    assert.deepEqual(
      after.params.diagnostics.filter((d: { code: string }) => d.code === 'unknown-topic'),
      [],
    );
  });

  it('answers malformed and out-of-range requests with an error or an empty answer, and keeps serving', async () => {
    const client = startInProcess();
    await initialize(client);
    open(client);
    await diagnosticsOf(client);
    const noDocument = await client.request('textDocument/hover', { position: { line: 0, character: 0 } });
    assert.equal(noDocument.error?.code, -32602);
    const far = await client.request('textDocument/hover', {
      textDocument: { uri: URI },
      position: { line: 10_000, character: 10_000 },
    });
    assert.equal(far.error, undefined);
    const unknown = await client.request('textDocument/completion', {
      textDocument: { uri: 'file:///nowhere.md' },
      position: { line: -1, character: 0 },
    });
    assert.equal(unknown.error, undefined);
    client.sendRaw('{ this is not json');
    const missing = await client.request('textDocument/noSuchMethod', {});
    assert.equal(missing.error?.code, -32601);

    const hover = await client.request('textDocument/hover', {
      textDocument: { uri: URI },
      position: { line: 1, character: 2 },
    });
    assert.ok(hover.result?.contents, 'the server still answers');
  });

  it('runs as `dist/cli.js lsp --stdio` and exits when the client says so', async (t) => {
    const cli = path.resolve(__dirname, '..', 'dist', 'cli.js');
    if (!existsSync(path.resolve(__dirname, '..', 'dist', 'server.js'))) {
      t.skip('dist/server.js is missing: run `npm run build` first');
      return;
    }
    const { client, exited } = startProcess(cli);
    const answer = await initialize(client);
    assert.equal(answer.result.serverInfo.name, 'article-frontmatter');
    open(client);
    const { params } = await diagnosticsOf(client);
    assert.ok(
      params.diagnostics.some(
        (d: { code: string; range: { start: { line: number } } }) =>
          d.code === 'wrong-type' && d.range.start.line === PLANTED,
      ),
    );
    await client.request('shutdown', null);
    client.notify('exit', null);
    assert.equal(await exited, 0);
  });
});

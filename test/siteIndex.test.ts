import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createArticleService } from '../src/service/index';
import type { SiteWorkspace } from '../src/service/types';
import { memoryWorkspace, rangeText, SITE_ROOT, SMALL_SITE } from './helpers';
import { A, article, B, linkedSite } from './siteHelpers';

function serviceOver(workspace: SiteWorkspace) {
  return createArticleService({
    workspace,
    logger: {
      error(message, error) {
        throw new Error(`${message}: ${String(error)}`);
      },
    },
  });
}

async function findings(files: Record<string, string>, path: string, index = true, code?: string) {
  const service = serviceOver(memoryWorkspace(files));
  if (index) await service.indexSite();
  const document = TextDocument.create(`${SITE_ROOT}/${path}`, 'markdown', 1, files[path]);
  const found = await service.validate(document);
  return {
    service,
    document,
    found: found.filter((item: Diagnostic) =>
      code ? item.code === code : item.code === 'stale-related' || item.code === 'duplicate-article',
    ),
  };
}

describe('stale-related: a related entry that no longer copies its article', () => {
  it('is reported on the entry’s first line, saying what differs and where the article is', async () => {
    const files = linkedSite({ '_news/a.md': article('Article A, retitled', A) });
    const { found } = await findings(files, '_news/c.md');
    assert.equal(found.length, 1);
    assert.equal(found[0].code, 'stale-related');
    assert.equal(rangeText(found[0].range), '14:4-14:22');
    assert.match(found[0].message, /`_news\/a\.md`/);
    assert.match(found[0].message, /title is “Article A, retitled” there, “Article A” here/);
  });

  it('reports nothing on copies that match, on entries off the site, or before the site is indexed', async () => {
    assert.deepEqual((await findings(linkedSite(), '_news/c.md')).found, []);
    const stale = linkedSite({ '_news/a.md': article('Retitled', A) });
    assert.deepEqual((await findings(stale, '_news/c.md', false)).found, []);
  });

  it('updates only the differing value from the article, and fix-all makes it', async () => {
    const files = linkedSite({ '_news/a.md': article('Article A: retitled', A) });
    const { service, document, found } = await findings(files, '_news/c.md');
    const actions = await service.codeActions(document, found[0].range, found);
    const update = actions.find((action) => action.title === 'Update from the article');
    assert.ok(update);
    assert.deepEqual(update.data, { safety: 'safe' });
    const edits = update.edit!.changes![document.uri];
    assert.equal(edits.length, 1);
    assert.equal(edits[0].newText, '"Article A: retitled"');
    const fixed = TextDocument.applyEdits(document, await service.fixAll(document));
    assert.match(fixed, /- title: "Article A: retitled"\n {4}webUrl: https:\/\/www\.contoso\.com\/a\n/);
    const again = TextDocument.create(document.uri, 'markdown', 2, fixed);
    assert.deepEqual(
      (await service.validate(again)).filter((item) => item.code === 'stale-related'),
      [],
    );
  });

  it('where two files share the webUrl, a copy of either is not stale, a copy of neither is', async () => {
    const both = linkedSite({ '_news/a2.md': article('Article A, second import', A) });
    assert.deepEqual((await findings(both, '_news/c.md')).found, []);
    const neither = linkedSite({
      '_news/a.md': article('One', A),
      '_news/a2.md': article('Two', A),
    });
    const { found } = await findings(neither, '_news/c.md');
    assert.deepEqual(
      found.map((item) => item.code),
      ['stale-related'],
    );
  });
});

describe('a convention problem inside a related copy', () => {
  const spaced = (host: string) => `https://${host}/PR Newswire/older`;
  const withEntries = (entries: string) =>
    linkedSite({
      '_news/c.md': article('Article C', 'https://www.contoso.com/c').replace(
        '---\nBody',
        `related:\n${entries}---\nBody`,
      ),
      '_news/d.md': article('Article D', spaced('www.contoso.com')),
    });

  it('is reported on the copy when the article it copies is not on the site', async () => {
    const files = withEntries(`  - title: "Older"\n    webUrl: ${spaced('elsewhere.example')}\n`);
    const { found, document } = await findings(files, '_news/c.md', true, 'url-has-spaces');
    assert.deepEqual(
      found.map((item) => document.getText(item.range)),
      [spaced('elsewhere.example')],
    );
  });

  it('is left to the article’s own file when it is on the site, and to nobody before the site is indexed', async () => {
    const files = withEntries(`  - title: "Article D"\n    webUrl: ${spaced('www.contoso.com')}\n`);
    assert.deepEqual((await findings(files, '_news/c.md', true, 'url-has-spaces')).found, []);
    assert.equal((await findings(files, '_news/d.md', true, 'url-has-spaces')).found.length, 1);
    const offSite = withEntries(`  - title: "Older"\n    webUrl: ${spaced('elsewhere.example')}\n`);
    assert.deepEqual((await findings(offSite, '_news/c.md', false, 'url-has-spaces')).found, []);
  });
});

describe('duplicate-article: two files with one webUrl', () => {
  it('is reported on the webUrl of each file, naming the other', async () => {
    const files = linkedSite({ '_news/a2.md': article('Article A again', A) });
    for (const [path, other] of [
      ['_news/a.md', '_news/a2.md'],
      ['_news/a2.md', '_news/a.md'],
    ]) {
      const { found } = await findings(files, path, true, 'duplicate-article');
      assert.equal(found.length, 1, path);
      assert.equal(rangeText(found[0].range), '5:8-5:33');
      assert.match(found[0].message, new RegExp(`\`${other.replace('.', '\\.')}\``));
    }
    assert.deepEqual((await findings(files, '_news/b.md', true, 'duplicate-article')).found, []);
  });
});

describe('the site index', () => {
  it('keeps each article and the related entries that point at it, and nothing off the site', async () => {
    const service = serviceOver(memoryWorkspace(linkedSite()));
    await service.indexSite();
    const { found } = await findings(linkedSite(), '_news/c.md');
    assert.deepEqual(found, []);
  });

  it('skips broken and unreadable files, entries without webUrl, and never throws', async () => {
    const files = linkedSite({
      '_news/broken.md': '---\ntitle: [unclosed\nwebUrl: https://www.contoso.com/a\n---\n',
      '_news/unclosed.md': '---\ntitle: x\n',
      '_news/nourl.md':
        '---\ntitle: x\nrelated:\n  - title: no url\n  - 7\n  - title: x\n    webUrl: 5\n---\n',
      '_news/unreadable.md': 'x',
    });
    const workspace = memoryWorkspace(files);
    const throwing: SiteWorkspace = {
      ...workspace,
      async readFile(uri) {
        if (uri.endsWith('unreadable.md')) throw new Error('EACCES');
        return workspace.readFile(uri);
      },
    };
    const service = serviceOver(throwing);
    await service.indexSite();
    const document = TextDocument.create(`${SITE_ROOT}/_news/a.md`, 'markdown', 1, files['_news/a.md']);
    const codes = (await service.validate(document)).map((item) => item.code);
    assert.ok(!codes.includes('duplicate-article'), String(codes));
  });

  it('is incremental: an editor’s text wins over the disk until the file is read again', async () => {
    const files = linkedSite();
    const service = serviceOver(memoryWorkspace(files));
    await service.indexSite();
    let changes = 0;
    service.onDidChangeIndex(() => changes++);
    const c = TextDocument.create(`${SITE_ROOT}/_news/c.md`, 'markdown', 1, files['_news/c.md']);
    const stale = async () =>
      (await service.validate(c)).filter((item) => item.code === 'stale-related').length;
    assert.equal(await stale(), 0);
    await service.indexFile(`${SITE_ROOT}/_news/b.md`, article('B, being retitled', B));
    assert.equal(await stale(), 1);
    await service.indexSite();
    assert.equal(await stale(), 1, 'a walk of the disk keeps the editor’s text');
    await service.indexFile(`${SITE_ROOT}/_news/b.md`, undefined);
    assert.equal(await stale(), 0);
    assert.ok(changes >= 3);
  });

  it('yields every few milliseconds when files are slow to read, not only every 25 files', async () => {
    const files: Record<string, string> = { ...SMALL_SITE };
    for (let i = 0; i < 40; i++) files[`_news/n${i}.md`] = article(`N${i}`, `https://www.contoso.com/n${i}`);
    const workspace = memoryWorkspace(files);
    const read = workspace.readFile.bind(workspace);
    // Each article takes 3 ms of this thread (a large article's parse), none of it waiting.
    workspace.readFile = async (uri) => {
      if (uri.includes('/_news/')) for (const until = Date.now() + 3; Date.now() < until;);
      return read(uri);
    };
    const progress: number[] = [];
    await serviceOver(workspace).indexSite(undefined, (done) => progress.push(done));
    assert.ok(progress.length >= 15, `yields at ${progress.join(', ')}`);
  });

  it('yields while it builds and stops when cancelled', async () => {
    const files: Record<string, string> = { ...SMALL_SITE };
    for (let i = 0; i < 200; i++) files[`_news/n${i}.md`] = article(`N${i}`, `https://www.contoso.com/n${i}`);
    const service = serviceOver(memoryWorkspace(files));
    const token = { isCancellationRequested: false };
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const progress: number[] = [];
    await service.indexSite(token, (done) => {
      progress.push(done);
      if (done >= 100) token.isCancellationRequested = true;
    });
    clearInterval(timer);
    assert.ok(ticks > 0, 'the event loop ran while the index was built');
    assert.ok(progress.length >= 4 && progress.at(-1)! <= 125, String(progress));
  });
});

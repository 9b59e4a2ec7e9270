import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Location, Position, WorkspaceEdit } from 'vscode-languageserver-types';
import { CURSOR, memoryWorkspace, rangeText, SITE_ROOT } from './helpers';
import { A, article, linkedSite } from './siteHelpers';
import { createArticleService, SHOW_LINKS_COMMAND } from '../src/service/index';

/** A service over the linked site, indexed, and a document of it with a `‸` cursor. */
async function at(path: string, marked: string, files = linkedSite()) {
  const offset = marked.indexOf(CURSOR);
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const all = { ...files, [path]: text };
  const service = createArticleService({ workspace: memoryWorkspace(all) });
  await service.indexSite();
  const document = TextDocument.create(`${SITE_ROOT}/${path}`, 'markdown', 1, text);
  return { service, document, position: document.positionAt(offset) };
}

const where = (locations: Location[]) =>
  locations.map((location) => `${location.uri.slice(SITE_ROOT.length + 1)} ${rangeText(location.range)}`);

/** Article C with the cursor put at the first occurrence of `before` (the cursor goes after it). */
const cAt = (before: string) => {
  const text = linkedSite()['_news/c.md'];
  const at = text.indexOf(before) + before.length;
  return text.slice(0, at) + CURSOR + text.slice(at);
};
const aAt = (before: string) => {
  const text = linkedSite()['_news/a.md'];
  const at = text.indexOf(before) + before.length;
  return text.slice(0, at) + CURSOR + text.slice(at);
};

describe('go to definition on a related entry', () => {
  it('opens the article’s title from any line of the entry, its `- ` too', async () => {
    for (const cursor of ['  - title: "Art', '  -', '    webUrl: https://www.con', '    quality: 5']) {
      const { service, document, position } = await at('_news/c.md', cAt(cursor));
      assert.deepEqual(where(await service.definition(document, position)), ['_news/a.md 2:7-2:18'], cursor);
    }
  });

  it('finds nothing off the site, outside related entries, or before the site is indexed', async () => {
    const off = await at('_news/c.md', cAt('title: "Elsew'));
    assert.deepEqual(await off.service.definition(off.document, off.position), []);
    const top = await at('_news/c.md', cAt('category: ne'));
    assert.deepEqual(await top.service.definition(top.document, top.position), []);
    const document = TextDocument.create(
      `${SITE_ROOT}/_news/c.md`,
      'markdown',
      1,
      linkedSite()['_news/c.md'],
    );
    const cold = createArticleService({ workspace: memoryWorkspace(linkedSite()) });
    assert.deepEqual(await cold.definition(document, { line: 14, character: 8 }), []);
  });
});

describe('find references of an article', () => {
  it('lists every related entry of the site that points at it, from its webUrl or title', async () => {
    const files = linkedSite({
      '_news/d.md': article('D', 'https://www.contoso.com/d', [{ title: 'Article A', webUrl: A }]),
    });
    for (const cursor of ['webUrl: https://www.cont', 'title: "Arti']) {
      const { service, document, position } = await at('_news/a.md', aAt(cursor), files);
      const found = await service.references(document, position, { includeDeclaration: false });
      assert.deepEqual(where(found), ['_news/c.md 14:4-14:4', '_news/d.md 14:4-14:4'], cursor);
      const all = await service.references(document, position, { includeDeclaration: true });
      assert.deepEqual(where(all)[0], '_news/a.md 2:7-2:18');
      assert.equal(all.length, 3);
    }
  });

  it('finds none elsewhere in the article', async () => {
    const { service, document, position } = await at('_news/a.md', aAt('quality: 5'));
    assert.deepEqual(await service.references(document, position, { includeDeclaration: true }), []);
  });
});

describe('rename an article’s title', () => {
  it('updates its title and the title of every related copy, keeping their quoting', async () => {
    const { service, document, position } = await at('_news/a.md', aAt('title: "Art'));
    const prepared = await service.prepareRename(document, position);
    assert.deepEqual(prepared, {
      range: { start: { line: 2, character: 7 }, end: { line: 2, character: 18 } },
      placeholder: 'Article A',
    });
    const edit = (await service.rename(document, position, 'A: new "name"')) as WorkspaceEdit;
    const changes = edit.changes!;
    assert.deepEqual(Object.keys(changes).sort(), [`${SITE_ROOT}/_news/a.md`, `${SITE_ROOT}/_news/c.md`]);
    assert.deepEqual(
      changes[`${SITE_ROOT}/_news/c.md`].map((item) => `${rangeText(item.range)} ${item.newText}`),
      ['14:11-14:22 "A: new \\"name\\""'],
    );
    assert.equal(changes[document.uri][0].newText, '"A: new \\"name\\""');
  });

  it('is refused elsewhere, with a message that says where it works', async () => {
    const { service, document, position } = await at('_news/c.md', cAt('  - title: "Art'));
    const prepared = await service.prepareRename(document, position);
    assert.ok('message' in prepared && /own `title`/.test(prepared.message));
    const renamed = await service.rename(document, position, 'x');
    assert.ok('message' in renamed);
  });
});

describe('workspace symbols and the hover of a title', () => {
  it('lists the site’s articles by title, filtered by the query', async () => {
    const { service } = await at('_news/a.md', aAt('title: "'));
    const symbols = await service.workspaceSymbols('artb');
    assert.deepEqual(
      symbols.map((symbol) => [symbol.name, symbol.containerName]),
      [['Article B', '_news/b.md']],
    );
    assert.equal((await service.workspaceSymbols('')).length, 3);
  });

  it('says on an article’s title how many articles link to it', async () => {
    const { service, document, position } = await at('_news/a.md', aAt('title: "Art'));
    const hover = await service.hover(document, position);
    const value = (hover?.contents as { value: string }).value;
    assert.match(value, /Linked from 1 article of the site$/);
  });
});

describe('the “Linked from N articles” lens above an article’s title', () => {
  it('counts the articles whose related entries copy it, and lists them when run', async () => {
    const { service, document } = await at('_news/a.md', aAt('title: "Art'));
    const lenses = await service.codeLenses(document);
    assert.deepEqual(
      lenses.map((lens) => [rangeText(lens.range), lens.command?.title, lens.command?.command]),
      [['2:7-2:18', 'Linked from 1 article', SHOW_LINKS_COMMAND]],
    );
    const [uri, position] = lenses[0].command?.arguments as [string, Position];
    assert.equal(uri, document.uri);
    const listed = await service.references(document, position, { includeDeclaration: false });
    assert.deepEqual(where(listed), ['_news/c.md 14:4-14:4']);
  });

  it('says so, without a command, when nothing links to it; and waits for the whole site', async () => {
    const { service, document } = await at('_news/c.md', cAt('title: "Art'));
    assert.deepEqual(
      (await service.codeLenses(document)).map((lens) => [lens.command?.title, lens.command?.command]),
      [['Not linked from any article of the site', '']],
    );
    const unindexed = createArticleService({ workspace: memoryWorkspace(linkedSite()) });
    const alone = TextDocument.create(`${SITE_ROOT}/_news/a.md`, 'markdown', 1, linkedSite()['_news/a.md']);
    assert.deepEqual(await unindexed.codeLenses(alone), []);
  });
});

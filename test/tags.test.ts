import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Hover, WorkspaceEdit } from 'vscode-languageserver-types';
import { createArticleService } from '../src/service/index';
import { normalTag } from '../src/service/site/tags';
import { CURSOR, memoryWorkspace, rangeText, SITE_ROOT } from './helpers';

/** A post of a plain Jekyll blog with these lines of front matter. */
const post = (lines: string) => `---\ntitle: A post\n${lines}\n---\nBody.\n`;

/** A plain Jekyll blog: `_config.yml` and some posts. */
function blog(posts: Record<string, string>): Record<string, string> {
  const files: Record<string, string> = { '_config.yml': 'title: A blog\n' };
  for (const [name, lines] of Object.entries(posts)) files[`_posts/${name}.md`] = post(lines);
  return files;
}

/** Three posts tagged `docker`, one `Docker`. */
const DOCKER_BLOG = {
  '2024-01-01-a': 'tags: [docker, linux]',
  '2024-01-02-b': 'tags:\n  - docker',
  '2024-01-03-c': 'tags: docker ci',
};

/** A service over the site, indexed, and one document of it (`‸` marks a cursor, removed). */
async function open(files: Record<string, string>, path: string, marked: string, index = true) {
  const offset = marked.indexOf(CURSOR);
  const text = offset < 0 ? marked : marked.slice(0, offset) + marked.slice(offset + 1);
  const all = { ...files, [path]: text };
  const service = createArticleService({ workspace: memoryWorkspace(all) });
  if (index) await service.indexSite();
  const document = TextDocument.create(`${SITE_ROOT}/${path}`, 'markdown', 1, text);
  return { service, document, position: document.positionAt(Math.max(offset, 0)), files: all };
}

async function variants(files: Record<string, string>, path: string, lines: string, index = true) {
  const opened = await open(files, path, post(lines), index);
  const found = await opened.service.validate(opened.document);
  return { ...opened, found: found.filter((item: Diagnostic) => item.code === 'tag-variant') };
}

const NEW = '_posts/2024-02-01-new.md';

describe('tag-variant: a tag spelt otherwise than most articles spell it', () => {
  it('underlines the variant and names the common spelling and how many articles use each', async () => {
    const { found, document } = await variants(blog(DOCKER_BLOG), NEW, 'tags: [Docker, kubernetes]');
    assert.equal(found.length, 1);
    assert.equal(rangeText(found[0].range), '2:7-2:13');
    assert.equal(document.getText(found[0].range), 'Docker');
    assert.equal(found[0].severity, 2);
    assert.match(
      found[0].message,
      /`Docker` is spelt `docker` on this site \(3 articles; `Docker`: 1 article\)/,
    );
  });

  it('finds case, separator and plural variants, in lists, single values and texts split on spaces', async () => {
    const site = blog({
      '2024-01-01-a': 'tags: [machine learning, Microsoft Windows]',
      '2024-01-02-b': 'tags:\n  - machine learning\n  - docker\n  - Microsoft Windows',
      '2024-01-03-c': 'tags: [docker]',
      '2024-01-04-d': 'categories: [tutorials]',
      '2024-01-05-e': 'category: tutorials',
    });
    const cases: Array<[string, string]> = [
      ['tags: [machine-learning]', 'machine-learning'],
      ['tags: [Machine_Learning]', 'Machine_Learning'],
      ['tags: [microsoft-windows]', 'microsoft-windows'],
      ['tag: Machine Learning', 'Machine Learning'],
      ['tags: dockers linux', 'dockers'],
      ['tags: "linux Docker"', 'Docker'],
      ['category: Tutorial', 'Tutorial'],
      ['categories: Tutorials howto', 'Tutorials'],
    ];
    for (const [lines, flagged] of cases) {
      const { found, document } = await variants(site, NEW, lines);
      assert.deepEqual(
        found.map((item) => document.getText(item.range)),
        [flagged],
        lines,
      );
    }
  });

  it('stays quiet on ties, on the common spelling, on tags and categories of each other, and before the index', async () => {
    const tie = blog({ '2024-01-01-a': 'tags: [docker]' });
    assert.deepEqual((await variants(tie, NEW, 'tags: [Docker]')).found, []);
    const site = blog(DOCKER_BLOG);
    assert.deepEqual((await variants(site, NEW, 'tags: [docker]')).found, []);
    // Categories and tags are two vocabularies.
    assert.deepEqual((await variants(site, NEW, 'categories: [Docker]')).found, []);
    assert.deepEqual((await variants(site, NEW, 'tags: [Docker]', false)).found, []);
    // Not variants: a decade, a name that looks plural, words that only look alike.
    const names = blog({
      '2024-01-01-a': 'tags: [2020, window, news, class, status]',
      '2024-01-02-b': 'tags: [2020, window, new, class, status]',
    });
    // Of `tags` written twice, Jekyll reads the last: the first is not judged.
    const twice = await variants(site, NEW, 'tags: [Docker]\ntags: [docker]');
    assert.deepEqual(twice.found, []);
    const quiet = await variants(names, NEW, 'tags: [2020s, Windows, News, classes, statuses]');
    assert.deepEqual(
      quiet.found.map((item) => quiet.document.getText(item.range)),
      ['classes', 'statuses'],
    );
  });

  it('counts the article as it is now, not as the index last read it', async () => {
    const site = blog({ ...DOCKER_BLOG, '2024-02-01-new': 'tags: [docker]' });
    // The index read `docker` in this file; the editor now says `Docker`.
    const { found } = await variants(site, NEW, 'tags: [Docker]');
    assert.match(found[0].message, /\(3 articles; `Docker`: 1 article\)/);
  });

  it('fixes to the common spelling: safely for case and separators, as an offer for a plural', async () => {
    const { service, document, found } = await variants(blog(DOCKER_BLOG), NEW, 'tags: [Docker, linux]');
    const actions = await service.codeActions(document, found[0].range, found);
    const change = actions.find((action) => action.title === 'Change to docker');
    assert.ok(change);
    assert.deepEqual(change.data, { safety: 'safe' });
    const fixed = TextDocument.applyEdits(document, await service.fixAll(document));
    assert.match(fixed, /^tags: \[docker, linux\]$/m);
    const plural = await variants(blog(DOCKER_BLOG), NEW, 'tags: [dockers]');
    const offered = await plural.service.codeActions(plural.document, plural.found[0].range, plural.found);
    assert.deepEqual(offered.find((action) => action.title === 'Change to docker')?.data, {
      safety: 'unsafe',
    });
    assert.deepEqual(await plural.service.fixAll(plural.document), []);
  });

  it('where the article already has the common spelling, the fix removes the variant', async () => {
    const { service, document, found } = await variants(
      blog(DOCKER_BLOG),
      NEW,
      'tags:\n  - docker\n  - Docker\n  - ci',
    );
    assert.match(found[0].message, /already has `docker`/);
    const fixed = TextDocument.applyEdits(document, await service.fixAll(document));
    assert.match(fixed, /^tags:\n {2}- docker\n {2}- ci\n---/m);
  });

  it('is silent where the schema gives the field’s values (the taxonomy’s rules judge it)', async () => {
    const files = {
      ...blog({ '2024-01-01-a': 'category: news', '2024-01-02-b': 'category: news' }),
      '.article-frontmatter.yml':
        'schemas:\n  - fileMatch: ["_posts/**/*.md"]\n    url: schemas/post.schema.json\n',
      'schemas/post.schema.json': JSON.stringify({
        type: 'object',
        properties: { title: { type: 'string' }, category: { enum: ['news', 'News'] } },
      }),
    };
    assert.deepEqual((await variants(files, NEW, 'category: News')).found, []);
    // The same site without the enum: the variant is reported.
    const free = {
      ...files,
      'schemas/post.schema.json': JSON.stringify({
        type: 'object',
        properties: { title: { type: 'string' }, category: { type: 'string' } },
      }),
    };
    assert.equal((await variants(free, NEW, 'category: News')).found.length, 1);
  });

  it('follows the site as files change: a variant that becomes the common spelling stops being one', async () => {
    const files = blog({ '2024-01-01-a': 'tags: [docker]', '2024-01-02-b': 'tags: [docker]' });
    const { service, document } = await open(files, NEW, post('tags: [Docker]'));
    assert.equal((await service.validate(document)).filter((item) => item.code === 'tag-variant').length, 1);
    await service.indexFile(`${SITE_ROOT}/_posts/2024-01-01-a.md`, post('tags: [Docker]'));
    await service.indexFile(`${SITE_ROOT}/_posts/2024-01-02-b.md`, post('tags: [Docker]'));
    const again = TextDocument.create(document.uri, 'markdown', 2, document.getText());
    assert.deepEqual(
      (await service.validate(again)).filter((item) => item.code === 'tag-variant'),
      [],
    );
  });
});

describe('normalTag: the form a tag’s variants share', () => {
  it('puts case, separators and plurals aside, and keeps apart what only looks alike', () => {
    const same = [
      ['Docker', 'dockers'],
      ['machine-learning', 'Machine_Learning'],
      ['machine learning', 'machine learnings'],
      ['library', 'libraries'],
      ['box', 'boxes'],
      ['cache', 'caches'],
      ['class', 'classes'],
      ['movie', 'Movies'],
    ];
    for (const [a, b] of same) assert.equal(normalTag(a), normalTag(b), `${a} ~ ${b}`);
    const apart = [
      ['2020', '2020s'],
      ['window', 'Windows'],
      ['team', 'Teams'],
      ['analytic', 'analytics'],
      ['go', 'goes'],
    ];
    for (const [a, b] of apart) assert.notEqual(normalTag(a), normalTag(b), `${a} !~ ${b}`);
  });
});

describe('rename a tag across the site', () => {
  it('is offered on a tag value, with the tag as placeholder', async () => {
    const { service, document, position } = await open(blog(DOCKER_BLOG), NEW, post('tags: [Dock‸er, ci]'));
    const prepared = await service.prepareRename(document, position);
    assert.ok(!('message' in prepared));
    assert.equal(prepared.placeholder, 'Docker');
    assert.equal(rangeText(prepared.range), '2:7-2:13');
  });

  it('edits every file that uses it, in lists, block lists and texts split on spaces, minimally', async () => {
    const files = blog({
      ...DOCKER_BLOG,
      '2024-01-04-d': 'tags: [Docker]',
      '2024-01-05-e': "tags: 'ci docker'",
      '2024-01-06-f': 'categories: [docker]',
    });
    const { service, document, position } = await open(files, NEW, post('tags: [doc‸ker]'));
    const edit = (await service.rename(document, position, 'containers')) as WorkspaceEdit;
    const changed = Object.keys(edit.changes!)
      .map((uri) => uri.slice(SITE_ROOT.length + 1))
      .sort();
    assert.deepEqual(changed, [
      '_posts/2024-01-01-a.md',
      '_posts/2024-01-02-b.md',
      '_posts/2024-01-03-c.md',
      '_posts/2024-01-05-e.md',
      NEW,
    ]);
    const after = (path: string) =>
      TextDocument.applyEdits(
        TextDocument.create(`${SITE_ROOT}/${path}`, 'markdown', 1, files[path] ?? document.getText()),
        edit.changes![`${SITE_ROOT}/${path}`],
      );
    assert.match(after('_posts/2024-01-01-a.md'), /^tags: \[containers, linux\]$/m);
    assert.match(after('_posts/2024-01-02-b.md'), /^tags:\n {2}- containers$/m);
    assert.match(after('_posts/2024-01-03-c.md'), /^tags: containers ci$/m);
    assert.match(after('_posts/2024-01-05-e.md'), /^tags: 'ci containers'$/m);
    assert.deepEqual(
      edit.changes![`${SITE_ROOT}/_posts/2024-01-01-a.md`].map((item) => [
        rangeText(item.range),
        item.newText,
      ]),
      [['2:7-2:13', 'containers']],
    );
  });

  it('keeps the YAML valid: quotes where needed, a list where a text split on spaces cannot hold the name', async () => {
    const files = blog({ '2024-01-01-a': 'tags: [docker, ci]', '2024-01-02-b': 'tags: docker ci' });
    const { service, document, position } = await open(files, NEW, post('tags:\n  - dock‸er'));
    const edit = (await service.rename(document, position, 'docker, compose')) as WorkspaceEdit;
    const text = (path: string) =>
      TextDocument.applyEdits(
        TextDocument.create(`${SITE_ROOT}/${path}`, 'markdown', 1, files[path] ?? document.getText()),
        edit.changes![`${SITE_ROOT}/${path}`],
      );
    assert.match(text('_posts/2024-01-01-a.md'), /^tags: \["docker, compose", ci\]$/m);
    assert.match(text('_posts/2024-01-02-b.md'), /^tags: \["docker, compose", ci\]$/m);
    assert.match(text(NEW), /^ {2}- docker, compose$/m);
    const yes = (await service.rename(document, position, 'yes')) as WorkspaceEdit;
    assert.equal(yes.changes![document.uri][0].newText, '"yes"');
  });

  it('merges into an existing spelling without writing it twice', async () => {
    const files = blog({ '2024-01-01-a': 'tags: [docker, Docker, ci]' });
    const { service, document, position } = await open(files, NEW, post('tags: [Dock‸er]'));
    const edit = (await service.rename(document, position, 'docker')) as WorkspaceEdit;
    const uri = `${SITE_ROOT}/_posts/2024-01-01-a.md`;
    const fixed = TextDocument.applyEdits(
      TextDocument.create(uri, 'markdown', 1, files['_posts/2024-01-01-a.md']),
      edit.changes![uri],
    );
    assert.match(fixed, /^tags: \[docker, ci\]$/m);
  });

  it('refuses an empty name, and elsewhere than a tag or title says where it works', async () => {
    const { service, document, position } = await open(blog(DOCKER_BLOG), NEW, post('tags: [dock‸er]'));
    assert.deepEqual(await service.rename(document, position, '  '), { message: 'A tag needs a name' });
    const elsewhere = await open(blog(DOCKER_BLOG), NEW, post('tags: [docker]\nlay‸out: post'));
    const refused = await elsewhere.service.prepareRename(elsewhere.document, elsewhere.position);
    assert.ok('message' in refused && /tags or categories/.test(refused.message));
  });
});

describe('the hover of a tag', () => {
  it('says how many articles use it, its other spellings, and that F2 renames it', async () => {
    const { service, document, position } = await open(blog(DOCKER_BLOG), NEW, post('tags: [Dock‸er]'));
    const hover = (await service.hover(document, position)) as Hover;
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /The tag `Docker` is used by 1 article of the site; rename it everywhere with F2/);
    assert.match(value, /also spelt `docker` \(3\)/);
  });
});

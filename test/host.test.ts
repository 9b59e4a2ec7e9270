// The host layer in plain Node, over in-memory sites: which files are articles, where a site's
// root is, one service per site, settings, and file changes told to the services.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ARTICLE_SEARCH_GLOBS,
  findArticleFiles,
  isFoundArticle,
  isWalkedArticle,
  parentFolder,
  parseSettings,
  parseSeverity,
  readsFile,
  siteFileChanged,
  SiteRoots,
  SiteServices,
  type CancellationToken,
} from '../src/host/index';
import type { ArticleService, ArticleServiceOptions, ArticleSettings } from '../src/service/index';
import { memoryWorkspace } from './helpers';

describe('which files a walk takes', () => {
  it('Markdown files in any case, in folders Jekyll does not skip', () => {
    for (const path of ['a.md', '_news/b.markdown', 'sub/c.MD', 'sub/a_b#c~.md'])
      assert.equal(isWalkedArticle(path), true, path);
    for (const path of [
      'notes.txt',
      // Names Jekyll's entry filter leaves out of every site and collection.
      '.draft.md',
      '_posts/#2024-01-01-set-aside.md',
      '_posts/~2024-01-01-copy.md',
      'docs/_sidebar.md',
      '#notes/a.md',
      'old~/a.md',
      'a.md.bak',
      'node_modules/x.md',
      'vendor/bundle/x.md',
      '_site/x.md',
      // Jekyll's data: the provider catalogue's records are not pages.
      '_data/organizations/x.md',
      '.git/x.md',
      '.jekyll-cache/x.md',
      'sub/.hidden/x.md',
    ])
      assert.equal(isWalkedArticle(path), false, path);
  });

  it('search globs built from the same lists, case-blind like the walk', () => {
    assert.deepEqual(ARTICLE_SEARCH_GLOBS, {
      include: '**/*.{[mM][dD],[mM][aA][rR][kK][dD][oO][wW][nN]}',
      exclude: '{**/node_modules/**,**/vendor/**,**/_site/**,**/_data/**,**/.*/**}',
    });
  });

  it('a file found by a search is judged below its innermost workspace folder', () => {
    const folders = ['file:///work/.sites/blog', 'file:///work/.sites/blog/vendor/docs'];
    // The dot-folder above the workspace folder does not count; the nested folder is walked on its own.
    assert.equal(isFoundArticle('file:///work/.sites/blog/_news/a.md', folders), true);
    assert.equal(isFoundArticle('file:///work/.sites/blog/vendor/docs/a.md', folders), true);
    assert.equal(isFoundArticle('file:///work/.sites/blog/vendor/other/a.md', folders), false);
    assert.equal(isFoundArticle('file:///elsewhere/a.md', folders), false);
    assert.equal(isFoundArticle('file:///work/.sites/blog/my%20news/a%20b.md', folders), true);
  });

  it('findArticleFiles walks an in-memory site, sorted, and stops when cancelled', async () => {
    const site = memoryWorkspace({
      '_news/b.md': '',
      '_news/a.markdown': '',
      '_site/a.md': '',
      'vendor/a.md': '',
      '.jekyll-cache/a.md': '',
      'notes.txt': '',
      'index.md': '',
    });
    assert.deepEqual(await findArticleFiles(site.root, site), [
      'file:///site/_news/a.markdown',
      'file:///site/_news/b.md',
      'file:///site/index.md',
    ]);
    const token: CancellationToken = { isCancellationRequested: true };
    assert.deepEqual(await findArticleFiles(site.root, site, token), []);
  });
});

/** A file probe over a set of URIs, counting the questions asked. */
function probe(files: string[]) {
  const asked: string[] = [];
  return {
    asked,
    exists: async (uri: string) => {
      asked.push(uri);
      return files.includes(uri);
    },
  };
}

describe('site roots', () => {
  it('parentFolder climbs to the top folder of any scheme', () => {
    assert.equal(parentFolder('file:///a/b/c.md'), 'file:///a/b');
    assert.equal(parentFolder('file:///a'), 'file:///');
    assert.equal(parentFolder('file:///'), undefined);
    assert.equal(parentFolder('vscode-vfs://github/o/r/x.md'), 'vscode-vfs://github/o/r');
    assert.equal(parentFolder('untitled:Untitled-1'), undefined);
  });

  it('the nearest folder holding _config.yml, each folder asked once', async () => {
    const files = probe(['file:///w/site/_config.yml', 'file:///w/site/inner/_config.yml']);
    const roots = new SiteRoots(files);
    assert.equal(await roots.find('file:///w/site/_news/2024'), 'file:///w/site');
    assert.equal(await roots.find('file:///w/site/_news'), 'file:///w/site');
    assert.equal(await roots.find('file:///w/site/inner/x'), 'file:///w/site/inner');
    assert.equal(await roots.find('file:///w/other'), undefined);
    assert.equal(new Set(files.asked).size, files.asked.length, 'no folder asked twice');
  });

  it('siteOf falls back as the adapter says; forget sees a new _config.yml', async () => {
    const present = ['file:///w/site/_config.yml'];
    const roots = new SiteRoots(probe(present));
    assert.equal(await roots.siteOf('file:///w/loose/a.md', 'file:///w'), 'file:///w');
    assert.equal(await roots.siteOf('file:///w/loose/a.txt'), undefined);
    present.push('file:///w/loose/_config.yml');
    assert.equal(await roots.siteOf('file:///w/loose/a.txt'), undefined, 'remembered');
    roots.forget('file:///w/loose');
    assert.equal(await roots.siteOf('file:///w/loose/a.txt'), 'file:///w/loose');
    assert.equal(await roots.holdsConfig('file:///w/site'), true);
  });
});

/** A stand-in service that records what it is told. */
function recordingServices() {
  const made: Array<{ root: string; settings?: Partial<ArticleSettings>; log: string[] }> = [];
  const services = new SiteServices({
    createWorkspace: (root) => memoryWorkspace({}, root),
    createArticleService(options: ArticleServiceOptions): ArticleService {
      const log: string[] = [];
      made.push({ root: options.workspace.root, settings: options.settings, log });
      const unused = () => {
        throw new Error('not used here');
      };
      return {
        ready: Promise.resolve(),
        validate: unused,
        complete: unused,
        hover: unused,
        links: unused,
        symbols: unused,
        foldingRanges: unused,
        codeActions: unused,
        fixAll: unused,
        newArticle: unused,
        configure: (settings) => log.push(`configure ${JSON.stringify(settings)}`),
        invalidateSite: (uri) => log.push(`invalidate ${uri ?? 'all'}`),
        forget: (uri) => log.push(`forget ${uri}`),
        indexSite: unused,
        indexFile: unused,
        onDidChangeIndex: unused,
        codeLenses: unused,
        definition: unused,
        references: unused,
        prepareRename: unused,
        rename: unused,
        workspaceSymbols: unused,
      };
    },
  });
  return { services, made };
}

describe('one service per site', () => {
  it('made on first need, configured only when the settings change', () => {
    const { services, made } = recordingServices();
    const settings = { rules: { 'unknown-topic': 'off' as const } };
    const first = services.serviceAt('file:///a', settings);
    assert.equal(services.serviceAt('file:///a', settings), first);
    assert.equal(services.serviceAt('file:///a', { rules: { 'unknown-topic': 'off' } }), first);
    services.serviceAt('file:///a', { rules: {} });
    services.serviceAt('file:///b', settings);
    assert.deepEqual(
      made.map(({ root, settings, log }) => ({ root, settings, log })),
      [
        { root: 'file:///a', settings, log: ['configure {"rules":{}}'] },
        { root: 'file:///b', settings, log: [] },
      ],
    );
    services.dispose();
    assert.notEqual(services.serviceAt('file:///a', settings), first);
    assert.equal(made.length, 3);
  });

  it('invalidate reaches the sites holding the file, or held by a deleted folder; forget reaches all', () => {
    const { services, made } = recordingServices();
    services.serviceAt('file:///w/a', {});
    services.serviceAt('file:///w/b', {});
    assert.equal(services.invalidate('file:///w/a/_data/topics/x.yaml'), true);
    assert.equal(services.invalidate('file:///w'), true);
    assert.equal(services.invalidate('file:///elsewhere/x.json'), false);
    services.forget('file:///w/a/x.md');
    assert.deepEqual(made[0].log, [
      'invalidate file:///w/a/_data/topics/x.yaml',
      'invalidate all',
      'forget file:///w/a/x.md',
    ]);
    assert.deepEqual(made[1].log, ['invalidate all', 'forget file:///w/a/x.md']);
  });
});

describe('settings', () => {
  it('severity words, with info short for information', () => {
    assert.deepEqual(
      ['error', 'warning', 'information', 'info', 'hint', 'off', 'fatal', 'Error'].map(parseSeverity),
      ['error', 'warning', 'information', 'information', 'hint', 'off', undefined, undefined],
    );
  });

  it('keeps the usable values and says why each other one was dropped', () => {
    const parsed = parseSettings({
      enable: 'yes',
      rules: { 'unknown-topic': 'info', 'url-has-spaces': 'loud' },
      schemas: [{ fileMatch: '_news/*.md', url: ' s.json ' }, { url: 'x.json' }, 'bare.json'],
      topicsFolder: './taxonomy/topics/',
      organizationsFolder: '../outside',
    });
    assert.deepEqual(parsed.settings, {
      rules: { 'unknown-topic': 'information' },
      schemas: [{ fileMatch: ['_news/*.md'], url: 's.json' }],
      topicsFolder: 'taxonomy/topics',
    });
    assert.equal(parsed.enable, undefined);
    assert.deepEqual(
      parsed.problems.map(({ key }) => key),
      ['enable', 'rules.url-has-spaces', 'schemas[1]', 'schemas[2]', 'organizationsFolder'],
    );
    assert.match(
      parsed.problems[1].message,
      /severity must be one of error, warning, information, hint, off/,
    );
  });

  it('leaves out what is not given; untrusted, schemas are not read', () => {
    assert.deepEqual(parseSettings({}), { settings: {}, problems: [] });
    const untrusted = parseSettings(
      { enable: false, schemas: [{ fileMatch: ['*'], url: 'a.json' }] },
      { trusted: false },
    );
    assert.deepEqual(untrusted, { enable: false, settings: {}, problems: [] });
  });

  it('names an unknown rule, with the closest known one', () => {
    const { problems } = parseSettings(
      { rules: { 'unknown-topik': 'off' } },
      {
        ruleCodes: ['unknown-topic'],
        suggestCode: (code, known) => known.find((name) => name.length === code.length),
      },
    );
    assert.deepEqual(problems, [
      { key: 'rules.unknown-topik', message: "unknown rule 'unknown-topik' (did you mean 'unknown-topic'?)" },
    ]);
  });
});

describe('file changes', () => {
  it('a site reads its data folders, its schemas, and what holds them', () => {
    const settings = {
      topicsFolder: 'taxonomy/topics',
      schemas: [{ fileMatch: ['*'], url: 'schemas/a.json' }],
    };
    for (const path of [
      '_data/topics/x.yaml',
      '_learning/videos/v.md',
      'taxonomy/topics/t.yaml',
      'schemas/a.json',
      'taxonomy',
      '',
    ])
      assert.equal(readsFile(path, settings), true, path);
    for (const path of ['_news/a.md', 'schemas/b.json', 'taxonomy-old/x.yaml'])
      assert.equal(readsFile(path, settings), false, path);
  });

  it('a _config.yml makes the roots look again; a named schema reaches every site; an article nothing', async () => {
    const present: string[] = [];
    const roots = new SiteRoots(probe(present));
    const { services, made } = recordingServices();
    services.serviceAt('file:///w/site', {});
    services.serviceAt('file:///w/other', {});
    const sites = { roots, services, schemaUris: ['file:///home/me/post.json'] };
    assert.equal(await roots.find('file:///w/site/_news'), undefined);
    present.push('file:///w/site/_config.yml');
    assert.equal(siteFileChanged('file:///w/site/_config.yml', sites), true);
    assert.equal(await roots.find('file:///w/site/_news'), 'file:///w/site');
    assert.equal(siteFileChanged('file:///home/me/post.json', sites), true);
    assert.equal(siteFileChanged('file:///w/site/_news/a.md', sites), false);
    assert.equal(siteFileChanged('file:///w/site/_data/topics/x.yaml', sites), true);
    assert.deepEqual(made[0].log, [
      'invalidate file:///w/site/_config.yml',
      'invalidate file:///home/me/post.json',
      'invalidate file:///w/site/_data/topics/x.yaml',
    ]);
    assert.deepEqual(made[1].log, ['invalidate file:///home/me/post.json']);
  });
});

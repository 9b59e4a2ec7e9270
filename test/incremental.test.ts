import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createNodeWorkspace, fileUri } from '../src/node/nodeWorkspace';
import { createArticleService } from '../src/service/index';
import { ArticleCache } from '../src/service/yaml/articleDocument';
import { DEFAULT_SETTINGS } from '../src/service/defaults';
import { createArticleContext } from '../src/service/context';
import { computeDiagnostics } from '../src/service/features/diagnostics';
import { BUILT_IN_RULES } from '../src/service/rules/registry';
import { SchemaCatalog } from '../src/service/schema/catalog';
import { PLAIN_SITE } from '../src/service/site/siteShape';
import { SiteArticleIndex } from '../src/service/site/articleIndex';
import { SiteTaxonomy } from '../src/service/site/taxonomy';
import {
  GOOD_ARTICLE,
  markedDocument,
  memoryWorkspace,
  seededRandom,
  SITE_ROOT,
  SMALL_SITE,
} from './helpers';

const CORPUS = process.env.ARTICLE_CORPUS ?? path.resolve(__dirname, '../../shared/corpus');
const SEED = Number(process.env.EDIT_SEED ?? 7);

/** Edits a writer makes: typing a character, deleting some, pasting a line, breaking or fixing structure. */
function edit(text: string, next: () => number): string {
  const at = Math.floor(next() * text.length);
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)];
  switch (Math.floor(next() * 7)) {
    case 0:
      return text.slice(0, at) + pick(['a', 'Z', '1', ' ', '"', ':', '-', '#', '\n', "'"]) + text.slice(at);
    case 1:
      return text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 3));
    case 2: {
      const start = text.lastIndexOf('\n', at) + 1;
      const end = text.indexOf('\n', at);
      const line = text.slice(start, end < 0 ? text.length : end + 1);
      return text.slice(0, start) + line + text.slice(start);
    }
    case 3: {
      const start = text.lastIndexOf('\n', at) + 1;
      const end = text.indexOf('\n', at);
      return text.slice(0, start) + text.slice(end < 0 ? text.length : end + 1);
    }
    case 4:
      return (
        text.slice(0, at) +
        pick(['  - Azure\n', 'quality: 5\n', '    title: "x"\n', 'topics: [a, b]\n']) +
        text.slice(at)
      );
    case 5:
      return text.replace('quality: ', pick(['quality: x', 'quality: 1', 'qualty: ']));
    default:
      return text.slice(0, at) + text.slice(at);
  }
}

function articles(folder: string, count: number): string[] {
  const names = readdirSync(folder)
    .filter((name) => name.endsWith('.md'))
    .sort();
  return names.slice(0, count).map((name) => path.join(folder, name));
}

describe(
  're-validating an edited article gives what a full validation gives',
  { skip: !existsSync(CORPUS) && 'no corpus' },
  () => {
    for (const [site, folder, files, edits] of [
      ['azure-large', '_news', 3, 40],
      ['powerapps', '_news', 6, 30],
      ['powerapps', '_learning/collections', 3, 30],
    ] as const) {
      it(`${site}/${folder}: ${files} articles, ${edits} successive random edits each (seed ${SEED})`, async () => {
        const root = path.join(CORPUS, site);
        const incremental = createArticleService({ workspace: createNodeWorkspace(root) });
        const next = seededRandom(SEED);
        for (const file of articles(path.join(root, folder), files)) {
          let text = readFileSync(file, 'utf8');
          const uri = fileUri(file);
          for (let version = 1; version <= edits; version++) {
            text = edit(text, next);
            const document = TextDocument.create(uri, 'markdown', version, text);
            const fresh = createArticleService({ workspace: createNodeWorkspace(root) });
            const expected = await fresh.validate(TextDocument.create(uri, 'markdown', 1, text));
            assert.deepEqual(
              await incremental.validate(document),
              expected,
              `${file} after edit ${version} (seed ${SEED})`,
            );
          }
        }
      });
    }
  },
);

describe('a new article is checked from its values, its nodes read only for what is reported', () => {
  const check = async (text: string) => {
    const workspace = memoryWorkspace(SMALL_SITE);
    const logger = { error: (message: string) => assert.fail(message) };
    const article = new ArticleCache().get(
      markedDocument(text).document,
      DEFAULT_SETTINGS.maxFrontMatterLength,
    );
    const context = await createArticleContext(article, {
      site: new SiteTaxonomy(workspace, DEFAULT_SETTINGS, logger),
      shape: { ...PLAIN_SITE, hasTaxonomy: true },
      articles: new SiteArticleIndex(workspace, () => DEFAULT_SETTINGS.maxFrontMatterLength),
      schemas: new SchemaCatalog(workspace, []),
      settings: DEFAULT_SETTINGS,
      rules: new Map(BUILT_IN_RULES.map((rule) => [rule.code, rule])),
      logger,
      relativePath: '_news/2024-03-01-test.md',
    });
    const diagnostics = await computeDiagnostics(context);
    // The fast reader's memory exists once the nodes have been read.
    return { codes: diagnostics.map((item) => item.code), nodesRead: article.memory !== undefined };
  };

  it('an edited article has its nodes read at once, so that the next edit reuses them', () => {
    const cache = new ArticleCache();
    const uri = `${SITE_ROOT}/_news/2024-03-01-test.md`;
    const max = DEFAULT_SETTINGS.maxFrontMatterLength;
    const first = cache.get(TextDocument.create(uri, 'markdown', 1, GOOD_ARTICLE), max);
    assert.equal(first.memory, undefined);
    const edited = GOOD_ARTICLE.replace('heat: 12', 'heat: 13');
    const second = cache.get(TextDocument.create(uri, 'markdown', 2, edited), max);
    assert.ok(second.memory, 'nodes read for the second version');
    // Only values read with the nodes are kept from one version to the next: rules remember
    // what they found in those, and nothing in values read once.
    assert.equal(first.valuesKept, false);
    assert.equal(second.valuesKept, true);
    const third = cache.get(
      TextDocument.create(uri, 'markdown', 3, edited.replace('heat: 13', 'heat: 14')),
      max,
    );
    const valuesOf = (article: typeof second) =>
      (article.data() as { ok: true; value: { provider: object } }).value;
    assert.equal(
      valuesOf(third).provider,
      valuesOf(second).provider,
      'an unchanged field is the same object',
    );
  });

  it('a clean article: no nodes read', async () => {
    assert.deepEqual(await check(GOOD_ARTICLE), { codes: [], nodesRead: false });
  });

  for (const [mistake, from, to, code] of [
    ['a value the schema refuses', 'quality: 80', 'quality: high', 'wrong-type'],
    ['an unknown topic', '  - Cloud', '  - Clowd', 'unknown-topic'],
    [
      'an unquoted yes',
      'excerpt: "Contoso\'s cloud now has a region in the north."',
      'excerpt: yes',
      'jekyll-boolean',
    ],
    [
      'a URL with a space',
      'webUrl: https://www.contoso.com/news/new-region',
      'webUrl: https://www.contoso.com/news/new region',
      'url-has-spaces',
    ],
  ] as const) {
    it(`${mistake}: nodes read, for the range`, async () => {
      assert.ok(GOOD_ARTICLE.includes(from));
      const result = await check(GOOD_ARTICLE.replace(from, to));
      assert.ok(result.codes.includes(code), `${code} in ${result.codes.join(', ')}`);
      assert.equal(result.nodesRead, true);
    });
  }

  it('quoted "yes" and a quoted URL-like text with spaces are no mistakes, though their values are looked at', async () => {
    const text = GOOD_ARTICLE.replace(
      'heat: 12',
      'heat: 12\nsummary: "yes"\nnote: "https://example.com/a b"',
    );
    const result = await check(text);
    assert.ok(!result.codes.includes('jekyll-boolean') && !result.codes.includes('url-has-spaces'));
  });
});

describe('a request still working on an older version while the writer types on', () => {
  it('answers for its own version, though the next version moved the nodes the two share', async () => {
    const uri = `${SITE_ROOT}/_news/2024-03-01-test.md`;
    const service = createArticleService({ workspace: memoryWorkspace(SMALL_SITE) });
    await service.validate(TextDocument.create(uri, 'markdown', 1, GOOD_ARTICLE));
    // The second version is an edit: its nodes are read, and the third reuses them, moved down.
    const second = GOOD_ARTICLE.replace('heat: 12', 'heat: 13').replace('  - Cloud', '  - Clowd');
    const third = second.replace('category: news\n', 'category: news\nextra1: a\nextra2: b\n');
    const v2 = TextDocument.create(uri, 'markdown', 2, second);
    await service.validate(v2);
    const fresh = createArticleService({ workspace: memoryWorkspace(SMALL_SITE) });
    const freshV2 = TextDocument.create(uri, 'markdown', 1, second);
    // Each request waits for the site's files before reading the nodes; the third version comes meanwhile.
    const pending = [service.symbols(v2), service.foldingRanges(v2), service.links(v2), service.validate(v2)];
    await service.validate(TextDocument.create(uri, 'markdown', 3, third));
    assert.deepEqual(await Promise.all(pending), [
      await fresh.symbols(freshV2),
      await fresh.foldingRanges(freshV2),
      await fresh.links(freshV2),
      await fresh.validate(freshV2),
    ]);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readJekyllConfig, isExcludedByJekyll } from '../src/service/site/jekyllConfig';
import { defaultsFor, documentTypeOf } from '../src/service/site/jekyllDefaults';
import { isJekyllDate } from '../src/service/rules/site/jekyllDate';
import { brief, diagnose, rangeText } from './helpers';

/** A plain Jekyll blog: no taxonomy, posts, a `docs` collection below `collections_dir`. */
const BLOG_CONFIG = `title: A blog
collections_dir: content
collections:
  docs:
    output: true
    permalink: /docs/:path/
post_settings: &post_settings
  layout: post
  author: Jane
defaults:
  - scope:
      path: ""
      type: posts
    values:
      <<: *post_settings
      comments: true
  - scope:
      path: "_posts/2024"
      type: posts
    values:
      layout: yearly
  - scope:
      path: ""
      type: docs
    values:
      layout: doc
  - scope:
      path: "assets/*/pages"
    values:
      sitemap: false
exclude:
  - drafts-old
  - "*.tmp.md"
`;

const BLOG: Record<string, string> = { '_config.yml': BLOG_CONFIG };

const POST = `---
layout: post
title: Hello
date: 2024-01-01 10:00:00 +0100
categories: [news, updates]
tags:
  - jekyll
---
Hello.
`;

describe('_config.yml is read as Jekyll reads it', () => {
  const config = readJekyllConfig(BLOG_CONFIG);

  it('reads collections, collections_dir, exclude and defaults with merge keys', () => {
    assert.deepEqual([...config.collections.keys()], ['posts', 'docs']);
    assert.equal(config.collectionsDir, 'content');
    assert.deepEqual(config.exclude, ['drafts-old', '*.tmp.md']);
    assert.deepEqual(config.defaults[0].values, { layout: 'post', author: 'Jane', comments: true });
    assert.deepEqual(readJekyllConfig('collections: [docs, recipes]\n').collections.has('recipes'), true);
  });

  it('gives each file its type: collection, posts, pages', () => {
    assert.equal(documentTypeOf('content/_posts/2024-01-01-hello.md', config), 'posts');
    assert.equal(documentTypeOf('content/_docs/install.md', config), 'docs');
    assert.equal(documentTypeOf('about.md', config), 'pages');
    assert.equal(documentTypeOf('_includes/x.md', config), undefined);
  });

  it('merges matching scopes, the more specific winning', () => {
    const values = (path: string) =>
      Object.fromEntries([...defaultsFor(path, config)].map(([key, { value }]) => [key, value]));
    assert.deepEqual(values('content/_posts/2023-05-01-old.md'), {
      layout: 'post',
      author: 'Jane',
      comments: true,
    });
    assert.deepEqual(values('content/_posts/2024/2024-01-01-hello.md'), {
      layout: 'yearly',
      author: 'Jane',
      comments: true,
    });
    assert.deepEqual(values('content/_docs/install.md'), { layout: 'doc' });
    assert.deepEqual(values('assets/en/pages/a.md'), { sitemap: false });
    assert.deepEqual(values('assets/en/other/a.md'), {});
    assert.equal(defaultsFor('content/_posts/2024/x.md', config).get('layout')?.scope.path, '_posts/2024');
  });

  it('a broken _config.yml is read as an empty one, with its problem', () => {
    const broken = readJekyllConfig('defaults:\n  - scope: [\n');
    assert.equal(broken.defaults.length, 0);
    assert.ok(broken.problems.length > 0);
  });

  it('leaves out what exclude names, as Jekyll does', () => {
    assert.ok(isExcludedByJekyll('drafts-old/a.md', config.exclude));
    assert.ok(isExcludedByJekyll('notes/x.tmp.md', config.exclude));
    assert.ok(!isExcludedByJekyll('content/_posts/a.md', config.exclude));
  });

  it('reads dates as Jekyll does', () => {
    for (const good of ['2024-01-01', '2024-01-01 10:00', '2024-01-01T10:00:00Z', '2024-1-5 10:00:00 +0100'])
      assert.ok(isJekyllDate(good), good);
    for (const bad of [
      'yesterday',
      '2024-13-01',
      '2024-04-00',
      '2024-01-01 25:00',
      '2024-01-01 10:60',
      '2024',
      '2024-07',
    ])
      assert.ok(!isJekyllDate(bad), bad);
  });

  // Ruby's Time.parse, which Jekyll reads a date with, takes zone names, other separators,
  // month names, am/pm; and a day past the month's end rolls over (Feb 30 is March 1st).
  it('takes every date Ruby reads, zone names and month names included', () => {
    for (const good of [
      '2021-11-03 18:30:00 UTC',
      '2019-7-2 09:15 PST',
      '2020-02-10 07:00:00 +0100 CET',
      '2022/05/17',
      '2022.05.17',
      '20220517',
      '17/05/2022',
      'May 17, 2022',
      '17 May 2022',
      'Tue, 17 May 2022 08:00:00 GMT',
      '2022-05-17 8:00 pm',
      '2022-05-17 10:00:00.250 +0000',
      '2024-02-30',
      '2024-01-01 24:00',
    ])
      assert.ok(isJekyllDate(good), good);
  });
});

describe('a plain Jekyll blog gets only what is true of every Jekyll site', () => {
  const files = BLOG;

  it('a correct post has nothing to report, nor a page, nor a collection document', async () => {
    for (const path of ['content/_posts/2024-01-01-hello.md', 'about.md', 'content/_docs/install.md']) {
      const { diagnostics } = await diagnose(POST, { path, files });
      assert.deepEqual(diagnostics.map(brief), [], path);
    }
  });

  it('a post dated in UTC, or with a month name, builds: no jekyll-date', async () => {
    for (const [date, day] of [
      ['2021-11-03 18:30:00 UTC', '2021-11-03'],
      ['"May 17, 2022"', '2022-05-17'],
      ['20220517', '2022-05-17'],
    ]) {
      const post = `---\nlayout: post\ntitle: Hello\ndate: ${date}\n---\n`;
      // The file name's day is the date's: a name that disagrees gets `date-mismatch`.
      const { diagnostics } = await diagnose(post, { path: `content/_posts/${day}-hello.md`, files });
      assert.deepEqual(diagnostics.map(brief), [], date);
    }
  });

  // `comments: no` on a blog means false (Jekyll reads it so); quoting it would make the text
  // "no", which Liquid takes as true. Where no schema says which is meant, `false` is offered
  // as a guess, and fix-all leaves the line alone.
  it('yes/no in a field no schema declares: the boolean offered, never made by fix-all', async () => {
    const text = '---\nlayout: post\ntitle: Hello\ncomments: ⟦no⟧\n---\n';
    const path = 'content/_posts/2024-01-01-hello.md';
    const { diagnostics, ranges, document, service } = await diagnose(text, { path, files });
    assert.deepEqual(diagnostics.map(brief), [
      {
        code: 'jekyll-boolean',
        range: rangeText(ranges[0]),
        message:
          '`comments: no` is false to Jekyll but the text "no" to other YAML tools \u2014 write `false` if that is meant, or put it in quotes to keep the word',
      },
    ]);
    assert.deepEqual(diagnostics[0].data, { replacement: 'false', guess: true });
    assert.deepEqual(await service.fixAll(document), []);
  });

  it('a post in _posts is no news article, even without _config.yml', async () => {
    const { diagnostics } = await diagnose(POST, { path: '_posts/2024-01-01-hello.md', files: {} });
    assert.deepEqual(diagnostics.map(brief), []);
  });

  it('reports the slips Jekyll trips on: a repeated key, yes/no, a bad date', async () => {
    const { diagnostics, ranges } = await diagnose(
      `---
layout: post
title: Hello
⟦title⟧: Hello again
published: ⟦yes⟧
date: ⟦yesterday⟧
---
`,
      { path: 'content/_posts/2024-01-01-hello.md', files },
    );
    assert.deepEqual(
      diagnostics.map((item) => [String(item.code), rangeText(item.range)]),
      [
        ['duplicate-key', rangeText(ranges[0])],
        ['jekyll-boolean', rangeText(ranges[1])],
        ['jekyll-date', rangeText(ranges[2])],
      ],
    );
  });

  it('a _news folder is news only on a site of that shape', async () => {
    const article = '---\ntitle: Hello\n---\n';
    const plain = await diagnose(article, { path: '_news/a.md', files: {} });
    assert.deepEqual(plain.diagnostics.map(brief), []);
    const declared = await diagnose(article, {
      path: '_news/a.md',
      files: { '_config.yml': 'collections: [news]\n' },
    });
    assert.ok(declared.diagnostics.some((item) => item.code === 'missing-field'));
  });
});

describe('a broken _config.yml', () => {
  const files = { '_config.yml': 'defaults:\n  - scope: { path: "" \n    values: { layout: post }\n' };

  it('gets its own diagnostic, where the YAML breaks', async () => {
    const { diagnostics } = await diagnose(files['_config.yml'], { path: '_config.yml', files });
    assert.ok(diagnostics.length > 0);
    assert.ok(diagnostics.every((item) => item.code === 'yaml-syntax' && /_config\.yml/.test(item.message)));
  });

  it('leaves the articles checked as if it were empty', async () => {
    const { diagnostics } = await diagnose(POST, { path: '_posts/2024-01-01-hello.md', files });
    assert.deepEqual(diagnostics.map(brief), []);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { inferSchema, readJekyllConfig, type InferenceSample } from '../src/service/index';
import { schemaToYaml } from '../src/service/schema/inference';
import { planContentKinds } from '../src/service/site/contentKinds';
import { parseArgs, UsageError } from '../src/cli/args';
import { runCli, type JsonFinding } from './cliHelpers';
import { writeSite } from './siteHelpers';

const sample = (
  path: string,
  own: Record<string, unknown>,
  defaulted?: Record<string, unknown>,
): InferenceSample => ({
  path,
  own,
  defaulted,
});

/** The inferred schema accepts every sample it was inferred from (ajv, as the checker compiles it). */
function assertAcceptsAll(schema: object, samples: readonly InferenceSample[]): void {
  const validate = new Ajv({ strict: false, allErrors: true, allowUnionTypes: true }).compile(schema);
  for (const { path, own, defaulted } of samples)
    assert.ok(validate({ ...defaulted, ...own }), `${path}: ${JSON.stringify(validate.errors)}`);
}

describe('inferring a schema from the files of one kind', () => {
  const posts = Array.from({ length: 12 }, (_, i) =>
    sample(`_posts/2024-01-${String(i + 1).padStart(2, '0')}-post.md`, {
      title: `Post ${i + 1}`,
      layout: i % 4 === 0 ? 'feature' : 'post',
      date: `2024-01-${String(i + 1).padStart(2, '0')} 09:30:00 +0100`,
      published_on: `2024-01-${String(i + 1).padStart(2, '0')}`,
      canonical: `https://example.com/posts/${i + 1}/`,
      reading_time: i + 3,
      rating: i === 3 ? 4.5 : 4,
      draft: i === 0,
      tags: i === 5 ? 'jekyll' : ['jekyll', `topic-${i}`],
      author: { name: 'Ada', twitter: i % 2 === 0 ? '@ada' : undefined },
      ...(i === 7 ? { auther: 'Ada' } : {}),
    }),
  ).map((item) => ({ ...item, own: JSON.parse(JSON.stringify(item.own)) as Record<string, unknown> }));

  it('types each key from its values: text, whole number, number, true/false, date, date-time, address, list, group', () => {
    const { schema } = inferSchema(posts, 'posts');
    const properties = schema.properties as Record<string, Record<string, unknown>>;
    assert.deepEqual(properties.title, { type: 'string' });
    assert.deepEqual(properties.date, { type: 'string', format: 'date-time' });
    assert.deepEqual(properties.published_on, { type: 'string', format: 'date' });
    assert.deepEqual(properties.canonical, { type: 'string', format: 'uri' });
    assert.deepEqual(properties.reading_time, { type: 'integer' });
    assert.deepEqual(properties.rating, { type: 'number' });
    assert.deepEqual(properties.draft, { type: 'boolean' });
    // Text in one file, a list in the others: both accepted.
    assert.deepEqual(properties.tags, { type: ['string', 'array'], items: { type: 'string' } });
    assert.deepEqual(properties.author, {
      type: 'object',
      properties: { name: { type: 'string' }, twitter: { type: 'string' } },
      required: ['name'],
    });
    assert.equal(schema.additionalProperties, false);
    assertAcceptsAll(schema, posts);
  });

  it('requires the keys every file has, and lists the values of a key with few values repeated', () => {
    const { schema } = inferSchema(posts, 'posts');
    const properties = schema.properties as Record<string, Record<string, unknown>>;
    assert.deepEqual(
      new Set(schema.required as string[]),
      new Set([
        'title',
        'layout',
        'date',
        'published_on',
        'canonical',
        'reading_time',
        'rating',
        'draft',
        'tags',
        'author',
      ]),
    );
    assert.deepEqual(properties.layout, { type: 'string', enum: ['post', 'feature'] });
    // Twelve different titles are no list of values.
    assert.equal(properties.title.enum, undefined);
  });

  it('a lower threshold requires keys most files have, as warnings for the files without them', () => {
    const some = [
      ...Array.from({ length: 9 }, (_, i) => sample(`_docs/${i}.md`, { title: `T${i}`, nav_order: i })),
      sample('_docs/extra.md', { title: 'Extra' }),
    ];
    assert.deepEqual(inferSchema(some, 'docs').schema.required, ['title']);
    const lowered = inferSchema(some, 'docs', { requiredThreshold: 0.9 }).schema;
    assert.deepEqual(lowered.required, ['title', 'nav_order']);
    assert.equal(
      (lowered.properties as Record<string, Record<string, unknown>>).nav_order['x-severity'],
      'warning',
    );
  });

  it('reports the drift: the majority type and the outliers, and a key so rare it is likely a typo', () => {
    const { drift } = inferSchema(posts, 'posts');
    const tags = drift.find((finding) => finding.kind === 'type' && finding.key === 'tags');
    assert.deepEqual(tags, {
      kind: 'type',
      key: 'tags',
      majority: { type: 'list', files: 11 },
      outliers: [{ type: 'text', files: ['_posts/2024-01-06-post.md'] }],
    });
    const typo = drift.find((finding) => finding.key === 'auther');
    assert.deepEqual(typo, {
      kind: 'rare-key',
      key: 'auther',
      files: ['_posts/2024-01-08-post.md'],
      of: 12,
      suggestion: 'author',
    });
    // Whole numbers and fractions are all numbers: no drift for `rating`.
    assert.equal(
      drift.find((finding) => finding.key === 'rating'),
      undefined,
    );
  });

  it('a key `_config.yml` gives by default counts as present, without an enum of its one value', () => {
    const files = Array.from({ length: 8 }, (_, i) =>
      sample(`_posts/${i}.md`, { title: `P${i}` }, { layout: 'post' }),
    );
    const { schema } = inferSchema(files, 'posts');
    assert.deepEqual(schema.required, ['title', 'layout']);
    assert.deepEqual((schema.properties as Record<string, unknown>).layout, { type: 'string' });
  });

  it('a file whose YAML cannot be read says nothing of what is required', () => {
    const files = [
      ...Array.from({ length: 4 }, (_, i) => sample(`_posts/${i}.md`, { title: `P${i}`, tags: ['a'] })),
      { ...sample('_posts/broken.md', { title: 'Broken' }), misread: true },
    ];
    const { schema } = inferSchema(files, 'posts');
    assert.deepEqual(schema.required, ['title', 'tags']);
    // The broken file lacks `tags` only as the check reads it: the check says nothing of it there.
    assertAcceptsAll(schema, files.slice(0, 4));
  });

  it('writes YAML that reads back as the schema, whatever the keys and values', () => {
    const tricky = Array.from({ length: 9 }, (_, i) =>
      sample(`p/${i}.md`, {
        mode: ['yes', 'no', 'null'][i % 3],
        version: ['1.10', '01234', '#1'][i % 3],
        'a: b': i,
        empty: null,
      }),
    ).map((item) => ({ ...item, own: JSON.parse(JSON.stringify(item.own)) as Record<string, unknown> }));
    const { schema } = inferSchema(tricky, 'tricky: "kind"');
    const text = schemaToYaml(schema, ['a header', '', 'with # and: colons']);
    assert.deepEqual(parse(text), JSON.parse(JSON.stringify(schema)));
    assert.deepEqual((schema.properties as Record<string, Record<string, unknown>>).mode.enum, [
      'yes',
      'no',
      'null',
    ]);
    assertAcceptsAll(schema, tricky);
  });
});

describe('the kinds of content of a site', () => {
  const config = readJekyllConfig('collections:\n  docs:\n    output: true\n');
  it('posts and drafts, each collection, and the pages; Jekyll’s own folders are none', () => {
    const kinds = planContentKinds(
      [
        sample('_posts/2024-01-01-a.md', {}),
        sample('_drafts/b.md', {}),
        sample('_docs/intro.md', {}),
        sample('index.md', {}),
        sample('guide/setup.md', {}),
        sample('_data/organizations/x.md', {}),
      ],
      config,
    );
    assert.deepEqual(
      kinds.map(({ name, fileMatch }) => [name, fileMatch]),
      [
        ['posts', ['**/_posts/**', '**/_drafts/**']],
        ['docs', ['_docs/**']],
        ['pages', ['guide/**', 'index.md']],
      ],
    );
  });

  it('a subfolder whose files have a shape of their own is a kind of its own; sections alike are not', () => {
    const videos = Array.from({ length: 6 }, (_, i) =>
      sample(`_learning/videos/v${i}.md`, {
        title: 't',
        type: 'video',
        publishedDateTime: 'x',
        originalUrl: 'u',
        featured: true,
      }),
    );
    const courses = Array.from({ length: 6 }, (_, i) =>
      sample(`_learning/courses/c${i}.md`, {
        title: 't',
        type: 'course',
        price: 'Free',
        levels: [],
        ratings: {},
      }),
    );
    assert.deepEqual(
      planContentKinds([...videos, ...courses], config).map(({ name, fileMatch }) => [name, fileMatch]),
      [
        ['learning-courses', ['_learning/courses/**']],
        ['learning-videos', ['_learning/videos/**']],
        ['learning', ['_learning/**']],
      ],
    );
    const sections = ['start', 'reference'].flatMap((section) =>
      Array.from({ length: 6 }, (_, i) =>
        sample(`_docs/${section}/${i}.md`, { title: 't', nav_order: i, parent: section }),
      ),
    );
    assert.deepEqual(
      planContentKinds(sections, config).map(({ name }) => name),
      ['docs'],
    );
  });
});

/** A documentation site of the usual shape, written as such sites are. */
const DOCS_SITE: Record<string, string> = {
  '_config.yml': [
    'title: Orbit',
    'description: Orbit, a job scheduler',
    'baseurl: /orbit',
    'collections:',
    '  docs:',
    '    output: true',
    '    permalink: /docs/:path/',
    'defaults:',
    '  - scope: { path: "", type: docs }',
    '    values: { layout: doc, toc: true }',
    '  - scope: { path: "", type: posts }',
    '    values: { layout: post, comments: true }',
    'exclude: [vendor, Gemfile, old-site]',
    '',
  ].join('\n'),
  'index.md': '---\nlayout: home\ntitle: Orbit\npermalink: /\n---\nWelcome.\n',
  'about.md': '---\nlayout: page\ntitle: About Orbit\npermalink: /about/\n---\nWho we are.\n',
  '404.md': '---\nlayout: default\npermalink: /404.html\nsitemap: false\n---\nNot found.\n',
  'blog/index.md': '---\nlayout: page\ntitle: Blog\npagination:\n  enabled: true\n  per_page: 10\n---\n',
  '_docs/index.md':
    '---\ntitle: Documentation\nnav_order: 1\nhas_children: true\ndescription: Everything about Orbit.\n---\n',
  '_docs/getting-started/installation.md':
    '---\ntitle: Installation\nnav_order: 2\nparent: Getting started\ndescription: Install Orbit with Homebrew, apt or Docker.\nlast_modified_at: 2024-02-01\nredirect_from: /install/\n---\n',
  '_docs/getting-started/first-job.md':
    '---\ntitle: Your first job\nnav_order: 3\nparent: Getting started\nlast_modified_at: 2024-02-11\nredirect_from:\n  - /first-job/\n  - /tutorial/\n---\n',
  '_docs/configuration.md':
    '---\ntitle: "Configuration: the orbit.yml file"\nnav_order: 4\nversion: 1.2\ntoc: false\n---\n',
  '_docs/reference/cli.md':
    '---\ntitle: Command line\nnav_order: 5\nparent: Reference\nversion: "2.0-beta"\nlast_modified_at: 2024-03-05\n---\n',
  '_docs/reference/api.md':
    '---\ntitle: HTTP API\nnav_order: 6\nparent: Reference\ndescription: The REST API.\nlast_modified_at: 2024-03-09\nversion: 2\n---\n',
  '_docs/reference/faq.md':
    '---\ntitle: Questions\nnav_order: 7\nparent: Reference\nnav_exclude: true\n---\n',
  '_posts/2024-01-10-orbit-1-0.md':
    '---\ntitle: Orbit 1.0\ndate: 2024-01-10 10:00:00 +0100\nauthor: maria\ncategories: [release]\ntags: [announcement, release]\nimage: https://orbit.example/img/1-0.png\n---\n',
  '_posts/2024-03-05-orbit-1-1.md':
    '---\ntitle: Orbit 1.1 is out\ndate: 2024-03-05 09:00:00 +0100\nauthor: maria\ncategories: release\ntags: security\n---\n',
  '_posts/2024-04-02-scheduling-tips.md':
    '---\ntitle: Five scheduling tips\nauthor: jon\ncategories: [guides]\ntags: [cron, tips]\ncomments: false\nexcerpt: Cron syntax, time zones and retries.\n---\n',
  '_drafts/orbit-2-0.md': '---\ntitle: Orbit 2.0 (draft)\nauthor: maria\ncategories: [release]\n---\n',
  'old-site/legacy.md': '---\nlegacy_key: only here\ntitle: 42\n---\n',
  '_data/navigation.yml': '- title: Docs\n  url: /docs/\n',
};

/** The findings of `check --root --format json` on a site. */
async function checkSite(root: string): Promise<{ code: number; findings: JsonFinding[] }> {
  const result = await runCli(['check', root, '--root', root, '--format', 'json'], root);
  return {
    code: result.code,
    findings: (JSON.parse(result.stdout) as { diagnostics: JsonFinding[] }).diagnostics,
  };
}

describe('article-frontmatter init', () => {
  it('on a docs site it never saw: init, then check finds no error; a page stripped of its title gets missing-field', async (t) => {
    const root = writeSite(t, DOCS_SITE);
    const init = await runCli(['init', root], root);
    assert.equal(init.code, 0, init.stderr);
    for (const file of ['schemas/docs.schema.yaml', 'schemas/posts.schema.yaml', 'schemas/pages.schema.yaml'])
      assert.ok(existsSync(path.join(root, file)), file);
    const config = parse(readFileSync(path.join(root, '.article-frontmatter.yml'), 'utf8')) as {
      schemas: Array<{ fileMatch: string[]; url: string }>;
    };
    assert.deepEqual(
      config.schemas.map((entry) => entry.url),
      ['schemas/posts.schema.yaml', 'schemas/docs.schema.yaml', 'schemas/pages.schema.yaml'],
    );
    // The drift report: tags and categories written as text in one post, a list in the others.
    assert.match(
      init.stdout,
      /posts: `tags` is list in 2 files, but text in 1 \(_posts\/2024-03-05-orbit-1-1\.md\)/,
    );
    assert.match(init.stdout, /docs: `version` is number in 2 files, but text in 1/);

    const docs = parse(readFileSync(path.join(root, 'schemas/docs.schema.yaml'), 'utf8')) as {
      required: string[];
      properties: Record<string, Record<string, unknown>>;
    };
    assert.ok(docs.required.includes('title') && docs.required.includes('nav_order'));
    assert.deepEqual(docs.properties.version.type, ['string', 'number']);
    assert.deepEqual(docs.properties.redirect_from.type, ['string', 'array']);
    assert.equal(docs.properties.last_modified_at.format, 'date');
    // What `exclude:` leaves out was not read.
    assert.ok(!readFileSync(path.join(root, 'schemas/pages.schema.yaml'), 'utf8').includes('legacy_key'));

    const after = await checkSite(root);
    assert.deepEqual(
      after.findings.filter((finding) => finding.severity === 'error'),
      [],
    );
    assert.equal(after.code, 0);

    const page = path.join(root, '_docs/reference/cli.md');
    writeFileSync(page, readFileSync(page, 'utf8').replace(/^title: .*\n/m, ''));
    const api = path.join(root, '_docs/reference/api.md');
    writeFileSync(api, readFileSync(api, 'utf8').replace('nav_order: 6', 'nav_order: sixth'));
    const broken = await checkSite(root);
    assert.equal(broken.code, 1);
    const errors = broken.findings
      .filter((finding) => finding.severity === 'error')
      .map((finding) => [path.basename(finding.file), finding.code]);
    assert.deepEqual(errors.sort(), [
      ['api.md', 'wrong-type'],
      ['cli.md', 'missing-field'],
    ]);
  });

  it('never replaces a schema or the team configuration without --force, and says so', async (t) => {
    const root = writeSite(t, DOCS_SITE);
    assert.equal((await runCli(['init', root], root)).code, 0);
    const schema = path.join(root, 'schemas/posts.schema.yaml');
    writeFileSync(schema, '# edited by the maintainer\ntype: object\n');
    const again = await runCli(['init', root], root);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /'schemas\/posts\.schema\.yaml' exists: not replaced \(use --force/);
    assert.match(again.stderr, /nothing written/);
    assert.equal(readFileSync(schema, 'utf8'), '# edited by the maintainer\ntype: object\n');

    const forced = await runCli(['init', root, '--force'], root);
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(readFileSync(schema, 'utf8'), /title: posts/);
  });

  it('with --force keeps the rules and comments of an existing team configuration, replacing its schemas', async (t) => {
    const root = writeSite(t, {
      ...DOCS_SITE,
      '.article-frontmatter.yml':
        '# Ours.\nrules:\n  unknown-field: off\nschemas:\n  - fileMatch: ["_posts/**"]\n    url: old.yaml\n',
    });
    const refused = await runCli(['init', root], root);
    // The schemas are new: written; the configuration is kept, with the entries to add.
    assert.equal(refused.code, 0);
    assert.match(refused.stderr, /map them in '\.article-frontmatter\.yml'/);
    assert.match(readFileSync(path.join(root, '.article-frontmatter.yml'), 'utf8'), /old\.yaml/);
    assert.equal((await runCli(['init', root, '--force'], root)).code, 0);
    const text = readFileSync(path.join(root, '.article-frontmatter.yml'), 'utf8');
    assert.match(text, /# Ours\./);
    assert.match(text, /unknown-field: off/);
    assert.ok(!text.includes('old.yaml'));
    assert.match(text, /url: schemas\/docs\.schema\.yaml/);
  });

  it('on the sample blog: only the blog’s deliberate YAML slips remain errors after init', async (t) => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'af-init-blog-'));
    t.after(() => rmSync(root, { recursive: true, force: true }));
    cpSync(path.resolve(__dirname, '..', 'sample-blog'), root, { recursive: true });
    const init = await runCli(['init', root, '--force'], root);
    assert.equal(init.code, 0, init.stderr);
    const { findings } = await checkSite(root);
    // A duplicate key and an unclosed `[`: YAML no schema can make readable.
    assert.deepEqual(
      findings
        .filter((finding) => finding.severity === 'error')
        .map((finding) => finding.code)
        .sort(),
      ['duplicate-key', 'yaml-syntax'],
    );
  });

  it('says what is wrong with its command line', () => {
    assert.deepEqual(parseArgs(['init']), { kind: 'init', options: { force: false } });
    assert.deepEqual(parseArgs(['init', 'site', '--force', '--required-threshold', '90%']), {
      kind: 'init',
      options: { site: 'site', force: true, requiredThreshold: 0.9 },
    });
    assert.throws(() => parseArgs(['init', '--required-threshold=2']), UsageError);
    assert.throws(() => parseArgs(['init', '--format', 'json']), /init: unknown option '--format'/);
    assert.throws(() => parseArgs(['init', 'a', 'b']), /one site folder/);
  });

  it('a folder without articles: nothing to infer, exit 1', async (t) => {
    const root = writeSite(t, { '_config.yml': 'title: x\n', 'notes.txt': 'hello\n' });
    const result = await runCli(['init', root], root);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /no article with front matter/);
  });
});

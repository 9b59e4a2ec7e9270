// The silent YAML traps (issue 18, part 3): YAML that reads without an error, but not as the
// writer wrote it. Each test is a short file of a plain Jekyll blog, the mistake marked ⟦…⟧,
// what the writer is told, and the file once the quick fix is made.
import path from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { brief, markedDocument, rangeText, serviceFor, SITE_ROOT } from './helpers';
import { runCli, SAMPLE_SITE } from './cliHelpers';
import { startInProcess } from './serverClient';
import { fileUri } from '../src/node/nodeWorkspace';
import { writeSite } from './siteHelpers';
import { rubyFloat } from '../src/service/rules/syntax/numberLostDigits';
import type { ArticleService } from '../src/service/types';

/** A plain Jekyll blog with one collection, `projects`. */
const BLOG: Record<string, string> = {
  '_config.yml': 'title: Workshop notes\ncollections:\n  projects:\n    output: true\n',
};
const POST = '_posts/2024-03-01-a-post.md';

/** The diagnostics of one code in a marked file of the blog, and the service that found them. */
async function check(
  marked: string,
  code: string,
  options: { path?: string; files?: Record<string, string>; rules?: Record<string, 'warning' | 'off'> } = {},
): Promise<{ found: Diagnostic[]; ranges: string[]; document: TextDocument; service: ArticleService }> {
  const { document, ranges } = markedDocument(marked, options.path ?? POST);
  const service = serviceFor(options.files ?? BLOG, options.rules ? { rules: options.rules } : undefined);
  const diagnostics = await service.validate(document);
  return {
    found: diagnostics.filter((item) => item.code === code),
    ranges: ranges.map(rangeText),
    document,
    service,
  };
}

/** The file once the first fix of a diagnostic is made, with that fix. */
async function fixed(
  service: ArticleService,
  document: TextDocument,
  item: Diagnostic,
): Promise<{ text: string; action: CodeAction }> {
  const actions = await service.codeActions(document, item.range, [item]);
  const action = actions.find((candidate) => !candidate.title.startsWith('Ignore'));
  assert.ok(action, `no fix for ${item.code}`);
  return { text: TextDocument.applyEdits(document, action.edit!.changes![document.uri]), action };
}

const isSafe = (action: CodeAction) => (action.data as { safety?: string } | undefined)?.safety === 'safe';

/** The value YAML reads for `key` in the front matter of a file. */
function valueOf(text: string, key: string): unknown {
  const yaml = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)![1];
  return (parseDocument(yaml).toJS() as Record<string, unknown>)[key];
}

describe('comment-in-value: a ` #` in an unquoted value starts a comment', () => {
  it('`title: Learn C# in 5 days #1` is read as "Learn C# in 5 days": the lost `#1` is underlined, quoting keeps it', async () => {
    const { found, ranges, document, service } = await check(
      '---\ntitle: Learn C# in 5 days ⟦#1⟧\n---\nBody\n',
      'comment-in-value',
    );
    assert.deepEqual(found.map(brief), [
      {
        code: 'comment-in-value',
        range: ranges[0],
        message:
          'YAML reads `title` as "Learn C# in 5 days": `#1` after it starts a comment and is lost \u2014 put the whole value in quotes',
      },
    ]);
    assert.equal(found[0].severity, DiagnosticSeverity.Warning);
    const { text, action } = await fixed(service, document, found[0]);
    assert.equal(action.title, 'Put the whole value in quotes');
    assert.ok(isSafe(action));
    assert.equal(text, '---\ntitle: "Learn C# in 5 days #1"\n---\nBody\n');
    assert.equal(valueOf(text, 'title'), 'Learn C# in 5 days #1');
    assert.deepEqual((await check(text, 'comment-in-value')).found, []);
  });

  it('hashtags in an excerpt: everything from the first ` #` on is lost, and underlined', async () => {
    const { found, ranges } = await check(
      '---\ntitle: Notes\nexcerpt: Why I moved to ⟦#jekyll and #ruby this year⟧\n---\n',
      'comment-in-value',
    );
    assert.deepEqual(
      found.map((item) => rangeText(item.range)),
      ranges,
    );
  });

  it('a colour is not a comment: `color: #fff` leaves the field empty', async () => {
    const { found, ranges, document, service } = await check(
      '---\ntitle: Notes\ncolor: ⟦#fff⟧\n---\n',
      'comment-in-value',
    );
    assert.deepEqual(found.map(brief), [
      {
        code: 'comment-in-value',
        range: ranges[0],
        message:
          'YAML reads `color` as empty: `#fff` starts a comment \u2014 put the value in quotes to keep it',
      },
    ]);
    assert.equal((await fixed(service, document, found[0])).text, '---\ntitle: Notes\ncolor: "#fff"\n---\n');
  });

  it('a numbered entry of a list after several words (`- Part two #2`)', async () => {
    const { found, ranges } = await check(
      '---\ntitle: Series\nparts:\n  - Part one ⟦#1⟧\n  - Part two ⟦#2⟧\n---\n',
      'comment-in-value',
    );
    assert.deepEqual(
      found.map((item) => rangeText(item.range)),
      ranges,
    );
    assert.match(found[1].message, /^YAML reads this entry as "Part two"/);
  });

  it('quotes that need no escaping: single quotes around a value with `"`, doubled `\'` when it has both', async () => {
    const { found, document, service } = await check(
      '---\ntitle: The "best" clamp #1\nexcerpt: It\'s "good" #2\n---\n',
      'comment-in-value',
    );
    assert.equal(found.length, 2);
    const first = (await fixed(service, document, found[0])).text;
    assert.equal(valueOf(first, 'title'), 'The "best" clamp #1');
    assert.match(first, /^title: 'The "best" clamp #1'$/m);
    const second = (await fixed(service, document, found[1])).text;
    assert.equal(valueOf(second, 'excerpt'), 'It\'s "good" #2');
  });

  it('fix-all quotes it', async () => {
    const document = TextDocument.create(
      `${SITE_ROOT}/${POST}`,
      'markdown',
      1,
      '---\ntitle: Top tips #3\n---\n',
    );
    const edits = await serviceFor(BLOG).fixAll(document);
    assert.equal(TextDocument.applyEdits(document, edits), '---\ntitle: "Top tips #3"\n---\n');
  });

  it('a real comment after a value is YAML as meant: never reported', async () => {
    const { found } = await check(
      [
        '---',
        'layout: post # the default',
        'published: true  # draft',
        'comments: false #off for now',
        'layout_note: post #default',
        'permalink: /blog/old/ #moved',
        'image: /img/cover.jpg #1200x630',
        'title: Hello # working title',
        'subtitle: A first post #TODO rename',
        'date: 2024-03-01 10:00 #utc',
        'author: Ada Lindqvist #editor',
        'weight: 3 #3',
        'tags: [glue, clamps] #2',
        'quoted: "C# #1"',
        'sketch: # optional',
        'excerpt: >',
        '  Folded text #1 is text',
        '---',
        '',
      ].join('\n'),
      'comment-in-value',
    );
    assert.deepEqual(found.map(brief), []);
  });
});

describe('number-lost-digits: a value YAML reads as a number shown otherwise than written', () => {
  it('`version: 1.10` is the number 1.1: quoting keeps "1.10"', async () => {
    const { found, ranges, document, service } = await check(
      '---\ntitle: Plans\nversion: ⟦1.10⟧\n---\n',
      'number-lost-digits',
    );
    assert.deepEqual(found.map(brief), [
      {
        code: 'number-lost-digits',
        range: ranges[0],
        message: '`version: 1.10` is read as the number 1.1 \u2014 put it in quotes to keep "1.10"',
      },
    ]);
    const { text, action } = await fixed(service, document, found[0]);
    assert.equal(action.title, 'Put "1.10" in quotes');
    assert.ok(isSafe(action));
    assert.equal(valueOf(text, 'version'), '1.10');
    assert.deepEqual((await check(text, 'number-lost-digits')).found, []);
  });

  it('a zip code with a leading zero: octal to Jekyll (YAML 1.1), 1234 to YAML 1.2 tools', async () => {
    const { found, ranges } = await check(
      '---\ntitle: Visit\nzip: ⟦01234⟧\npostcode: ⟦08540⟧\n---\n',
      'number-lost-digits',
    );
    assert.deepEqual(
      found.map((item) => [rangeText(item.range), item.message]),
      [
        [
          ranges[0],
          '`zip: 01234` is read as the octal number 668 by Jekyll (YAML 1.1) and the number 1234 by other YAML tools \u2014 put it in quotes to keep "01234"',
        ],
        [
          ranges[1],
          '`postcode: 08540` is read as the number 8540 by YAML tools, without its leading zero \u2014 put it in quotes to keep "08540"',
        ],
      ],
    );
  });

  it('shown as Jekyll shows it: `2.0` stays "2.0" (silent), `2.00` and too many digits do not', async () => {
    const { found, ranges } = await check(
      '---\ntitle: T\nratio: 2.0\nwidth: ⟦2.00⟧\npi: ⟦3.14159265358979323846⟧\nsizes: [⟦1.50⟧, 2]\n---\n',
      'number-lost-digits',
    );
    assert.deepEqual(
      found.map((item) => rangeText(item.range)),
      ranges,
    );
    assert.match(found[0].message, /the number 2\.0 /);
    assert.match(found[1].message, /the number 3\.141592653589793 /);
  });

  it('numbers written as YAML shows them are never reported', async () => {
    const { found } = await check(
      '---\ntitle: T\nquality: 102\nheat: -1\naverage: 4.6666665\nhalf: .5\nzero: 0\nprice: 9.99\ndate: 2024-03-01\ntime: 2024-03-01T22:08:00Z\nversion: "1.10"\nrelease: 1.10.2\nnote: version 1.10 is out\nlng: -74.0060\nlocation:\n  coordinates: [40.7130, -74.0060]\n---\n',
      'number-lost-digits',
    );
    assert.deepEqual(found.map(brief), []);
  });

  it('where the schema says the field is a number, the number is meant: silent; where it says text, this says why (not wrong-type)', async () => {
    const files = {
      ...BLOG,
      '.article-frontmatter.yml':
        'schemas:\n  - fileMatch: ["_posts/**/*.md"]\n    url: schemas/post.schema.yaml\n',
      'schemas/post.schema.yaml':
        'type: object\nproperties:\n  title: { type: string }\n  rating: { type: number }\n  version: { type: string }\n',
    };
    const document = TextDocument.create(
      `${SITE_ROOT}/${POST}`,
      'markdown',
      1,
      '---\ntitle: T\nrating: 4.50\nversion: 1.10\n---\n',
    );
    const diagnostics = await serviceFor(files).validate(document);
    assert.deepEqual(
      diagnostics.map((item) => [item.code, item.range.start.line]),
      [['number-lost-digits', 3]],
    );
  });

  it('Ruby prints floats with a point and a two-digit exponent', () => {
    assert.equal(rubyFloat(1.1), '1.1');
    assert.equal(rubyFloat(2), '2.0');
    assert.equal(rubyFloat(0.00001), '1.0e-05');
    assert.equal(rubyFloat(Number('12345678901234567')), '1.2345678901234568e+16');
  });
});

describe('frontmatter-ignored: Jekyll reads front matter only on the very first line', () => {
  it('a blank line before `---`: the block is ignored (the service used to see no front matter at all); the fix removes the line', async () => {
    const { found, document, service } = await check(
      '\n---\ntitle: A post\nlayout: post\n---\nBody\n',
      'frontmatter-ignored',
    );
    assert.deepEqual(found.map(brief), [
      {
        code: 'frontmatter-ignored',
        range: '0:0-1:0',
        message:
          'Jekyll reads front matter only when `---` is the very first line of the file: with a blank line before it, the whole block is ignored and shown as text \u2014 remove what comes before `---`',
      },
    ]);
    const { text, action } = await fixed(service, document, found[0]);
    assert.equal(action.title, 'Remove what comes before `---`');
    assert.ok(isSafe(action));
    assert.equal(text, '---\ntitle: A post\nlayout: post\n---\nBody\n');
  });

  it('spaces before `---`, blank lines, CRLF: said and fixed by fix-all', async () => {
    for (const [text, words] of [
      ['  ---\ntitle: A\n---\n', 'spaces'],
      ['\r\n \r\n---\r\ntitle: A\r\n---\r\n', 'blank lines'],
      ['\u200b---\ntitle: A\n---\n', 'an invisible character'],
    ] as const) {
      const { found, document, service } = await check(text, 'frontmatter-ignored');
      assert.equal(found.length, 1, JSON.stringify(text));
      assert.match(found[0].message, new RegExp(`with ${words} before it`));
      const edits = await service.fixAll(document);
      assert.match(TextDocument.applyEdits(document, edits), /^---\r?\ntitle: A\r?\n---\r?\n$/);
    }
  });

  it('a stray character before `---` is reported, its removal offered but not made by fix-all', async () => {
    const { found, document, service } = await check('x---\ntitle: A\n---\n', 'frontmatter-ignored');
    assert.deepEqual(
      found.map((item) => [rangeText(item.range), item.message.includes('with `x` before it')]),
      [['0:0-0:1', true]],
    );
    const { text, action } = await fixed(service, document, found[0]);
    assert.equal(text, '---\ntitle: A\n---\n');
    assert.ok(!isSafe(action));
  });

  it('Markdown with `---` rules is not front matter: nothing is said', async () => {
    for (const text of [
      '# Title\n\n---\n\ntitle: A\n---\n',
      '\n---\n\nJust a paragraph between two rules.\n\n---\n',
      '\n---\ntitle: A\n',
      'Some text---\ntitle: A\n---\n',
      '\n----\ntitle: A\n----\n',
      '\n---\n- a list\n---\n',
    ]) {
      const { found } = await check(text, 'frontmatter-ignored');
      assert.deepEqual(found, [], JSON.stringify(text));
    }
  });

  it('a byte order mark alone is read past, as by Jekyll for posts: no problem', async () => {
    const { found } = await check('\ufeff---\ntitle: A\n---\n', 'frontmatter-ignored');
    assert.deepEqual(found, []);
  });
});

describe('missing-frontmatter: a collection’s Markdown file without front matter is copied unrendered', () => {
  it('`_projects/bookshelf.md` without front matter: a hint on its first line, and an empty front matter offered', async () => {
    const { found, document, service } = await check('# A bookshelf\n\nPine, 2 m.\n', 'missing-frontmatter', {
      path: '_projects/bookshelf.md',
    });
    assert.deepEqual(found.map(brief), [
      {
        code: 'missing-frontmatter',
        range: '0:0-0:13',
        message:
          'This file has no front matter, so Jekyll copies it as it is instead of rendering it as a document of the `projects` collection \u2014 start it with a `---` line and another `---` line (an empty front matter is enough)',
      },
    ]);
    assert.equal(found[0].severity, DiagnosticSeverity.Hint);
    const { text, action } = await fixed(service, document, found[0]);
    assert.equal(text, '---\n---\n# A bookshelf\n\nPine, 2 m.\n');
    assert.ok(!isSafe(action), 'whether the file is meant as a page is the writer’s call');
  });

  it('its severity is a setting like any other', async () => {
    const louder = await check('Text\n', 'missing-frontmatter', {
      path: '_projects/a.md',
      rules: { 'missing-frontmatter': 'warning' },
    });
    assert.equal(louder.found[0]?.severity, DiagnosticSeverity.Warning);
    const off = await check('Text\n', 'missing-frontmatter', {
      path: '_projects/a.md',
      rules: { 'missing-frontmatter': 'off' },
    });
    assert.deepEqual(off.found, []);
  });

  it('not said where Jekyll renders or is meant to copy the file: posts, drafts, pages, a README, folders that are no collection', async () => {
    for (const path of [
      '_posts/2024-03-01-no-front-matter.md',
      '_drafts/an-idea.md',
      'about.md',
      'docs/guide.md',
      '_projects/README.md',
      '_notes/a.md',
      '_projects/diagram.txt',
    ]) {
      const { found } = await check('# Text\n', 'missing-frontmatter', { path });
      assert.deepEqual(found, [], path);
    }
  });

  it('collections below `collections_dir` are found there', async () => {
    const files = { '_config.yml': 'collections_dir: content\ncollections: [projects]\n' };
    const inside = await check('Text\n', 'missing-frontmatter', { path: 'content/_projects/a.md', files });
    assert.equal(inside.found.length, 1);
    const outside = await check('Text\n', 'missing-frontmatter', { path: '_projects/a.md', files });
    assert.deepEqual(outside.found, []);
  });

  it('the command line reports it, and frontmatter-ignored, on files it used to pass over', async (t) => {
    const root = writeSite(t, {
      ...BLOG,
      '_projects/bookshelf.md': '# A bookshelf\n',
      '_posts/2024-03-01-spaced.md': '\n---\ntitle: Spaced\n---\nBody\n',
      'README.md': '# The blog\n',
    });
    const result = await runCli(['check', root, '--root', root, '--format', 'json'], root);
    const report = JSON.parse(result.stdout) as {
      diagnostics: Array<{ file: string; line: number; code: string }>;
    };
    assert.deepEqual(
      report.diagnostics
        .map((item) => [item.file.split(/[\\/]/).slice(-2).join('/'), item.line, item.code])
        .sort(),
      [
        ['_posts/2024-03-01-spaced.md', 1, 'frontmatter-ignored'],
        ['_projects/bookshelf.md', 1, 'missing-frontmatter'],
      ],
    );
  });
});

describe('the language server shares them', () => {
  it('pushes frontmatter-ignored for a file whose front matter follows a blank line, and offers its fix', async () => {
    const client = startInProcess();
    await client.request('initialize', {
      processId: null,
      rootUri: null,
      capabilities: {},
      workspaceFolders: [{ uri: fileUri(SAMPLE_SITE), name: 'sample-site' }],
    });
    client.notify('initialized', {});
    const uri = fileUri(path.join(SAMPLE_SITE, '_news/2024-05-01-spaced.md'));
    client.notify('textDocument/didOpen', {
      textDocument: { uri, languageId: 'markdown', version: 1, text: '\n---\ntitle: Spaced\n---\nBody\n' },
    });
    const { params } = await client.waitFor(
      (message) => message.method === 'textDocument/publishDiagnostics' && message.params.uri === uri,
    );
    const ignored = params.diagnostics.filter((item: Diagnostic) => item.code === 'frontmatter-ignored');
    assert.equal(ignored.length, 1);
    const answer = await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: ignored[0].range,
      context: { diagnostics: ignored },
    });
    assert.ok(
      answer.result.some((action: CodeAction) => action.title === 'Remove what comes before `---`'),
      JSON.stringify(answer.result),
    );
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { brief, diagnose, GOOD_ARTICLE, rangeText } from './helpers';

/** The good article with one line replaced. */
function withLine(find: string, replace: string): string {
  assert.ok(GOOD_ARTICLE.includes(find), find);
  return GOOD_ARTICLE.replace(find, replace);
}

describe('schema problems are reported on the exact node, in words a writer understands', () => {
  it('the good article has no problem at all', async () => {
    assert.deepEqual((await diagnose(GOOD_ARTICLE)).diagnostics.map(brief), []);
  });

  it('a wrong value is marked on the value', async () => {
    const { diagnostics, ranges } = await diagnose(withLine('quality: 80', 'quality: ⟦high⟧'));
    assert.deepEqual(diagnostics.map(brief), [
      {
        code: 'wrong-type',
        range: rangeText(ranges[0]),
        message: '`quality` must be a whole number, got `high`',
      },
    ]);
  });

  it('a number written as text offers the number', async () => {
    const { diagnostics } = await diagnose(withLine('quality: 80', 'quality: "80"'));
    assert.equal(diagnostics[0].code, 'wrong-type');
    assert.deepEqual(diagnostics[0].data, { replacement: '80' });
  });

  it('an unknown key is marked on the key, with the close name', async () => {
    const { diagnostics, ranges } = await diagnose(withLine('heat: 12', 'heat: 12\n⟦auther⟧: Jane Doe'));
    assert.deepEqual(diagnostics.map(brief), [
      {
        code: 'unknown-field',
        range: rangeText(ranges[0]),
        message: 'Unknown field `auther` \u2014 did you mean `author`?',
      },
    ]);
  });

  it('a missing top-level field is marked on the opening ---', async () => {
    const { diagnostics } = await diagnose(withLine('title: "Contoso opens a new region"\n', ''));
    assert.deepEqual(diagnostics.map(brief), [
      { code: 'missing-field', range: '0:0-0:3', message: 'Missing required field `title`' },
    ]);
  });

  it('a missing nested field is marked on its parent key', async () => {
    const { diagnostics, ranges } = await diagnose(withLine('provider:\n  name: Contoso\n', '⟦provider⟧:\n'));
    assert.deepEqual(diagnostics.map(brief), [
      {
        code: 'missing-field',
        range: rangeText(ranges[0]),
        message: 'Missing required field `name` in `provider`',
      },
    ]);
  });

  it('a value outside the allowed ones names them and the closest', async () => {
    const { diagnostics, ranges } = await diagnose(withLine('type: article', 'type: ⟦artcle⟧'));
    assert.deepEqual(diagnostics.map(brief), [
      {
        code: 'invalid-value',
        range: rangeText(ranges[0]),
        message: '`type` must be one of `article`, `video`, got `artcle` \u2014 did you mean `article`?',
      },
    ]);
  });

  it('a date that is not a date says what it should look like', async () => {
    const { diagnostics, ranges } = await diagnose(
      withLine('publishedDateTime: 2024-03-01T09:30:00Z', 'publishedDateTime: ⟦March 1st⟧'),
    );
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].code, 'invalid-format');
    assert.equal(rangeText(diagnostics[0].range), rangeText(ranges[0]));
    assert.match(
      diagnostics[0].message,
      /^`publishedDateTime` must look like `2021-04-01T22:08:00Z`, got `March 1st`$/,
    );
  });

  it('a problem inside a related entry names the entry', async () => {
    const related = `related:
  - title: "Other news"
    webUrl: https://www.contoso.com/news/other
    type: article
    quality: ⟦lots⟧
    provider:
      name: Contoso
      domain: contoso.com
`;
    const { diagnostics, ranges } = await diagnose(withLine('images:\n', related + 'images:\n'));
    assert.deepEqual(diagnostics.map(brief), [
      {
        code: 'wrong-type',
        range: rangeText(ranges[0]),
        message: '`related[0].quality` must be a whole number, got `lots`',
      },
    ]);
  });

  it('an empty value is marked on its key', async () => {
    const { diagnostics, ranges } = await diagnose(withLine('quality: 80', '⟦quality⟧:'));
    assert.deepEqual(diagnostics.map(brief), [
      {
        code: 'wrong-type',
        range: rangeText(ranges[0]),
        message: '`quality` must be a whole number, got nothing',
      },
    ]);
  });

  it('the same problem is reported once', async () => {
    const { diagnostics } = await diagnose(withLine('quality: 80', 'quality: [1, 2]'));
    assert.equal(diagnostics.length, 1);
  });
});

describe('YAML 1.1 (Jekyll) and YAML 1.2 (editors) disagreements', () => {
  it('`published: yes` is a warning with the boolean Jekyll reads, not a type error', async () => {
    const { diagnostics, ranges } = await diagnose(withLine('published: true', 'published: ⟦yes⟧'));
    assert.deepEqual(diagnostics.map(brief), [
      {
        code: 'jekyll-boolean',
        range: rangeText(ranges[0]),
        message:
          '`published: yes` is read as true by Jekyll but as the text "yes" by other YAML tools \u2014 write `true`',
      },
    ]);
    assert.equal(diagnostics[0].severity, 2);
    assert.deepEqual(diagnostics[0].data, { replacement: 'true' });
  });

  it('an unquoted `no` where text is expected warns that Jekyll reads a boolean', async () => {
    const { diagnostics, ranges } = await diagnose(
      withLine('heat: 12', 'heat: 12\nexcerpt: ⟦no⟧').replace(/^excerpt: "Contoso.*\n/m, ''),
    );
    assert.deepEqual(diagnostics.map(brief), [
      {
        code: 'jekyll-boolean',
        range: rangeText(ranges[0]),
        message:
          'Jekyll reads an unquoted `no` as false, not as text \u2014 put it in quotes to keep the word',
      },
    ]);
  });

  it('unquoted and quoted timestamps are both accepted', async () => {
    assert.deepEqual(
      (await diagnose(withLine('2024-03-01T09:30:00Z', '"2024-03-01T09:30:00Z"'))).diagnostics,
      [],
    );
    assert.deepEqual(
      (await diagnose(withLine('2024-03-01T09:30:00Z', '2024-03-01 09:30:00 +01:00'))).diagnostics,
      [],
    );
  });
});

describe('every other kind of schema problem', () => {
  it('a number below its minimum', async () => {
    const { diagnostics, ranges } = await diagnose(withLine('heat: 12', 'heat: ⟦-5⟧'));
    assert.deepEqual(diagnostics.map(brief), [
      { code: 'out-of-range', range: rangeText(ranges[0]), message: '`heat` must be at least -1, got `-5`' },
    ]);
  });

  it('an empty title', async () => {
    const { diagnostics, ranges } = await diagnose(
      withLine('title: "Contoso opens a new region"', 'title: ⟦""⟧'),
    );
    assert.deepEqual(diagnostics.map(brief), [
      { code: 'empty-value', range: rangeText(ranges[0]), message: '`title` must not be empty' },
    ]);
  });

  it('a type close to a known one, where no schema applies', async () => {
    const { diagnostics, ranges } = await diagnose('---\ntitle: Notes\ntype: ⟦cours⟧\n---\n', {
      path: 'notes/x.md',
    });
    assert.deepEqual(diagnostics.map(brief), [
      {
        code: 'unknown-type',
        range: rangeText(ranges[0]),
        message: 'Unknown content type `cours` \u2014 did you mean `course`?',
      },
    ]);
  });

  it('a front matter over the size limit is said to be unchecked', async () => {
    const { diagnostics } = await diagnose(`---\ntitle: ${'x'.repeat(200)}\n---\n`, {
      settings: { maxFrontMatterLength: 100 },
    });
    assert.deepEqual(diagnostics.map(brief), [
      {
        code: 'frontmatter-too-large',
        range: '0:0-0:3',
        message: 'The front matter is larger than 100 characters and is not checked',
      },
    ]);
  });

  it('a front matter that is a list, not fields', async () => {
    const { diagnostics } = await diagnose('---\n- a\n- b\n---\n');
    assert.deepEqual(diagnostics.map(brief), [
      {
        code: 'wrong-type',
        range: '1:0-2:3',
        message: 'The front matter must be `field: value` lines, not a single value or a list',
      },
    ]);
  });

  it('the kind is chosen by type and folder: a learning video needs originalUrl', async () => {
    const video = `---
title: Intro
excerpt: A first look
type: video
publishedDateTime: 2024-03-01T09:30:00Z
provider:
  name: Contoso
  domain: contoso.com
topics:
  - Cloud
---
`;
    const { diagnostics } = await diagnose(video, { path: '_learning/videos/intro.md' });
    assert.deepEqual(diagnostics.map(brief), [
      { code: 'missing-field', range: '0:0-0:3', message: 'Missing required field `originalUrl`' },
    ]);
  });
});

describe('empty values', () => {
  it('an empty list entry is marked on its dash', async () => {
    const { diagnostics, ranges } = await diagnose(withLine('  - Cloud', '  - Cloud\n  ⟦-⟧ '));
    assert.deepEqual(diagnostics.map(brief), [
      { code: 'wrong-type', range: rangeText(ranges[0]), message: '`topics[1]` must be text, got nothing' },
    ]);
  });

  it('an empty value with allowed values is reported once, as empty', async () => {
    const { diagnostics, ranges } = await diagnose(withLine('category: news', '⟦category⟧: '));
    assert.deepEqual(diagnostics.map(brief), [
      { code: 'wrong-type', range: rangeText(ranges[0]), message: '`category` must be text, got nothing' },
    ]);
  });
});

describe('at most 100 diagnostics of one kind', () => {
  const withUnknownFields = (count: number) =>
    GOOD_ARTICLE.replace(
      'category: news\n',
      'category: news\n' + Array.from({ length: count }, (_, index) => `oddField${index}: x\n`).join(''),
    );

  it('100 are all shown as they are', async () => {
    const { diagnostics } = await diagnose(withUnknownFields(100));
    const unknown = diagnostics.filter((item) => item.code === 'unknown-field');
    assert.equal(unknown.length, 100);
    assert.ok(unknown.every((item) => !item.message.includes('not shown')));
  });

  it('past 100, the hundredth says how many more there are', async () => {
    const { diagnostics } = await diagnose(withUnknownFields(150));
    const unknown = diagnostics.filter((item) => item.code === 'unknown-field');
    assert.equal(unknown.length, 100);
    assert.match(unknown[99].message, /\(and 51 more like this, not shown\)$/);
    assert.ok(unknown.slice(0, 99).every((item) => !item.message.includes('not shown')));
  });
});

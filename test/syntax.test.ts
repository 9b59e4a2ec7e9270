import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { brief, diagnose, rangeText } from './helpers';

describe('YAML syntax problems are placed where the broken construct begins', () => {
  it('an unclosed [ is marked on its own line', async () => {
    const { diagnostics, ranges } = await diagnose(`---
title: A
topics: ⟦[Cloud, Storage⟧
provider:
  name: Contoso
---
`);
    const syntax = diagnostics.filter((item) => item.code === 'yaml-syntax');
    assert.equal(syntax.length, 1, JSON.stringify(diagnostics.map(brief)));
    assert.deepEqual(brief(syntax[0]), {
      code: 'yaml-syntax',
      range: rangeText(ranges[0]),
      message: 'This `[` list is never closed with `]`',
    });
  });

  it('an unclosed quote is marked where it opens', async () => {
    const { diagnostics, ranges } = await diagnose(`---
title: ⟦"Contoso opens a region⟧
type: article
---
`);
    const syntax = diagnostics.filter((item) => item.code === 'yaml-syntax');
    assert.deepEqual(syntax.map(brief), [
      {
        code: 'yaml-syntax',
        range: rangeText(ranges[0]),
        message: 'This text opens a quote `"` that is never closed',
      },
    ]);
  });

  it('a duplicate key is marked on its second occurrence', async () => {
    const { diagnostics, ranges } = await diagnose(
      `---
title: A
⟦title⟧: B
---
`,
      { path: 'notes/x.md' },
    );
    assert.deepEqual(diagnostics.map(brief), [
      {
        code: 'duplicate-key',
        range: rangeText(ranges[0]),
        message: '`title` is written twice here; Jekyll keeps only the last one',
      },
    ]);
  });

  it('a tab used for indentation', async () => {
    const { diagnostics } = await diagnose('---\nprovider:\n\tname: Contoso\n---\n', { path: 'notes/x.md' });
    const tabs = diagnostics.filter((item) => item.code === 'tab-indentation');
    assert.equal(tabs.length, 1);
    assert.equal(tabs[0].range.start.line, 2);
    assert.equal(tabs[0].range.start.character, 0);
  });

  it('an alias bomb gets one diagnostic, not a blow-up', async () => {
    const lines = ['---', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level <= 10; level++) {
      lines.push(
        `a${level}: &a${level} [${Array(10)
          .fill(`*a${level - 1}`)
          .join(', ')}]`,
      );
    }
    lines.push('---', '');
    const { diagnostics } = await diagnose(lines.join('\n'), { path: 'notes/x.md' });
    assert.deepEqual(
      diagnostics.map((item) => item.code),
      ['too-many-aliases'],
    );
    assert.equal(diagnostics[0].range.start.line, 2);
  });

  it('a front matter that never closes gets one diagnostic on the opening line', async () => {
    const { diagnostics, ranges } = await diagnose('⟦---⟧\ntitle: A\n\nSome body text: here\n');
    assert.deepEqual(diagnostics.map(brief), [
      {
        code: 'frontmatter-unclosed',
        range: rangeText(ranges[0]),
        message:
          'The front matter opens with `---` here but is never closed: add a line with `---` after its last field',
      },
    ]);
  });
});

describe('files that are not articles, or not YAML at all', () => {
  it('a file without front matter gets nothing', async () => {
    const { diagnostics } = await diagnose('# Just Markdown\n\nquality: high\n');
    assert.deepEqual(diagnostics, []);
  });

  it('an empty file gets nothing', async () => {
    assert.deepEqual((await diagnose('')).diagnostics, []);
  });

  it('an empty front matter of a news article misses its required fields', async () => {
    const { diagnostics } = await diagnose('---\n---\n');
    assert.ok(diagnostics.length > 0);
    assert.ok(diagnostics.every((item) => item.code === 'missing-field' && item.range.start.line === 0));
  });

  it('binary junk gets diagnostics, never an exception', async () => {
    const junk =
      '---\n' + String.fromCharCode(...Array.from({ length: 400 }, (_, i) => (i * 7919) % 65536)) + '\n---\n';
    const { diagnostics, document } = await diagnose(junk);
    for (const item of diagnostics) {
      assert.ok(document.offsetAt(item.range.end) <= document.getText().length);
    }
  });

  it('a BOM and CRLF line endings keep positions exact', async () => {
    const { diagnostics, ranges } = await diagnose(
      '\uFEFF---\r\ncategory: news\r\ntitle: ⟦[⟧\r\n---\r\n'.replace('⟦[⟧', '⟦5⟧'),
    );
    const wrong = diagnostics.find((item) => item.code === 'wrong-type');
    assert.ok(wrong, JSON.stringify(diagnostics.map(brief)));
    assert.equal(rangeText(wrong.range), rangeText(ranges[0]));
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDocument } from 'yaml';
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

describe('the commonest YAML mistakes: said in a writer’s words, on the mistake, with the fix when it is knowable', () => {
  // Each: the front matter as written (the mistake marked), the message, the fix's title (`*`
  // when fix-all may make it), the front matter once fixed.
  const cases: Array<[name: string, marked: string, message: string, fix: string, fixed: string]> = [
    [
      'a `: ` inside a plain value',
      'title: ⟦Azure: what is new⟧\ntype: article\n',
      'A value cannot contain `: ` unless it is in quotes',
      '*Put the value in quotes',
      'title: "Azure: what is new"\ntype: article\n',
    ],
    [
      'no space after the colon',
      '⟦title:Azure⟧\ntype: article\n',
      'A `:` needs a space after it to start a value: `title: …`',
      '*Add a space after `title:`',
      'title: Azure\ntype: article\n',
    ],
    [
      'no space after the colon, on the last line',
      'type: article\n⟦title:Azure⟧\n',
      'A `:` needs a space after it to start a value: `title: …`',
      '*Add a space after `title:`',
      'type: article\ntitle: Azure\n',
    ],
    [
      'text after a closing double quote',
      'title: ⟦"Azure" rocks⟧\n',
      'Text follows the closing quote `"` — put the whole value in quotes',
      '*Put the whole value in quotes',
      `title: '"Azure" rocks'\n`,
    ],
    [
      'an apostrophe inside single quotes',
      "title: ⟦'it's here'⟧ # a comment\n",
      "Text follows the closing quote `'` — put the whole value in quotes",
      '*Put the whole value in quotes',
      `title: "it's here" # a comment\n`,
    ],
    [
      'a value starting with @',
      'title: ⟦@home and away⟧\n',
      'A value cannot start with `@` unless it is in quotes',
      '*Put the value in quotes',
      'title: "@home and away"\n',
    ],
    [
      'text after a closing quote, then a comment holding quotes',
      'title: ⟦"Azure" rocks⟧ # it\'s "great"\n',
      'Text follows the closing quote `"` — put the whole value in quotes',
      '*Put the whole value in quotes',
      `title: '"Azure" rocks' # it's "great"\n`,
    ],
    [
      'quoted words inside a value that opens and ends with a quote',
      'title: ⟦"Contoso" and "Fabrikam" open a "region"⟧\n',
      'Text follows the closing quote `"` — put the whole value in quotes',
      '*Put the whole value in quotes',
      `title: '"Contoso" and "Fabrikam" open a "region"'\n`,
    ],
    [
      'a quoted key, then text after a closing quote',
      '"title": ⟦"Azure" rocks⟧\n',
      'Text follows the closing quote `"` — put the whole value in quotes',
      '*Put the whole value in quotes',
      `"title": '"Azure" rocks'\n`,
    ],
    [
      'a `: ` inside a value, then a tab and a comment',
      'title: ⟦Azure: new⟧\t# draft title\n',
      'A value cannot contain `: ` unless it is in quotes',
      '*Put the value in quotes',
      'title: "Azure: new"\t# draft title\n',
    ],
    [
      'a line indented too far',
      'title: T\n⟦  excerpt: E⟧\ntype: article\n',
      'This line is indented further than `title`, so YAML reads it as part of that value — indent it like the field above',
      'Indent it like `title`',
      'title: T\nexcerpt: E\ntype: article\n',
    ],
    [
      'a tab for indentation',
      'provider:\n⟦\t⟧name: Contoso\n  domain: contoso.com\n',
      'Indent with spaces: YAML does not allow tabs for indentation',
      'Indent with spaces',
      'provider:\n  name: Contoso\n  domain: contoso.com\n',
    ],
  ];
  for (const [name, marked, message, fix, fixed] of cases) {
    it(name, async () => {
      const { document, diagnostics, ranges, service } = await diagnose(`---\n${marked}---\n`);
      const syntax = diagnostics.filter(
        (item) => item.code === 'yaml-syntax' || item.code === 'tab-indentation',
      );
      assert.deepEqual(
        syntax.map((item) => ({ range: item.range, message: item.message })),
        [{ range: ranges[0], message }],
        JSON.stringify(diagnostics.map(brief)),
      );
      // Nothing else is said of the misread field.
      assert.deepEqual(
        diagnostics
          .filter((item) => !syntax.includes(item))
          .map(brief)
          .filter((item) => item.code !== 'missing-field'),
        [],
      );
      const actions = await service.codeActions(document, syntax[0].range, syntax);
      assert.deepEqual(
        actions.map((action) => (action.isPreferred ? '*' : '') + action.title),
        [fix],
      );
      const edits = actions[0].edit?.changes?.[document.uri] ?? [];
      assert.equal(TextDocument.applyEdits(document, edits), `---\n${fixed}---\n`);
    });
  }

  it('each repair that quotes a value reads back as the text the writer wrote', async () => {
    const lines: Array<[written: string, value: string]> = [
      ['title: "Azure" rocks # it\'s "great"', '"Azure" rocks'],
      ["title: 'it's' # Bob's \"note\"", "it's"],
      ["title: 'it''s' fine'", "'it''s' fine'"],
      ['title: "a \\"b\\" c" d', '"a \\"b\\" c" d'],
      ['title: Azure: new  \t', 'Azure: new'],
      ['title: @handle\t# twitter', '@handle'],
      ['title: `code` and C:\\path', '`code` and C:\\path'],
    ];
    for (const [written, value] of lines) {
      const { document, diagnostics, service } = await diagnose(`---\n${written}\n---\n`);
      const syntax = diagnostics.filter((item) => item.code === 'yaml-syntax');
      const actions = await service.codeActions(document, syntax[0].range, syntax);
      assert.equal(actions.length, 1, `${written}: ${JSON.stringify(diagnostics.map(brief))}`);
      const fixed = TextDocument.applyEdits(document, actions[0].edit?.changes?.[document.uri] ?? []);
      const yaml = parseDocument(fixed.split('---\n')[1]);
      assert.deepEqual(yaml.errors, [], fixed);
      assert.equal(yaml.get('title'), value, written);
    }
  });

  it('a URL on the line after its field is moved after it, not split into a field of its own', async () => {
    const { document, diagnostics, service, ranges } = await diagnose(
      '---\ntitle: T\nwebUrl:⟦\nhttps://www.contoso.com/news/x⟧\n---\n',
    );
    const syntax = diagnostics.filter((item) => item.code === 'yaml-syntax');
    assert.deepEqual(
      syntax.map((item) => item.message),
      ['This URL is on a line of its own: is it the value of `webUrl`? Write it after `webUrl: `'],
    );
    const actions = await service.codeActions(document, syntax[0].range, syntax);
    assert.deepEqual(
      actions.map((action) => action.title),
      ['Move it after `webUrl:`'],
    );
    assert.equal(
      TextDocument.applyEdits(document, actions[0].edit?.changes?.[document.uri] ?? []),
      '---\ntitle: T\nwebUrl: https://www.contoso.com/news/x\n---\n',
    );
    assert.deepEqual(syntax[0].range, ranges[0]);
    // With CRLF line breaks too.
    const crlf = await diagnose('---\r\ntitle: T\r\nwebUrl:\r\nhttps://www.contoso.com/news/x\r\n---\r\n');
    const item = crlf.diagnostics.filter((diagnostic) => diagnostic.code === 'yaml-syntax');
    const fix = await crlf.service.codeActions(crlf.document, item[0].range, item);
    assert.equal(
      TextDocument.applyEdits(crlf.document, fix[0]?.edit?.changes?.[crlf.document.uri] ?? []),
      '---\r\ntitle: T\r\nwebUrl: https://www.contoso.com/news/x\r\n---\r\n',
    );
  });

  it('the fields beside a misread value are still checked', async () => {
    const { diagnostics } = await diagnose('---\ntype: artcle\nsubtitle: Azure: new\n---\n');
    const codes = diagnostics.map((item) => item.code);
    assert.ok(codes.includes('invalid-value'), JSON.stringify(codes));
    assert.ok(codes.includes('unknown-field'), JSON.stringify(codes));
    const images = await diagnose(
      '---\nimages:\n  - url: https://x.com/a.jpg\n    width: "wide"\n    height: 1\n    alt: a: b\n---\n',
    );
    assert.ok(
      images.diagnostics.some((item) => item.message.startsWith('`images[0].width`')),
      JSON.stringify(images.diagnostics.map(brief)),
    );
  });

  it('a long run of blanks on a broken line does not hang the check', async () => {
    // A hang guard, not a speed test: about 25 ms here, and 22 s when a pattern was quadratic.
    const started = Date.now();
    const { diagnostics } = await diagnose(`---\ntitle: @x${' '.repeat(100_000)}y\n---\n`);
    assert.ok(diagnostics.some((item) => item.code === 'yaml-syntax'));
    assert.ok(Date.now() - started < 5_000, `${Date.now() - started} ms`);
  });

  it('a long line that is not `field: value` is shortened without splitting a character', async () => {
    const { diagnostics } = await diagnose(`---\ntitle: A\n${'a'.repeat(39)}\u{1f600}bc\n---\n`);
    const message = diagnostics.find((item) => item.code === 'yaml-syntax')?.message ?? '';
    assert.match(message, /^`a{39}…` is not `field: value`/);
  });

  it('on a line with a duplicate key and a syntax error, the syntax error is said, with its repair', async () => {
    const { document, diagnostics, service } = await diagnose('---\ntitle: A\ntitle: "Azure" rocks\n---\n');
    const syntax = diagnostics.filter((item) => item.code === 'yaml-syntax');
    assert.equal(syntax.length, 1, JSON.stringify(diagnostics.map(brief)));
    const actions = await service.codeActions(document, syntax[0].range, syntax);
    assert.deepEqual(
      actions.map((action) => action.title),
      ['Put the whole value in quotes'],
    );
  });

  it('a repair that would leave more errors is not offered', async () => {
    // Closing the quote at the end of its line: `- b` then reads as a list after a mapping.
    const { document, diagnostics, service } = await diagnose('---\ntitle: "a:\n- b\n---\n');
    const syntax = diagnostics.filter((item) => item.code === 'yaml-syntax');
    assert.equal(syntax[0]?.message, 'This text opens a quote `"` that is never closed');
    assert.deepEqual(await service.codeActions(document, syntax[0].range, syntax), []);
  });

  it('a line that is not `field: value`', async () => {
    const { diagnostics, ranges } = await diagnose('---\ntitle: T\n⟦qual⟧\n---\n');
    assert.deepEqual(diagnostics.filter((item) => item.code === 'yaml-syntax').map(brief), [
      {
        code: 'yaml-syntax',
        range: rangeText(ranges[0]),
        message: '`qual` is not `field: value` — is the `:` missing?',
      },
    ]);
    assert.ok(!diagnostics.some((item) => item.code === 'unknown-field'));
  });

  it('a quote not closed yet, on the last field: only that is said', async () => {
    const { diagnostics } = await diagnose('---\ncategory: news\ntitle: "T\n---\n');
    assert.deepEqual(
      diagnostics.map((item) => item.code),
      ['yaml-syntax'],
    );
  });

  it('a closed quoted value on a line the parser stops at is not said to have text after it', async () => {
    const { diagnostics } = await diagnose(
      '---\n category: news\ntitle: "Contoso opens a new region"\n---\n',
    );
    assert.ok(diagnostics.some((item) => item.code === 'yaml-syntax'));
    assert.ok(
      !diagnostics.some((item) => item.message.startsWith('Text follows')),
      JSON.stringify(diagnostics.map(brief)),
    );
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { brief, diagnose, GOOD_ARTICLE, rangeText } from './helpers';

function withLine(find: string, replace: string): string {
  assert.ok(GOOD_ARTICLE.includes(find), find);
  return GOOD_ARTICLE.replace(find, replace);
}

const codes = (diagnostics: Array<{ code?: unknown }>) => diagnostics.map((item) => String(item.code));

describe('inline suppression comments', () => {
  it('disable-next-line silences its code on the next line', async () => {
    const { diagnostics } = await diagnose(
      withLine('quality: 80', '# article-frontmatter-disable-next-line wrong-type\nquality: high'),
    );
    assert.deepEqual(diagnostics, []);
  });

  it('a comment naming another code silences nothing, and is itself unused', async () => {
    const { diagnostics, ranges } = await diagnose(
      withLine('quality: 80', '# article-frontmatter-disable-next-line ⟦unknown-topic⟧\nquality: ⟦high⟧'),
    );
    assert.deepEqual(diagnostics.map(brief), [
      {
        code: 'wrong-type',
        range: rangeText(ranges[1]),
        message: '`quality` must be a whole number, got `high`',
      },
      {
        code: 'unused-suppression',
        range: rangeText(ranges[0]),
        message: 'Nothing of `unknown-topic` is silenced here: remove `unknown-topic` from this comment',
      },
    ]);
    assert.equal(diagnostics[1].severity, 4); // hint
  });

  it('disable-next-line covers the next line only', async () => {
    const { diagnostics } = await diagnose(
      withLine(
        'quality: 80\nheat: 12',
        '# article-frontmatter-disable-next-line wrong-type -- a test value\nquality: high\nheat: warm',
      ),
    );
    assert.deepEqual(codes(diagnostics), ['wrong-type']);
    assert.equal(diagnostics[0].range.start.line, 9); // `heat: warm`
  });

  it('disable silences its codes from its line to the end of the front matter', async () => {
    const { diagnostics } = await diagnose(
      withLine(
        'quality: 80\nheat: 12',
        '# article-frontmatter-disable wrong-type\nquality: high\nheat: warm',
      ),
    );
    assert.deepEqual(diagnostics, []);
  });

  it('disable above the first field also covers a missing top-level field', async () => {
    const { diagnostics } = await diagnose(
      withLine('---\ncategory: news\n', '---\n# article-frontmatter-disable missing-field\n'),
    );
    assert.deepEqual(diagnostics, []);
  });

  it('an unknown code gets a hint, and the comment silences nothing', async () => {
    const { diagnostics } = await diagnose(
      withLine('quality: 80', '# article-frontmatter-disable-next-line wrongtype\nquality: high'),
    );
    assert.deepEqual(codes(diagnostics), ['wrong-type', 'unused-suppression']);
    assert.match(diagnostics[1].message, /`wrongtype` is not a code of Article Front Matter/);
  });

  it('the hint is a rule like the others: it can be turned off', async () => {
    const { diagnostics } = await diagnose(
      withLine('quality: 80', '# article-frontmatter-disable-next-line unknown-topic\nquality: 80'),
      { settings: { rules: { 'unused-suppression': 'off' } } },
    );
    assert.deepEqual(diagnostics, []);
  });

  it('a suppression of a rule turned off in the settings is not unused', async () => {
    const { diagnostics } = await diagnose(
      withLine('quality: 80', '# article-frontmatter-disable-next-line wrong-type\nquality: high'),
      { settings: { rules: { 'wrong-type': 'off' } } },
    );
    assert.deepEqual(diagnostics, []);
  });

  it('says nothing of unused suppressions while the YAML cannot be read', async () => {
    const { diagnostics } = await diagnose(
      withLine(
        'quality: 80',
        '# article-frontmatter-disable-next-line wrong-type\nquality: high\ntitle: [oops',
      ),
    );
    assert.ok(!codes(diagnostics).includes('unused-suppression'), codes(diagnostics).join());
  });
});

describe('the "Ignore <code> on this line" quick fix', () => {
  it('writes the comment above the flagged line, with its indentation, and is never safe', async () => {
    const { diagnostics, document, service } = await diagnose(
      withLine('  name: Contoso', '  name: Contoso\n  logo: 5'),
    );
    assert.deepEqual(codes(diagnostics), ['unknown-field']);
    const actions = await service.codeActions(document, diagnostics[0].range, diagnostics);
    const ignore = actions.find((action) => action.title === 'Ignore unknown-field on this line');
    assert.ok(ignore, actions.map((action) => action.title).join('; '));
    assert.deepEqual(ignore.data, { safety: 'unsafe' });
    assert.equal(ignore.isPreferred, false);
    const edits = ignore.edit!.changes![document.uri];
    const fixed = TextDocument.applyEdits(document, edits);
    assert.ok(
      fixed.includes('  name: Contoso\n  # article-frontmatter-disable-next-line unknown-field\n  logo: 5\n'),
      fixed,
    );
    const again = await service.validate(TextDocument.create(document.uri, 'markdown', 2, fixed));
    assert.deepEqual(again, []);
  });

  it('a problem of the whole front matter is ignored by a comment on its first line', async () => {
    const { diagnostics, document, service } = await diagnose(withLine('category: news\n', ''));
    assert.deepEqual(codes(diagnostics), ['missing-field']);
    const actions = await service.codeActions(document, diagnostics[0].range, diagnostics);
    const ignore = actions.find((action) => action.title === 'Ignore missing-field in this front matter');
    assert.ok(ignore, actions.map((action) => action.title).join('; '));
    const fixed = TextDocument.applyEdits(document, ignore.edit!.changes![document.uri]);
    assert.ok(fixed.startsWith('---\n# article-frontmatter-disable missing-field\ntitle:'), fixed);
    assert.deepEqual(await service.validate(TextDocument.create(document.uri, 'markdown', 2, fixed)), []);
  });

  it('fix-all never writes a suppression', async () => {
    const { document, service } = await diagnose(withLine('quality: 80', 'quality: high'));
    const edits = await service.fixAll(document);
    assert.ok(!TextDocument.applyEdits(document, edits).includes('article-frontmatter-disable'));
  });
});

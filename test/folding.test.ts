import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Range } from 'vscode-languageserver-types';
import { isInside, largestCorpusArticle, NO_CORPUS } from './corpusArticle';
import { markedDocument, serviceFor } from './helpers';

/** The folding ranges of a marked document, and the lines each ⟦⟧ mark spans. */
async function foldsIn(marked: string, path?: string) {
  const { document, ranges } = markedDocument(marked, path);
  const folds = await serviceFor().foldingRanges(document);
  return { folds, expected: ranges.map(lines), document };
}

function lines(range: Range) {
  return { startLine: range.start.line, endLine: range.end.line };
}

describe('folding ranges', () => {
  it('folds the front matter, each multi-line field, each multi-line related article and image', async () => {
    const { folds, expected } = await foldsIn(`⟦---
title: "Contoso opens a new region"
⟦excerpt: >-
  A long excerpt
  on two lines⟧
⟦provider:
  name: Contoso
  domain: contoso.com⟧
topics: [Cloud]
⟦topics2:
  - Cloud
  - Management tools⟧

⟦images:
  ⟦- url: https://www.contoso.com/images/region.jpg
    width: 1200⟧
  - url: https://www.contoso.com/images/small.jpg⟧
⟦related:
  ⟦- title: "Fabrikam follows Contoso north"
    webUrl: https://news.fabrikam.com/north
    ⟦provider:
      name: Fabrikam News⟧
    ⟦images:
      ⟦- url: https://news.fabrikam.com/north.jpg
        width: 1200⟧⟧⟧
  - title: One line⟧⟧
---
# Body

Text.
`);
    assert.deepEqual(folds, expected);
  });

  it('one fold per first line: a list entry that is one group folds once', async () => {
    const { folds, expected } = await foldsIn(`⟦---
⟦related:
  ⟦- provider:
      name: Fabrikam News
      domain: fabrikam.com⟧⟧⟧
---
`);
    assert.deepEqual(folds, expected);
  });

  it('folds an unclosed front matter up to its last line, and a byte order mark changes nothing', async () => {
    const unclosed = await foldsIn(`⟦---
title: x
⟦provider:
  name: Contoso⟧⟧
`);
    assert.deepEqual(unclosed.folds, unclosed.expected);
    const bom = await foldsIn('\uFEFF⟦---\r\ntitle: x\r\nquality: 80⟧\r\n---\r\n');
    assert.deepEqual(bom.folds, bom.expected);
  });

  it('nothing to fold without front matter or in an empty one; a one-field one folds whole', async () => {
    assert.deepEqual((await foldsIn('# Title\n\ntext\n')).folds, []);
    assert.deepEqual((await foldsIn('---\n---\n')).folds, []);
    const oneField = await foldsIn('⟦---\ntitle: x⟧\n---\n');
    assert.deepEqual(oneField.folds, oneField.expected);
  });

  it(
    'a real article: every related article folds, every fold inside the front matter',
    { skip: NO_CORPUS },
    async () => {
      const { document, service, relatedTitles } = largestCorpusArticle();
      const folds = await service.foldingRanges(document);
      const closing = document.getText().indexOf('\n---', 3);
      const lastLine = document.positionAt(closing).line;
      assert.deepEqual(folds[0], { startLine: 0, endLine: lastLine });
      for (const fold of folds) {
        const range = {
          start: { line: fold.startLine, character: 0 },
          end: { line: fold.endLine, character: 0 },
        };
        assert.ok(isInside(document, range) && fold.startLine < fold.endLine && fold.endLine <= lastLine);
      }
      const lines = document.getText().split('\n');
      const entries = folds.filter((fold) => /^ {2}- title: /.test(lines[fold.startLine]));
      assert.equal(entries.length, relatedTitles.length);
    },
  );
});

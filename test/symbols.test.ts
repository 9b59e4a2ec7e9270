import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { isInside, largestCorpusArticle, NO_CORPUS } from './corpusArticle';
import { markedDocument, rangeText, serviceFor } from './helpers';

const KIND_NAMES = new Map(Object.entries(SymbolKind).map(([name, value]) => [value, name]));

/** The outline as indented lines: `name · Kind · detail`. */
function outlineText(symbols: DocumentSymbol[] | undefined, indent = ''): string[] {
  return (symbols ?? []).flatMap((symbol) => [
    [indent + symbol.name, KIND_NAMES.get(symbol.kind), symbol.detail].filter(Boolean).join(' \u00b7 '),
    ...outlineText(symbol.children, indent + '  '),
  ]);
}

/** Every symbol, parents before their children. */
function allSymbols(symbols: DocumentSymbol[] | undefined): DocumentSymbol[] {
  return (symbols ?? []).flatMap((symbol) => [symbol, ...allSymbols(symbol.children)]);
}

async function outlineOf(marked: string) {
  const { document, ranges } = markedDocument(marked);
  const symbols = await serviceFor().symbols(document);
  return { symbols, ranges, document };
}

describe('document symbols', () => {
  it('one symbol per field, its kind by the kind of value, a short preview as detail', async () => {
    const { symbols, ranges } = await outlineOf(`---
⟦title⟧: "Contoso opens a new region"
⟦quality⟧: 80
⟦published⟧: true
⟦secured⟧:
⟦provider⟧:
  name: Contoso
  domain: contoso.com
⟦topics⟧:
  - Cloud
  - Management tools
⟦excerpt⟧: >-
  A long excerpt that goes on and on, far longer than anyone would read in an outline.
---
Body
`);
    assert.deepEqual(outlineText(symbols), [
      'title · String · Contoso opens a new region',
      'quality · Number · 80',
      'published · Boolean · true',
      'secured · Key',
      'provider · Object · Contoso',
      '  name · String · Contoso',
      '  domain · String · contoso.com',
      'topics · Array · Cloud, Management tools',
      '  Cloud · String',
      '  Management tools · String',
      'excerpt · String · A long excerpt that goes on and on, far longer than anyone…',
    ]);
    assert.deepEqual(
      symbols.map((symbol) => rangeText(symbol.selectionRange)),
      ranges.map(rangeText),
    );
  });

  it('a field’s range runs from its key to the end of its value, a list entry’s from its dash', async () => {
    const { symbols, ranges } = await outlineOf(`---
title: x
⟦provider:
  name: Contoso
  images:
    ⟦- url: https://www.contoso.com/logo.png
      width: 50⟧⟧

⟦topics:
  ⟦- Cloud⟧⟧
---
`);
    const [provider, topics] = [symbols[1], symbols[2]];
    const logo = provider.children?.[1].children?.[0];
    assert.deepEqual(
      [provider, logo, topics, topics.children?.[0]].map((symbol) => symbol && rangeText(symbol.range)),
      ranges.map(rangeText),
    );
  });

  it('related articles by their title, selected on the title; an image by its file name', async () => {
    const { symbols, ranges } = await outlineOf(`---
related:
  - title: "⟦Fabrikam follows Contoso north⟧"
    webUrl: https://news.fabrikam.com/north
    provider:
      name: Fabrikam News
    images:
      - url: ⟦https://news.fabrikam.com/images/north.jpg?w=300#top⟧
        width: 1200
        height: 630
  - ⟦webUrl⟧: https://news.fabrikam.com/south
  - title: ""
images:
  - url: ""
  - width: 10
---
`);
    assert.deepEqual(outlineText(symbols), [
      'related · Array · 3 entries',
      '  Fabrikam follows Contoso north · Object · Fabrikam News',
      '    title · String · Fabrikam follows Contoso north',
      '    webUrl · String · https://news.fabrikam.com/north',
      '    provider · Object · Fabrikam News',
      '      name · String · Fabrikam News',
      '    images · Array · 1 entry',
      '      north.jpg · Object · 1200 × 630',
      '        url · String · https://news.fabrikam.com/images/north.jpg?w=300#top',
      '        width · Number · 1200',
      '        height · Number · 630',
      '  related[1] · Object',
      '    webUrl · String · https://news.fabrikam.com/south',
      '  related[2] · Object',
      '    title · String',
      'images · Array · 2 entries',
      '  images[0] · Object',
      '    url · String',
      '  images[1] · Object · 10 × ?',
      '    width · Number · 10',
    ]);
    const related = symbols[0].children ?? [];
    const picture = related[0].children?.[3].children?.[0];
    assert.deepEqual(
      [related[0], picture, related[1]].map((symbol) => symbol && rangeText(symbol.selectionRange)),
      ranges.map(rangeText),
    );
  });

  it('never an empty name, and every selection inside its range', async () => {
    const { symbols, document } = await outlineOf(`---
"": nameless
? [complex, key]
: value
topics:
  - ""
  -
  - "   "
---
`);
    for (const symbol of allSymbols(symbols)) {
      assert.ok(symbol.name.trim(), `a name for ${rangeText(symbol.range)}`);
      assert.ok(isInside(document, symbol.range));
      const { range, selectionRange: selection } = symbol;
      const offset = document.offsetAt.bind(document);
      assert.ok(offset(range.start) <= offset(selection.start) && offset(selection.end) <= offset(range.end));
    }
    assert.deepEqual(outlineText(symbols), [
      '(no name) · String · nameless',
      '[complex, key] · String · value',
      'topics · Array · 3 entries',
      '  topics[0] · String',
      '  topics[1] · Key',
      '  topics[2] · String',
    ]);
  });

  it('no outline without front matter, or for front matter that is not a set of fields', async () => {
    assert.deepEqual((await outlineOf('# Just a heading\n')).symbols, []);
    assert.deepEqual((await outlineOf('---\n- a\n- b\n---\n')).symbols, []);
    assert.deepEqual((await outlineOf('---\n---\n')).symbols, []);
  });

  it(
    'a real article: related articles by title, every range inside the document',
    { skip: NO_CORPUS },
    async () => {
      const { document, service, relatedTitles } = largestCorpusArticle();
      const symbols = await service.symbols(document);
      const related = symbols.find((symbol) => symbol.name === 'related');
      assert.ok(relatedTitles.length > 100, `${relatedTitles.length} related articles`);
      const names = related?.children?.map((entry) => entry.name) ?? [];
      assert.equal(names.length, relatedTitles.length);
      // A long title is cut short with an ellipsis.
      names.forEach((name, index) => {
        const title = relatedTitles[index];
        assert.ok(name === title || (name.endsWith('\u2026') && title.startsWith(name.slice(0, -1))), name);
      });
      for (const symbol of allSymbols(symbols)) {
        assert.ok(symbol.name.trim());
        assert.ok(isInside(document, symbol.range), `${symbol.name} ${rangeText(symbol.range)}`);
        assert.ok(
          isInside(document, symbol.selectionRange),
          `${symbol.name} ${rangeText(symbol.selectionRange)}`,
        );
      }
    },
  );
});

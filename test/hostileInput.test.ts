/**
 * Named regression tests for broken and hostile articles: every service call answers (no
 * exception, nothing logged), every range is inside the document, the answer is the one a
 * writer needs (a size limit, an alias bomb, an unclosed quote…), and nothing from the file
 * becomes a link or picture to anything but the web.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, Hover } from 'vscode-languageserver-types';
import { createArticleService } from '../src/service/index';
import type { ArticleService, ArticleSettings } from '../src/service/types';
import { GOOD_ARTICLE, memoryWorkspace, seededRandom, SITE_ROOT, SMALL_SITE } from './helpers';
import {
  actionEdits,
  assertCompletionSafe,
  assertFixIsLocal,
  assertFoldingInside,
  assertHoverSafe,
  assertLinksSafe,
  assertRangeInside,
  assertSymbolsInside,
  linkTargets,
  recordingLogger,
  wholeRange,
} from './robustnessHelpers';

const NEWS = `${SITE_ROOT}/_news/2024-03-01-test.md`;

function serviceWithLog(settings?: Partial<ArticleSettings>): { service: ArticleService; errors: string[] } {
  const logger = recordingLogger();
  const service = createArticleService({ workspace: memoryWorkspace(SMALL_SITE), settings, logger });
  return { service, errors: logger.errors };
}

interface Probed {
  document: TextDocument;
  diagnostics: Diagnostic[];
  hovers: Hover[];
  actions: CodeAction[];
}

/**
 * Runs every feature of the service over a text: validate, completion and hover at the given
 * offsets (by default the start, the end, and the start and middle of every line, up to 400
 * places), code actions for all diagnostics, links, outline and folding. Asserts that nothing
 * threw or was logged and that every range is inside the document.
 */
async function probe(text: string, options: { uri?: string; offsets?: number[] } = {}): Promise<Probed> {
  const { service, errors } = serviceWithLog();
  const document = TextDocument.create(options.uri ?? NEWS, 'markdown', 1, text);
  const diagnostics = await service.validate(document);
  for (const item of diagnostics) assertRangeInside(document, item.range, `diagnostic ${item.code}`);
  const hovers: Hover[] = [];
  for (const offset of options.offsets ?? placesIn(text)) {
    const position = document.positionAt(offset);
    const where = `at ${position.line}:${position.character}`;
    assertCompletionSafe(document, await service.complete(document, position), `completion ${where}`);
    const hover = await service.hover(document, position);
    assertHoverSafe(document, hover, `hover ${where}`);
    if (hover) hovers.push(hover);
  }
  const actions =
    diagnostics.length > 0 ? await service.codeActions(document, wholeRange(document), diagnostics) : [];
  for (const action of actions) actionEdits(document, action, 'code action');
  assertLinksSafe(document, await service.links(document), 'links');
  assertSymbolsInside(document, await service.symbols(document), 'outline');
  assertFoldingInside(document, await service.foldingRanges(document), 'folding');
  assert.deepEqual(errors, [], 'the service logged errors');
  return { document, diagnostics, hovers, actions };
}

/** The start and end of the text, and the start and middle of its lines (at most 400 places). */
function placesIn(text: string): number[] {
  const places = new Set([0, text.length]);
  const lines = text.split(/(?<=\r\n|\r|\n)/);
  const step = Math.max(1, Math.ceil(lines.length / 200));
  let offset = 0;
  lines.forEach((line, index) => {
    if (index % step === 0) {
      places.add(offset);
      places.add(offset + Math.floor(line.length / 2));
    }
    offset += line.length;
  });
  return [...places];
}

function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((item) => String(item.code));
}

/** Markdown of a hover, whatever form its contents take. */
function markdownOf(hover: Hover): string {
  const contents = hover.contents;
  const parts = Array.isArray(contents) ? contents : [contents];
  return parts.map((part) => (typeof part === 'string' ? part : part.value)).join('\n');
}

describe('broken articles get answers, never exceptions', () => {
  it('a truncated file, cut at every character', async () => {
    const { service, errors } = serviceWithLog();
    for (let length = 0; length <= GOOD_ARTICLE.length; length++) {
      const text = GOOD_ARTICLE.slice(0, length);
      const document = TextDocument.create(NEWS, 'markdown', length + 1, text);
      const diagnostics = await service.validate(document);
      for (const item of diagnostics)
        assertRangeInside(document, item.range, `cut at ${length}: ${item.code}`);
      const end = document.positionAt(length);
      assertHoverSafe(document, await service.hover(document, end), `cut at ${length}: hover`);
      assertCompletionSafe(document, await service.complete(document, end), `cut at ${length}: completion`);
      const actions = await service.codeActions(document, wholeRange(document), diagnostics);
      for (const action of actions.filter((item) => item.isPreferred))
        assertFixIsLocal(document, action, `cut at ${length}`);
    }
    assert.deepEqual(errors, []);
  });

  it('a file cut inside its front matter says the front matter is not closed', async () => {
    const cut = GOOD_ARTICLE.slice(0, GOOD_ARTICLE.indexOf('topics:'));
    const { diagnostics } = await probe(cut);
    assert.deepEqual(codes(diagnostics), ['frontmatter-unclosed']);
  });

  it('random bytes, as UTF-8 and as Latin-1, with and without front matter', async () => {
    const next = seededRandom(5);
    for (let round = 0; round < 12; round++) {
      const bytes = Buffer.from(Array.from({ length: 2000 }, () => Math.floor(next() * 256)));
      for (const junk of [bytes.toString('utf8'), bytes.toString('latin1')]) {
        await probe(junk);
        await probe(`---\n${junk}\n---\n`);
        await probe(`---\ntitle: ${junk}\n---\n`);
      }
    }
  });

  it('NUL and lone surrogates in keys, values and list entries', async () => {
    const text = [
      '---',
      'category: news',
      'title: "a\0b"',
      '\0: zero key',
      'excerpt: x\ud800y',
      '\udc00lone: z',
      'topics:',
      '  - Cl\udbffoud',
      '  - \0',
      'webUrl: https://www.contoso.com/\ud800',
      'images:',
      '  - url: https://www.contoso.com/\udfff.jpg',
      '---',
      '',
    ].join('\n');
    const { diagnostics } = await probe(text, { offsets: [...text].map((_, index) => index) });
    assert.ok(diagnostics.length > 0);
  });

  it('a byte order mark before the opening --- is not a character of the front matter', async () => {
    const { diagnostics } = await probe('\ufeff' + GOOD_ARTICLE);
    assert.deepEqual(codes(diagnostics), []);
  });

  it('a byte order mark at the start of the front matter is read as the yaml package reads it', async () => {
    const { diagnostics } = await probe(GOOD_ARTICLE.replace('---\n', '---\n\ufeff'));
    assert.deepEqual(codes(diagnostics), []);
  });

  it('a lone `-` as a value is a syntax error, as the yaml package says', async () => {
    const { diagnostics } = await probe(GOOD_ARTICLE.replace('heat: 12', 'heat: -'));
    assert.ok(codes(diagnostics).includes('yaml-syntax'), JSON.stringify(codes(diagnostics)));
  });

  it('CRLF line endings: the same findings as with LF, at the same places', async () => {
    const text = GOOD_ARTICLE.replace('quality: 80', 'quality: "80"').replace('heat: 12', 'haet: 12');
    const lf = await probe(text);
    const crlf = await probe(text.replace(/\n/g, '\r\n'));
    assert.deepEqual(
      crlf.diagnostics.map((item) => [item.code, item.range]),
      lf.diagnostics.map((item) => [item.code, item.range]),
    );
    for (const action of crlf.actions.filter((item) => item.isPreferred)) {
      const fixed = assertFixIsLocal(crlf.document, action, 'CRLF');
      assert.ok(!/\r(?!\n)|(?<!\r)\n/.test(fixed), `"${action.title}" mixes line endings`);
    }
  });

  it('mixed line endings, and carriage returns alone', async () => {
    const lines = GOOD_ARTICLE.split('\n');
    const mixed = lines.map(
      (line, index) => line + (index % 3 === 0 ? '\r\n' : index % 3 === 1 ? '\n' : '\r'),
    );
    await probe(mixed.join(''));
    await probe(GOOD_ARTICLE.replace(/\n/g, '\r'));
  });

  it('a carriage return alone inside the front matter: no quick fix, as YAML and the editor disagree on the lines', async () => {
    // For YAML `\r` alone is a character of the value; for the editor it ends a line.
    const text = GOOD_ARTICLE.replace('quality: 80', 'quality:\r"80"').replace('heat: 12', 'heat: "12"');
    const { diagnostics, actions } = await probe(text);
    assert.ok(diagnostics.some((item) => item.code === 'wrong-type'));
    assert.deepEqual(actions, []);
  });

  it('tabs: indentation with a tab is reported, tabs elsewhere are fine', async () => {
    const indented = await probe(GOOD_ARTICLE.replace('  name: Contoso', '\tname: Contoso'));
    assert.ok(
      codes(indented.diagnostics).some((code) => code === 'tab-indentation' || code === 'yaml-syntax'),
    );
    const spaced = await probe(GOOD_ARTICLE.replace('heat: 12', 'heat:\t12'));
    assert.deepEqual(codes(spaced.diagnostics), []);
  });

  it('a 200 KB single line: answers, and hovers stay short', async () => {
    const words = 'cloud region '.repeat(16000);
    const text = GOOD_ARTICLE.replace('Contoso opens a new region', words);
    assert.ok(text.length > 200_000);
    const line = text.indexOf(words);
    const { hovers } = await probe(text, { offsets: [line - 3, line, line + 100_000, line + words.length] });
    for (const hover of hovers) assert.ok(markdownOf(hover).length < 5000, 'a hover of the whole line');
  });

  it('a 200 KB flow list on one line', async () => {
    const text = GOOD_ARTICLE.replace('topics:\n  - Cloud', `topics: [${'Cloud, '.repeat(30000)}Cloud]`);
    const { diagnostics } = await probe(text, {
      offsets: [text.indexOf('topics'), text.indexOf('Cloud, ') + 50_000],
    });
    assert.ok(codes(diagnostics).includes('duplicate-topic'));
  });

  it('a 10 MB file gets the size-limit diagnostic and nothing else', async () => {
    const text = `---\ntitle: x\nexcerpt: "${'ten megabytes '.repeat(750_000)}"\n---\nBody\n`;
    assert.ok(text.length > 10_000_000);
    const { diagnostics, hovers, actions } = await probe(text, { offsets: [0, 10, 5_000_000, text.length] });
    assert.deepEqual(codes(diagnostics), ['frontmatter-too-large']);
    assert.deepEqual(diagnostics[0].range, {
      start: { line: 0, character: 0 },
      end: { line: 0, character: 3 },
    });
    assert.deepEqual(hovers, []);
    assert.deepEqual(actions, []);
  });

  it('the size limit is a setting', async () => {
    const { service } = serviceWithLog({ maxFrontMatterLength: 100 });
    const document = TextDocument.create(NEWS, 'markdown', 1, GOOD_ARTICLE);
    assert.deepEqual(codes(await service.validate(document)), ['frontmatter-too-large']);
  });

  it('flow lists nested 10 000 deep', async () => {
    const depth = 10_000;
    for (const value of ['['.repeat(depth) + ']'.repeat(depth), '['.repeat(depth)]) {
      const text = `---\ncategory: news\ntitle: ${value}\n---\n`;
      const { diagnostics } = await probe(text, { offsets: [0, 20, 30, 5000, text.length - 4] });
      assert.ok(codes(diagnostics).includes('yaml-syntax'), JSON.stringify(codes(diagnostics)));
      for (const item of diagnostics) assert.ok(!/call stack/i.test(item.message), item.message);
    }
  });

  it('groups nested 10 000 deep ({a: {a: …}})', async () => {
    const depth = 10_000;
    for (const value of ['{a: '.repeat(depth) + '1' + '}'.repeat(depth), '{a:'.repeat(depth)]) {
      const text = `---\ncategory: news\ntitle: ${value}\n---\n`;
      const { diagnostics } = await probe(text, { offsets: [0, 20, 30, 5000, text.length - 4] });
      assert.ok(codes(diagnostics).includes('yaml-syntax'), JSON.stringify(codes(diagnostics)));
      for (const item of diagnostics) assert.ok(!/call stack/i.test(item.message), item.message);
    }
  });

  it('fields nested 500 deep in block style', async () => {
    const nested = Array.from({ length: 500 }, (_, depth) => `${' '.repeat(depth)}a:`).join('\n');
    await probe(`---\ncategory: news\n${nested} 1\n---\n`);
  });

  it('an unclosed quote is reported where it opens', async () => {
    const text = GOOD_ARTICLE.replace('"Contoso opens a new region"', '"Contoso opens a new region');
    const { diagnostics, actions } = await probe(text);
    const syntax = diagnostics.filter((item) => item.code === 'yaml-syntax');
    assert.ok(syntax.length > 0);
    assert.equal(syntax[0].range.start.line, 2);
    // On YAML that cannot be read, the one fix offered is the one that makes it readable.
    assert.deepEqual(
      actions.map((action) => action.title),
      ['Close it with `"`'],
    );
  });

  it('an unclosed flow list and an unclosed block are reported', async () => {
    const list = await probe(GOOD_ARTICLE.replace('topics:\n  - Cloud', 'topics: [Cloud, Management tools'));
    assert.ok(
      list.diagnostics.some((item) => item.code === 'yaml-syntax' && /never closed/.test(item.message)),
    );
    const block = await probe(GOOD_ARTICLE.replace('excerpt: "', 'excerpt: |\n  "'));
    assert.ok(Array.isArray(block.diagnostics));
    const unclosed = await probe(GOOD_ARTICLE.replace(/---\nBody text\.\n$/, 'Body text.\n'));
    assert.deepEqual(codes(unclosed.diagnostics), ['frontmatter-unclosed']);
  });

  it('a field that is misread (broken YAML) is not reported missing, and nothing is added', async () => {
    // The indented first line makes the parser stop after it: the other fields are there, unread.
    const { diagnostics, actions } = await probe(GOOD_ARTICLE.replace('category: news', ' category: news'));
    assert.ok(codes(diagnostics).includes('yaml-syntax'));
    assert.ok(!codes(diagnostics).includes('missing-field'), JSON.stringify(codes(diagnostics)));
    assert.deepEqual(actions, []);
  });

  it('an alias bomb gets too-many-aliases, and is not expanded', async () => {
    let bomb = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let level = 1; level < 10; level++)
      bomb += `a${level}: &a${level} [${Array(10)
        .fill(`*a${level - 1}`)
        .join(', ')}]\n`;
    const text = `---\ncategory: news\ntitle: Bomb\n${bomb}---\n`;
    const { diagnostics } = await probe(text, { offsets: [0, text.indexOf('*a8'), text.length] });
    assert.deepEqual(codes(diagnostics), ['too-many-aliases']);
    assert.equal(diagnostics[0].range.start.line, 4, 'on the first alias');
  });

  it('a few aliases are fine', async () => {
    const text = GOOD_ARTICLE.replace('topics:\n  - Cloud', 'topics: &t\n  - Cloud\nkeywords: *t');
    const { diagnostics } = await probe(text);
    assert.ok(!codes(diagnostics).includes('too-many-aliases'));
  });
});

describe('quick fixes change only what they say', () => {
  it('removing the first field of a list entry keeps the entry and its other fields', async () => {
    const text = GOOD_ARTICLE.replace(
      '  - url: https://www.contoso.com/images/region.jpg',
      '  - foo: bar\n    url: https://www.contoso.com/images/region.jpg',
    );
    const { document, actions } = await probe(text);
    const remove = actions.find((action) => action.title === 'Remove this field');
    assert.ok(remove, JSON.stringify(actions.map((action) => action.title)));
    assert.equal(TextDocument.applyEdits(document, actionEdits(document, remove, 'remove')), GOOD_ARTICLE);
  });

  it('removing the only field of a list entry is not offered (it would remove the entry)', async () => {
    const text = GOOD_ARTICLE.replace('images:\n', 'images:\n  - foo: bar\n');
    const { actions } = await probe(text);
    assert.ok(!actions.some((action) => action.title === 'Remove this field'));
  });

  it('removing a field whose value is a group or list takes its lines, not the next field', async () => {
    const group = GOOD_ARTICLE.replace('heat: 12', 'haet:\n  a: 1\n  b: [2]\nheat: 12');
    const list = GOOD_ARTICLE.replace('heat: 12', 'heat:\n  - 1\n  - 2\nheat: 12');
    for (const [text, title] of [
      [group, 'Remove this field'],
      [list, 'Remove the earlier `heat` (Jekyll ignores it)'],
    ]) {
      const { document, actions } = await probe(text);
      const remove = actions.find((action) => action.title === title);
      assert.ok(remove, `${title} in ${JSON.stringify(actions.map((action) => action.title))}`);
      assert.equal(TextDocument.applyEdits(document, actionEdits(document, remove, title)), GOOD_ARTICLE);
    }
  });

  it('on YAML that cannot be read, what looks like an unknown field is not removed', async () => {
    // `-- title` (a typed `-` too many) is read as a field of the entry above, with errors around:
    // removing "the field" would take the writer's title (and, as found, whole entries in turn).
    const text = GOOD_ARTICLE.replace(
      '---\nBody',
      'related:\n  - title: "A"\n    excerpt: "B"\n  -- title: "C"\n    excerpt: "D"\n---\nBody',
    );
    const { diagnostics, actions } = await probe(text);
    // What the schema says of misread fields is about the misreading: the syntax error says it.
    assert.ok(codes(diagnostics).includes('yaml-syntax'));
    assert.ok(!codes(diagnostics).includes('unknown-field'), JSON.stringify(codes(diagnostics)));
    assert.deepEqual(actions, []);
  });

  it('a missing nested field is added inside its group, after a group or list that ends the group', async () => {
    const text = GOOD_ARTICLE.replace(
      '  name: Contoso\n  domain: contoso.com\n',
      '  domain: contoso.com\n  images:\n    - url: https://www.contoso.com/logo.png\n',
    );
    const { document, actions } = await probe(text);
    const add = actions.find((action) => action.title === 'Add the field `name`');
    assert.ok(add, JSON.stringify(actions.map((action) => action.title)));
    assert.equal(
      TextDocument.applyEdits(document, actionEdits(document, add, 'add')),
      text.replace('logo.png\n', 'logo.png\n  name: ""\n'),
    );
  });

  it('a missing field is added at the indentation of the others', async () => {
    const text = '---\n  category: news\n  heat: 1\n---\n';
    const { document, actions } = await probe(text);
    const add = actions.find((action) => action.title === 'Add the field `title`');
    assert.ok(add);
    const fixed = TextDocument.applyEdits(document, actionEdits(document, add, 'add'));
    assert.equal(fixed, '---\n  category: news\n  heat: 1\n  title: ""\n---\n');
  });

  it('a field missing from an entry of a list written twice is added to the entry the data has', async () => {
    // `images` written twice: the data has the second, so the group of `images[1]` is found there.
    const text = GOOD_ARTICLE.replace('images:\n', 'images:\nimages:\n').replace(
      '    isCached: true\n',
      '    isCached: true\n  - url: https://www.contoso.com/b.jpg\n    height: 1\n',
    );
    const { document, diagnostics, actions } = await probe(text);
    const missing = diagnostics.find((item) => item.code === 'missing-field');
    assert.ok(missing);
    assert.notEqual(missing.range.start.line, 0, 'placed on the entry, not on the opening ---');
    const adds = actions.filter((action) => action.title.startsWith('Add the field'));
    assert.deepEqual(
      adds.map((action) => action.title),
      ['Add the field `width`'],
    );
    assert.equal(
      TextDocument.applyEdits(document, actionEdits(document, adds[0], 'add')),
      text.replace('    height: 1\n', '    height: 1\n    width: 1\n'),
    );
  });

  it('a field missing from a group that cannot be found is not added anywhere', async () => {
    // The diagnostic says where the group was; the text has changed since and it is gone.
    const text = GOOD_ARTICLE.replace('    width: 1200\n', '');
    const { service } = serviceWithLog();
    const document = TextDocument.create(NEWS, 'markdown', 1, text);
    const missing = (await service.validate(document)).filter((item) => item.code === 'missing-field');
    assert.equal(missing.length, 1);
    const later = TextDocument.create(NEWS, 'markdown', 2, text.replace(/images:\n[^]*?---/, '---'));
    const actions = await service.codeActions(later, missing[0].range, missing);
    assert.deepEqual(
      actions.map((action) => action.title),
      [],
    );
  });

  it('a duplicate key after an empty value is named, and the removal takes the earlier copy only', async () => {
    const text = GOOD_ARTICLE.replace('heat: 12', 'heat:\nheat: 12');
    const { document, diagnostics, actions } = await probe(text);
    const duplicate = diagnostics.find((item) => item.code === 'duplicate-key');
    assert.ok(duplicate);
    assert.match(duplicate.message, /^`heat` is written twice/);
    assert.equal(duplicate.range.start.line, 9);
    const remove = actions.find((action) => action.title === 'Remove the earlier `heat` (Jekyll ignores it)');
    assert.ok(remove);
    assert.equal(TextDocument.applyEdits(document, actionEdits(document, remove, 'remove')), GOOD_ARTICLE);
  });

  it('a value with a tag (!!str) gets no fix that cannot change it', async () => {
    const text = GOOD_ARTICLE.replace('heat: 12', 'heat: !!str 12');
    const { diagnostics, actions } = await probe(text);
    assert.ok(codes(diagnostics).includes('wrong-type'));
    // Only the suppression comment is offered, which changes no value.
    assert.deepEqual(
      actions.map((action) => action.title),
      ['Ignore wrong-type on this line'],
    );
  });

  it('a field renamed into a missing one is preferred over adding it empty', async () => {
    const text = GOOD_ARTICLE.replace('excerpt:', 'exerpt:');
    const { actions } = await probe(text);
    const preferred = actions.filter((action) => action.isPreferred).map((action) => action.title);
    assert.deepEqual(preferred, ['Rename to `excerpt`']);
  });

  it('a collection item with a lone surrogate is reported missing, not a crash', async () => {
    const collection = '---\ntitle: C\ntype: collection\nitems:\n  - videos/intro\n  - vid\ud800eos/x\n---\n';
    const { diagnostics } = await probe(collection, { uri: `${SITE_ROOT}/_learning/collections/c.md` });
    assert.deepEqual(
      diagnostics
        .filter((item) => item.code === 'missing-collection-item')
        .map((item) => item.range.start.line),
      [5],
    );
  });
});

describe('hovers and links never carry what a file says to run', () => {
  const HOSTILE = `---
category: news
title: "[x](command:workbench.action.terminal.new) <img src=x onerror=alert(1)>"
excerpt: "[y](javascript:alert(1)) ![p](file:///etc/passwd) <script>alert(1)</script>"
publishedDateTime: 2024-03-01T09:30:00Z
webUrl: "javascript:alert(1)"
ampWebUrl: "command:workbench.action.openSettings"
originalUrl: "file:///etc/passwd"
type: article
provider:
  name: "[n](command:evil)"
  domain: contoso.com
topics:
  - "[t](command:evil)"
images:
  - url: "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4="
    title: "](command:evil)"
  - url: "file:///etc/passwd"
related:
  - title: "[x](command:evil)"
    excerpt: "<img src=x onerror=alert(1)>"
    webUrl: "javascript:alert(1)"
    provider:
      name: "[n](command:evil)"
      domain: "](javascript:alert(1))"
    images:
      - url: "data:image/png;base64,AAAA"
  - title: "Click [here](command:evil) or ![img](data:x)"
    webUrl: https://news.fabrikam.com/north
    images:
      - url: https://news.fabrikam.com/north.jpg)](command:evil
---
`;

  it('a hover anywhere in a hostile article: no command, script, data or file link, no HTML, not trusted', async () => {
    const offsets = Array.from({ length: HOSTILE.length + 1 }, (_, index) => index);
    const { hovers } = await probe(HOSTILE, { offsets });
    for (const hover of hovers) {
      const markdown = markdownOf(hover);
      for (const target of linkTargets(markdown))
        assert.match(target, /^https:\/\/news\.fabrikam\.com\//, markdown);
    }
  });

  it('the related title written as a command link is text, and the card links to its webUrl only', async () => {
    const { service } = serviceWithLog();
    const document = TextDocument.create(NEWS, 'markdown', 1, HOSTILE);
    const offset = HOSTILE.indexOf('title: "Click');
    const hover = await service.hover(document, document.positionAt(offset + 2));
    if (!hover) return; // The hover may still be a placeholder.
    const markdown = markdownOf(hover);
    assertHoverSafe(document, hover, 'related card');
    assert.deepEqual(
      linkTargets(markdown).filter((target) => !target.includes('north.jpg')),
      ['https://news.fabrikam.com/north'],
    );
  });

  it('a javascript: webUrl and a data: image are not linked or drawn', async () => {
    const { service } = serviceWithLog();
    const document = TextDocument.create(NEWS, 'markdown', 1, HOSTILE);
    for (const needle of [
      'javascript:alert(1)"\nampWebUrl',
      'data:image/svg',
      'data:image/png',
      'file:///etc/passwd"\nrelated',
    ]) {
      const hover = await service.hover(document, document.positionAt(HOSTILE.indexOf(needle) + 3));
      assertHoverSafe(document, hover, needle);
      if (hover) assert.deepEqual(linkTargets(markdownOf(hover)), [], `${needle}: ${markdownOf(hover)}`);
    }
  });

  it('document links only to the web, on every web address', async () => {
    const { service } = serviceWithLog();
    const document = TextDocument.create(NEWS, 'markdown', 1, HOSTILE);
    const links = await service.links(document);
    assertLinksSafe(document, links, 'links');
    // Exactly the two web addresses, each on the address as written: none of the hostile
    // values is linked, and the web ones still are (an empty list would hide a broken links()).
    assert.deepEqual(
      links.map((link) => [link.target, document.getText(link.range)]),
      [
        ['https://news.fabrikam.com/north', 'https://news.fabrikam.com/north'],
        [
          'https://news.fabrikam.com/north.jpg)](command:evil',
          'https://news.fabrikam.com/north.jpg)](command:evil',
        ],
      ],
    );
  });
});

describe('the size limit', () => {
  it('is 512 KiB: a 600 KB front matter gets the one diagnostic, a 400 KB one is checked', async () => {
    const entry = (n: number) => `  - title: "Entry ${n}"\n    webUrl: https://www.contoso.com/${n}\n`;
    const related = (kb: number) => {
      const lines: string[] = [];
      for (let size = 0, n = 0; size < kb * 1024; n++) {
        lines.push(entry(n));
        size += entry(n).length;
      }
      return lines.join('');
    };
    const large = await probe(GOOD_ARTICLE.replace('images:\n', `related:\n${related(600)}images:\n`));
    assert.deepEqual(codes(large.diagnostics), ['frontmatter-too-large']);
    const checked = await probe(GOOD_ARTICLE.replace('images:\n', `related:\n${related(400)}images:\n`));
    assert.ok(!codes(checked.diagnostics).includes('frontmatter-too-large'));
  });
});

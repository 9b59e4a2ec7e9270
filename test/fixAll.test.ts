// Fix-all (`source.fixAll.articleFrontMatter`): every preferred fix at once, checked again until
// none is left, returned as minimal edits from the writer's text.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import { createNodeWorkspace, fileUri } from '../src/node/nodeWorkspace';
import { createArticleService } from '../src/service/index';
import type { ArticleService } from '../src/service/types';
import { GOOD_ARTICLE, serviceFor, SITE_ROOT } from './helpers';
import { actionEdits, applyDamage, nonOverlapping, wholeRange, type Damage } from './robustnessHelpers';

const URI = `${SITE_ROOT}/_news/2024-03-01-test.md`;

function broken(...changes: Array<[find: string, replace: string]>): string {
  let text = GOOD_ARTICLE;
  for (const [find, replace] of changes) {
    assert.ok(text.includes(find), find);
    text = text.replace(find, replace);
  }
  return text;
}

/** Runs fix-all on a text; returns its edits, the fixed text, and fix-all run again on the result. */
async function fixAll(text: string, service = serviceFor(), uri = URI) {
  const document = TextDocument.create(uri, 'markdown', 1, text);
  const edits = await service.fixAll(document);
  const fixed = TextDocument.applyEdits(document, edits);
  const again = await service.fixAll(TextDocument.create(uri, 'markdown', 2, fixed));
  const after = await service.validate(TextDocument.create(uri, 'markdown', 3, fixed));
  return { document, edits, fixed, again, after: after.map((item) => String(item.code)) };
}

/** The preferred fixes the service still offers for a text. */
async function preferredLeft(service: ArticleService, uri: string, text: string): Promise<string[]> {
  const document = TextDocument.create(uri, 'markdown', 99, text);
  const diagnostics = await service.validate(document);
  const whole = { start: { line: 0, character: 0 }, end: document.positionAt(text.length) };
  const actions = await service.codeActions(document, whole, diagnostics);
  return actions.filter((action) => action.isPreferred).map((action) => action.title);
}

describe('fix-all', () => {
  it('fixes every mistake with a preferred fix in one call, and nothing else', async () => {
    const text = broken(
      ['heat: 12', 'haet: 12'],
      ['type: article', 'type: artcle'],
      ['quality: 80', 'quality: "80"'],
      ['published: true', 'published: yes'],
      ['  - Cloud', '  - cloud\n  - cloud'],
      ['news/new-region', 'news/new region'],
    );
    const result = await fixAll(text);
    assert.equal(result.fixed, GOOD_ARTICLE.replace('news/new-region', 'news/new%20region'));
    assert.deepEqual(result.after, []);
    assert.deepEqual(result.again, []);
  });

  it('returns one small edit per place, not the whole front matter', async () => {
    const text = broken(['type: article', 'type: artcle'], ['  - Cloud', '  - cloud']);
    const { document, edits, fixed } = await fixAll(text);
    assert.equal(fixed, GOOD_ARTICLE);
    assert.equal(edits.length, 2, JSON.stringify(edits));
    for (const edit of edits) {
      assert.equal(edit.range.start.line, edit.range.end.line, JSON.stringify(edit));
      assert.ok(document.offsetAt(edit.range.end) - document.offsetAt(edit.range.start) <= 2);
    }
    assert.deepEqual(
      edits.map((edit) => [edit.range.start.line, edit.newText]),
      [
        [6, 'i'],
        [14, 'C'],
      ],
    );
  });

  it('adds the missing fields whose value is known, and leaves those only the writer can fill', async () => {
    const text = broken(['category: news\n', ''], ['title: "Contoso opens a new region"\n', '']);
    const result = await fixAll(text);
    // `category` has one allowed value; `title: ""` would only trade "missing" for "empty".
    assert.match(result.fixed, /\n {4}isCached: true\ncategory: news\n---\n/);
    assert.deepEqual(result.after, ['missing-field']);
    assert.deepEqual(result.again, []);
  });

  it('renames a misspelled required field instead of adding it empty', async () => {
    const text = broken(['excerpt:', 'exerpt:']);
    const result = await fixAll(text);
    assert.equal(result.fixed, GOOD_ARTICLE);
  });

  it('of a field written twice, keeps the copy Jekyll reads, however many copies', async () => {
    const text = broken(['heat: 12', 'heat: 1\nheat: 2\nheat: 12']);
    const result = await fixAll(text);
    assert.equal(result.fixed, GOOD_ARTICLE);
    assert.deepEqual(result.again, []);
  });

  it('fixes what a first fix reveals, in a later round', async () => {
    // Once `qualty` is renamed, its value is checked: text where a number belongs.
    const text = broken(['quality: 80', 'qualty: "80"']);
    const result = await fixAll(text);
    assert.equal(result.fixed, GOOD_ARTICLE);
    assert.deepEqual(result.again, []);
  });

  it('keeps CRLF line endings and never splits one', async () => {
    const text = broken(['heat: 12', 'heat: 1\nheat: 12'], ['type: article', 'type: artcle']).replace(
      /\n/g,
      '\r\n',
    );
    const { document, edits, fixed } = await fixAll(text);
    assert.equal(fixed, GOOD_ARTICLE.replace(/\n/g, '\r\n'));
    for (const edit of edits) {
      for (const position of [edit.range.start, edit.range.end]) {
        const offset = document.offsetAt(position);
        assert.ok(!(text[offset - 1] === '\r' && text[offset] === '\n'), JSON.stringify(edit));
      }
    }
  });

  it('changes nothing when there is nothing to fix', async () => {
    assert.deepEqual((await fixAll(GOOD_ARTICLE)).edits, []);
    assert.deepEqual((await fixAll('No front matter here.\n')).edits, []);
  });

  it('in an empty front matter, adds only what has one possible value', async () => {
    const result = await fixAll('---\n---\nBody.\n');
    assert.equal(result.fixed, '---\ncategory: news\n---\nBody.\n');
    // The rest is the writer's to write (New Article scaffolds a whole one).
    assert.deepEqual(new Set(result.after), new Set(['missing-field']));
    assert.deepEqual(result.again, []);
  });

  it('fields missing at the top and in a group that ends the front matter: each in its place', async () => {
    const text = broken(
      ['    width: 1200\n    height: 630\n    isCached: true\n', '    height: 630\n'],
      ['category: news\n', ''],
    );
    const result = await fixAll(text);
    assert.ok(
      result.fixed.endsWith('\n    height: 630\n    width: 1\ncategory: news\n---\nBody text.\n'),
      result.fixed,
    );
    assert.ok(!result.after.includes('missing-field'), result.after.join(', '));
    assert.ok(!result.after.includes('yaml-syntax'), result.after.join(', '));
    assert.deepEqual(result.again, []);
  });

  it('a topic whose case fix repeats another in brackets: corrected, then the repeat removed', async () => {
    const text = broken(['topics:\n  - Cloud', 'topics: [cloud, Cloud]']);
    const result = await fixAll(text);
    assert.equal(result.fixed, broken(['topics:\n  - Cloud', 'topics: [Cloud]']));
    assert.deepEqual(result.after, []);
    assert.deepEqual(result.again, []);
  });

  it('fixes nothing YAML misreads: closes an unclosed `[` first, then fixes what it hid', async () => {
    const text = broken(['topics:\n  - Cloud', 'topics: [Cloud'], ['type: article', 'type: artcle']);
    const result = await fixAll(text);
    assert.equal(result.fixed, broken(['topics:\n  - Cloud', 'topics: [Cloud]']));
    assert.deepEqual(result.again, []);
  });

  it('leaves YAML it cannot make readable alone', async () => {
    const text = broken(['type: article', 'type: artcle'], ['heat: 12', 'heat: 12\n  bad: indent']);
    assert.deepEqual((await fixAll(text)).edits, []);
  });

  it('does not fix what a rule turned off reports', async () => {
    const text = broken(['type: article', 'type: artcle'], ['  - Cloud', '  - cloud']);
    const service = serviceFor(undefined, { rules: { 'unknown-topic': 'off' } });
    const result = await fixAll(text, service);
    assert.equal(result.fixed, GOOD_ARTICLE.replace('  - Cloud', '  - cloud'));
  });

  it('never removes a field the schema does not know', async () => {
    const text = broken(['heat: 12', 'heat: 12\nsubtitle: kept']);
    assert.deepEqual((await fixAll(text)).edits, []);
  });

  it('leaves the editor’s version of the document as it was', async () => {
    const service = serviceFor();
    const text = broken(['type: article', 'type: artcle']);
    const document = TextDocument.create(URI, 'markdown', 7, text);
    const before = await service.validate(document);
    const edits = await service.fixAll(document);
    assert.equal(edits.length, 1);
    // The same version is still the broken text, with its diagnostics and its fix.
    assert.deepEqual(await service.validate(document), before);
    assert.deepEqual(await preferredLeft(service, URI, text), ['Change to article']);
    assert.deepEqual(await service.validate(TextDocument.create(URI, 'markdown', 7, text)), before);
  });

  it('applying its edits gives exactly the text it checked, with the edits in any order', async () => {
    const text = broken(
      ['heat: 12', 'haet: 12'],
      ['title: "Contoso opens a new region"\n', ''],
      ['  - Cloud', '  - Cloud\n  - Cloud'],
    );
    const { document, edits, fixed } = await fixAll(text);
    assert.equal(TextDocument.applyEdits(document, [...edits].reverse()), fixed);
    assertDisjoint(document, edits);
  });
});

/** The edits touch distinct places, as VS Code requires of one edit set. */
function assertDisjoint(document: TextDocument, edits: TextEdit[]): void {
  const spans = edits
    .map((edit) => [document.offsetAt(edit.range.start), document.offsetAt(edit.range.end)])
    .sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < spans.length; i++)
    assert.ok(spans[i - 1][1] < spans[i][0] || spans[i][0] === spans[i][1]);
}

const SAMPLE_SITE = path.resolve(__dirname, '../sample-site');
const CORPUS = process.env.ARTICLE_CORPUS ?? path.resolve(__dirname, '../../shared/corpus');

/** Every Markdown file below a folder. */
function markdownFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    if (statSync(full).isDirectory()) return name.startsWith('.') ? [] : markdownFiles(full);
    return name.endsWith('.md') ? [full] : [];
  });
}

describe('fix-all on real articles', () => {
  it('the sample site: correct files are left alone, and a second run never changes anything', async () => {
    const service = createArticleService({ workspace: createNodeWorkspace(SAMPLE_SITE) });
    const mistakes = readFileSync(path.join(SAMPLE_SITE, 'MISTAKES.md'), 'utf8');
    let changed = 0;
    for (const file of markdownFiles(SAMPLE_SITE)) {
      const relative = path.relative(SAMPLE_SITE, file).split(path.sep).join('/');
      if (!relative.startsWith('_')) continue;
      const uri = fileUri(file);
      const result = await fixAll(readFileSync(file, 'utf8'), service, uri);
      if (!mistakes.includes(`\`${relative}\``)) assert.deepEqual(result.edits, [], relative);
      assert.deepEqual(result.again, [], `${relative}: a second fix-all still changes the text`);
      assert.deepEqual(await preferredLeft(service, uri, result.fixed), [], relative);
      if (result.edits.length > 0) changed++;
    }
    assert.ok(changed >= 5, `only ${changed} files fixed`);
  });

  it('the sample site’s mistakes, fixed as MISTAKES.md says', async () => {
    const service = createArticleService({ workspace: createNodeWorkspace(SAMPLE_SITE) });
    const cases: Array<[file: string, before: string, after: string]> = [
      [
        '_news/2024-02-06-infrastructure-as-code-drift-survey.md',
        '  - Management Tools',
        '  - Management tools',
      ],
      ['_news/2024-04-02-rotating-secrets-without-downtime.md', '/blog/Cloud Tips/', '/blog/Cloud%20Tips/'],
      ['_news/2024-04-16-deploying-containers-in-ten-minutes.md', 'published: yes', 'published: true'],
    ];
    for (const [file, before, after] of cases) {
      const text = readFileSync(path.join(SAMPLE_SITE, file), 'utf8');
      const result = await fixAll(text, service, fileUri(path.join(SAMPLE_SITE, file)));
      assert.equal(result.fixed, text.replace(before, after), file);
    }
  });

  it(
    'corpus articles without errors: fix-all converges and is idempotent',
    { skip: !existsSync(CORPUS) },
    async () => {
      for (const site of ['powerapps', 'azure-large']) {
        const root = path.join(CORPUS, site);
        const service = createArticleService({ workspace: createNodeWorkspace(root) });
        const files = markdownFiles(path.join(root, '_news')).sort().slice(0, 40);
        assert.ok(files.length > 0);
        for (const file of files) {
          const text = readFileSync(file, 'utf8');
          const uri = fileUri(file);
          const result = await fixAll(text, service, uri);
          assert.deepEqual(result.again, [], file);
          assert.deepEqual(await preferredLeft(service, uri, result.fixed), [], file);
        }
      }
    },
  );
});

const SEED = Number(process.env.FC_SEED ?? 42);

/** Slips a writer makes on a field's line, plus line-ending and line-order changes. */
const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({
    kind: fc.constant('misspellKey' as const),
    line: fc.double({ min: 0, max: 1, noNaN: true }),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({
    kind: fc.constant('rewriteValue' as const),
    line: fc.double({ min: 0, max: 1, noNaN: true }),
    value: fc.constantFrom(
      'yes',
      'No',
      '"80"',
      'artcle',
      'cloud',
      'https://x.com/a b',
      '',
      'Serverless',
      'true',
    ),
  }),
  fc.record({
    kind: fc.constant('duplicateLine' as const),
    line: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({
    kind: fc.constant('swapLines' as const),
    a: fc.double({ min: 0, max: 1, noNaN: true }),
    b: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({
    kind: fc.constant('lineEndings' as const),
    style: fc.constantFrom('crlf' as const, 'mixed' as const),
  }),
);

/** Fix-all done by hand: every non-overlapping preferred fix, checked again, round after round. */
async function stepByStep(service: ArticleService, uri: string, text: string): Promise<string> {
  let current = text;
  for (let round = 0; round < 5; round++) {
    const document = TextDocument.create(uri, 'markdown', 1000 + round, current);
    const diagnostics = await service.validate(document);
    const actions = await service.codeActions(document, wholeRange(document), diagnostics);
    const chosen = nonOverlapping(
      document,
      actions.filter((action) => action.isPreferred),
    );
    if (chosen.length === 0) break;
    current = TextDocument.applyEdits(
      document,
      chosen.flatMap((action) => actionEdits(document, action, 'step by step')),
    );
  }
  return current;
}

describe(`fix-all on damaged sample articles (fast-check seed ${SEED})`, () => {
  it('gives the text that fixing step by step gives, with disjoint edits, and a second run changes nothing', async () => {
    const service = createArticleService({ workspace: createNodeWorkspace(SAMPLE_SITE) });
    const files = markdownFiles(path.join(SAMPLE_SITE, '_news')).sort();
    let changed = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...files),
        fc.array(damage, { minLength: 1, maxLength: 3 }),
        async (file, damages) => {
          const text = damages.reduce(applyDamage, readFileSync(file, 'utf8'));
          const uri = fileUri(file);
          const result = await fixAll(text, service, uri);
          assertDisjoint(result.document, result.edits);
          assert.equal(result.fixed, await stepByStep(service, uri, text));
          assert.deepEqual(result.again, []);
          if (result.edits.length > 0) changed++;
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
    assert.ok(changed > 50, `only ${changed} damaged articles had something to fix`);
  });
});

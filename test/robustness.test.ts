/**
 * Property-based robustness over damaged copies of real corpus articles: whatever the damage,
 * no service call throws or logs an error, every range is inside the document, hovers and
 * completions stay safe Markdown, every quick fix changes only what it says, and fix-all
 * converges. The seed is fixed (42, or FC_SEED); a failure prints it with the shrunk damage.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createNodeWorkspace, fileUri } from '../src/node/nodeWorkspace';
import { parseFastYaml } from '../src/service/yaml/fastYaml';
import { createArticleService, locateFrontMatter } from '../src/service/index';
import type { ArticleService } from '../src/service/types';
import {
  actionEdits,
  assertCompletionSafe,
  assertFastReaderAgrees,
  assertFixAllConverges,
  assertFoldingInside,
  assertFixIsLocal,
  assertHoverSafe,
  assertLinksSafe,
  assertRangeInside,
  assertSymbolsInside,
  applyDamage,
  CORPUS,
  type Damage,
  nextVersion,
  recordingLogger,
  wholeRange,
} from './robustnessHelpers';

const SEED = Number(process.env.FC_SEED ?? 42);
/** Runs over the ordinary articles, and over the two 142 KB ones (slower, so fewer). */
const RUNS = Number(process.env.FC_RUNS ?? 3000);
const LARGE_RUNS = Math.max(1, Math.round(RUNS / 50));
const OUTLINE_RUNS = Math.max(1, Math.round(RUNS / 4));
const READER_RUNS = Math.max(1, Math.round(RUNS / 2));
/** Preferred fixes checked one by one per case (a large article can offer hundreds). */
const SINGLE_FIXES_PER_CASE = 8;

/** Characters and snippets that break YAML, Markdown or editors. */
const HOSTILE = [
  '\t',
  '\0',
  '\ud800',
  '\udc00',
  '\udbff\udfff',
  '\ufeff',
  '\r\n',
  '\r',
  '\n',
  '\u2028',
  '\u0085',
  '[',
  ']',
  '{',
  '}',
  '"',
  "'",
  '`',
  '&a ',
  '*a',
  '*a ',
  '!!tag ',
  '!!binary ',
  '!!str ',
  '!<tag:x> ',
  '!',
  ': ',
  ':',
  '- ',
  '-',
  '? ',
  ', ',
  '#',
  ' #',
  '|',
  '>',
  '|-\n',
  '>+\n',
  '---',
  '\n---\n',
  '\n...\n',
  '%YAML 1.1\n',
  '@',
  '\\',
  '%',
  'yes',
  'on',
  'null',
  '~',
  '<<: *a\n',
  '&a [*a]',
  '  ',
  '\n  ',
  '\n    - ',
  'https://x y',
  '[x](command:evil)',
  'javascript:alert(1)',
  'data:image/png;base64,AAAA',
  '<img src=x onerror=alert(1)>',
  '\u{1F600}',
  '\u202e',
];

/** Values a writer might put in the wrong place, or write slightly wrong. */
const VALUES = [
  '',
  'yes',
  'No',
  'on',
  '"80"',
  '"true"',
  '80',
  '-1',
  '1.5',
  'null',
  '~',
  'artcle',
  'vidoe',
  'power apps',
  'Power apps',
  'cloud',
  'https://www.example.com/a b/c d',
  'https://wrong.cdn.ampproject.org/c/s/x',
  'http://www.microsoft.com/x',
  'microsoft.com',
  'example.org',
  'Microsoft Corp',
  '"videos/missing-item"',
  '[]',
  '{}',
  '[a, b]',
  '"quoted"',
  "'single'",
  '2021-04-01T22:08:00Z',
  '2021-13-45',
  '"[x](command:evil)"',
  'javascript:alert(1)',
  '"<img src=x>"',
];

/** A place in the text, as a fraction of its length (shrinks towards the start). */
const fraction = fc.integer({ min: 0, max: 9999 }).map((n) => n / 10000);

const hostileText = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)) },
);

const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fraction, length: fc.integer({ min: 1, max: 80 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fraction, text: hostileText }),
  fc.record({
    kind: fc.constant('replace' as const),
    at: fraction,
    length: fc.integer({ min: 1, max: 8 }),
    text: hostileText,
  }),
  fc.record({
    kind: fc.constant('copy' as const),
    from: fraction,
    length: fc.integer({ min: 1, max: 200 }),
    at: fraction,
  }),
  fc.record({ kind: fc.constant('duplicateLine' as const), line: fraction }),
  fc.record({ kind: fc.constant('swapLines' as const), a: fraction, b: fraction }),
  fc.record({
    kind: fc.constant('indent' as const),
    line: fraction,
    by: fc.constantFrom(' ', '  ', '\t', '    ', '-  '),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fraction }),
  fc.record({ kind: fc.constant('lineEndings' as const), style: fc.constantFrom('crlf', 'cr', 'mixed') }),
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('misspellKey' as const), line: fraction, at: fraction }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('rewriteValue' as const),
      line: fraction,
      value: fc.constantFrom(...VALUES),
    }),
  },
);

/** Articles of every kind, picked evenly from each folder of the corpus. */
const PICKS: Array<[folder: string, count: number]> = [
  ['powerapps/_news', 8],
  ['powerapps/_learning/videos', 4],
  ['powerapps/_learning/courses', 4],
  ['powerapps/_learning/collections', 4],
  ['powerapps/_events', 1],
  ['powerapps/_people', 3],
  ['powerapps/_data/organizations', 3],
  ['powerapps/_data/topics', 1],
  ['seed', 1],
];

function pick(folder: string, count: number): string[] {
  const names = readdirSync(path.join(CORPUS, folder))
    .filter((name) => /\.(md|txt|ya?ml)$/.test(name) && name !== 'README.md')
    .sort();
  const step = names.length / count;
  return Array.from({ length: Math.min(count, names.length) }, (_, i) =>
    path.join(folder, names[Math.floor(i * step)]),
  );
}

interface Site {
  service: ArticleService;
  errors: string[];
}

const sites = new Map<string, Site>();
const texts = new Map<string, string>();

function siteOf(file: string): Site {
  const name = file.split(path.sep)[0];
  let site = sites.get(name);
  if (!site) {
    const logger = recordingLogger();
    site = {
      service: createArticleService({ workspace: createNodeWorkspace(path.join(CORPUS, name)), logger }),
      errors: logger.errors,
    };
    sites.set(name, site);
  }
  return site;
}

let cases = 0;
/** What the editing checks saw, for the log: diagnostics, fixes checked one by one, fix-alls that changed something. */
const stats = { diagnostics: 0, singleFixes: 0, fixAll: 0 };

function documentFor(file: string, text: string): { document: TextDocument; site: Site; what: string } {
  cases++;
  siteOf(file).errors.length = 0;
  const document = TextDocument.create(fileUri(path.join(CORPUS, file)), 'markdown', nextVersion(), text);
  return { document, site: siteOf(file), what: `${file} (${text.length} chars)` };
}

/**
 * The editor's checks on one text standing in for a corpus file: validate, complete and hover
 * at the probes, code actions for every diagnostic, each preferred fix alone, then fix-all.
 */
async function checkEditing(file: string, text: string, probes: number[]): Promise<void> {
  const { document, site, what } = documentFor(file, text);
  const { service, errors } = site;
  const diagnostics = await service.validate(document);
  for (const item of diagnostics) assertRangeInside(document, item.range, `${what}: diagnostic ${item.code}`);
  for (const probe of probes) {
    const position = document.positionAt(Math.floor(probe * (text.length + 1)));
    const where = `${what} at ${position.line}:${position.character}`;
    assertCompletionSafe(document, await service.complete(document, position), `${where}: completion`);
    assertHoverSafe(document, await service.hover(document, position), `${where}: hover`);
  }
  const actions =
    diagnostics.length > 0 ? await service.codeActions(document, wholeRange(document), diagnostics) : [];
  for (const action of actions) actionEdits(document, action, `${what}: code action`);
  for (const action of actions.filter((item) => item.isPreferred).slice(0, SINGLE_FIXES_PER_CASE)) {
    assertFixIsLocal(document, action, `${what}: preferred fix`);
    stats.singleFixes++;
  }
  const rounds = await assertFixAllConverges(service, document.uri, text, `${what}: fix-all`);
  if (rounds > 0) stats.fixAll++;
  stats.diagnostics += diagnostics.length;
  assert.deepEqual(errors.splice(0), [], `${what}: the service logged errors`);
}

/** The outline, the folding ranges and the links of one text: inside the document, links to the web only. */
async function checkOutline(file: string, text: string): Promise<void> {
  const { document, site, what } = documentFor(file, text);
  const { service, errors } = site;
  assertLinksSafe(document, await service.links(document), what);
  assertSymbolsInside(document, await service.symbols(document), what);
  assertFoldingInside(document, await service.foldingRanges(document), what);
  assert.deepEqual(errors.splice(0), [], `${what}: the service logged errors`);
}

const corpusMissing = !existsSync(CORPUS) && 'no ../shared/corpus beside the checkout';

describe(`robustness over damaged corpus articles (fast-check seed ${SEED})`, { skip: corpusMissing }, () => {
  let ordinary: string[] = [];
  let large: string[] = [];

  before(async () => {
    console.log(`robustness: fast-check seed ${SEED} (FC_SEED=<n> for another), ${RUNS} runs`);
    ordinary = PICKS.flatMap(([folder, count]) => pick(folder, count));
    large = pick('azure-large/_news', 2);
    for (const file of [...ordinary, ...large])
      texts.set(file, readFileSync(path.join(CORPUS, file), 'utf8'));
    await Promise.all([...ordinary, ...large].map((file) => siteOf(file).service.ready));
  });

  it('every picked article, undamaged, passes every check', async () => {
    assert.ok(ordinary.length >= 28, `only ${ordinary.length} articles picked`);
    for (const file of [...ordinary, ...large]) {
      await checkEditing(file, texts.get(file)!, [0.1, 0.5, 0.9]);
      await checkOutline(file, texts.get(file)!);
    }
  });

  it(`damaged ordinary articles (seed ${SEED})`, async () => {
    const start = cases;
    const began = Date.now();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ordinary),
        fc.array(damage, { minLength: 1, maxLength: 4 }),
        fc.array(fraction, { minLength: 1, maxLength: 3 }),
        async (file, damages, probes) => {
          await checkEditing(file, damages.reduce(applyDamage, texts.get(file)!), probes);
        },
      ),
      { seed: SEED, numRuns: RUNS, includeErrorInReport: true },
    );
    console.log(
      `robustness: ${cases - start} damaged articles checked in ${Date.now() - began} ms ` +
        `(${stats.diagnostics} diagnostics, ${stats.singleFixes} preferred fixes applied alone, ` +
        `${stats.fixAll} fix-alls that changed the text)`,
    );
  });

  it(`outline, folding and links of damaged articles (seed ${SEED})`, async () => {
    const start = cases;
    const began = Date.now();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...ordinary) }, fc.constantFrom(...large)),
        fc.array(damage, { minLength: 1, maxLength: 4 }),
        async (file, damages) => {
          await checkOutline(file, damages.reduce(applyDamage, texts.get(file)!));
        },
      ),
      { seed: SEED, numRuns: OUTLINE_RUNS, includeErrorInReport: true },
    );
    console.log(`robustness: ${cases - start} outlines checked in ${Date.now() - began} ms`);
  });

  it(`the fast YAML reader reads damaged front matter as the yaml package does (seed ${SEED})`, async () => {
    const began = Date.now();
    const sources = new Map(
      [...ordinary, ...large].map((file) => {
        const text = texts.get(file)!;
        const block = locateFrontMatter(text);
        return [file, block ? text.slice(block.contentStart, block.contentEnd) : text];
      }),
    );
    const memories = new Map([...sources].map(([file, source]) => [file, parseFastYaml(source)?.memory]));
    fc.assert(
      fc.property(
        fc.oneof({ weight: 49, arbitrary: fc.constantFrom(...ordinary) }, fc.constantFrom(...large)),
        fc.array(damage, { minLength: 1, maxLength: 4 }),
        (file, damages) => {
          const source = damages.reduce(applyDamage, sources.get(file)!);
          assertFastReaderAgrees(source, `${file}`);
          assertFastReaderAgrees(
            source,
            `${file} (reusing the undamaged version's chunks)`,
            memories.get(file),
          );
        },
      ),
      { seed: SEED, numRuns: READER_RUNS, includeErrorInReport: true },
    );
    console.log(
      `robustness: ${READER_RUNS} damaged front matters read twice by the fast reader in ${Date.now() - began} ms`,
    );
  });

  it(`damaged 142 KB articles (seed ${SEED})`, async () => {
    const start = cases;
    const began = Date.now();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...large),
        fc.array(damage, { minLength: 1, maxLength: 3 }),
        fc.array(fraction, { minLength: 1, maxLength: 2 }),
        async (file, damages, probes) => {
          await checkEditing(file, damages.reduce(applyDamage, texts.get(file)!), probes);
        },
      ),
      { seed: SEED, numRuns: LARGE_RUNS, includeErrorInReport: true },
    );
    console.log(`robustness: ${cases - start} damaged large articles checked in ${Date.now() - began} ms`);
  });
});

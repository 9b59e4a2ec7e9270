/**
 * The fast readers (`fastValues.ts`, `fastYaml.ts`) against the full parser, through the whole
 * service: every file of the shared corpus, and damaged copies of its articles, checked once
 * with the fast path and once with every source read by the yaml package, must give the same
 * diagnostics with the same ranges (and the site index built each way the same findings).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createNodeWorkspace, fileUri } from '../src/node/nodeWorkspace';
import { createArticleService, type ArticleService } from '../src/service/index';
import { FAST_READERS } from '../src/service/yaml/fastYaml';
import { GOOD_ARTICLE, memoryWorkspace, seededRandom, SITE_ROOT, SMALL_SITE } from './helpers';
import { applyDamage, CORPUS, recordingLogger, type Damage } from './robustnessHelpers';

/** Every Markdown or text file below a folder, sorted. */
function filesBelow(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) found.push(...filesBelow(full));
    else if (/\.(md|txt)$/.test(entry.name)) found.push(full);
  }
  return found.sort();
}

/** A service with its site index built, by the fast path or (`fast` false) by the full parser only. */
async function indexedService(make: () => ArticleService, fast: boolean): Promise<ArticleService> {
  FAST_READERS.enabled = fast;
  try {
    const service = make();
    await service.ready;
    await service.indexSite();
    return service;
  } finally {
    FAST_READERS.enabled = true;
  }
}

/** The diagnostics of each document, with every source read as `fast` says. */
async function diagnosticsOf(
  service: ArticleService,
  documents: TextDocument[],
  fast: boolean,
): Promise<Diagnostic[][]> {
  FAST_READERS.enabled = fast;
  try {
    const all: Diagnostic[][] = [];
    for (const document of documents) {
      all.push(await service.validate(document));
      service.forget(document.uri);
    }
    return all;
  } finally {
    FAST_READERS.enabled = true;
  }
}

/** Checks the documents both ways and compares them one by one; returns how many diagnostics there were. */
async function assertSameBothWays(make: () => ArticleService, documents: TextDocument[]): Promise<number> {
  const byFast = await diagnosticsOf(await indexedService(make, true), documents, true);
  const byFull = await diagnosticsOf(await indexedService(make, false), documents, false);
  let count = 0;
  documents.forEach((document, index) => {
    assert.deepEqual(byFast[index], byFull[index], document.uri);
    count += byFull[index].length;
  });
  return count;
}

describe('the fast path gives the full parser’s diagnostics and ranges', () => {
  const sites = existsSync(CORPUS)
    ? readdirSync(CORPUS, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => path.join(CORPUS, entry.name))
    : [];

  for (const site of sites) {
    it(`on every file of the corpus's ${path.basename(site)}`, async () => {
      const logger = recordingLogger();
      const documents = filesBelow(site).map((file) =>
        TextDocument.create(fileUri(file), 'markdown', 1, readFileSync(file, 'utf8')),
      );
      assert.ok(documents.length > 0);
      await assertSameBothWays(
        () => createArticleService({ workspace: createNodeWorkspace(site), logger }),
        documents,
      );
      assert.deepEqual(logger.errors, []);
    });
  }

  it(
    'on damaged copies of the corpus’s articles (seeded mutations)',
    { skip: !existsSync(CORPUS) && 'no corpus' },
    async () => {
      const random = seededRandom(16);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
      const SNIPPETS = [
        '\t',
        '\r',
        '\r\n',
        '"',
        "'",
        ': ',
        '- ',
        ' #',
        '&a ',
        '*a',
        '[',
        '{',
        '|',
        '>',
        '\ufeff',
        '\u2028',
        '---\n',
        '? ',
        '!!str ',
        '%',
        '`',
        '\\',
        'é',
        '\u0000',
        '  ',
        '\n  ',
        'null',
        '~',
        '0x1F',
        '2020-04-01',
      ];
      const damage = (): Damage => {
        const at = random();
        switch (
          pick([
            'delete',
            'insert',
            'replace',
            'duplicateLine',
            'swapLines',
            'indent',
            'truncate',
            'misspellKey',
            'rewriteValue',
            'lineEndings',
          ] as const)
        ) {
          case 'delete':
            return { kind: 'delete', at, length: 1 + Math.floor(random() * 40) };
          case 'insert':
            return { kind: 'insert', at, text: pick(SNIPPETS) };
          case 'replace':
            return { kind: 'replace', at, length: 1 + Math.floor(random() * 6), text: pick(SNIPPETS) };
          case 'duplicateLine':
            return { kind: 'duplicateLine', line: at };
          case 'swapLines':
            return { kind: 'swapLines', a: at, b: random() };
          case 'indent':
            return { kind: 'indent', line: at, by: pick([' ', '  ', '\t', '- ']) };
          case 'truncate':
            return { kind: 'truncate', at: 0.5 + at / 2 };
          case 'misspellKey':
            return { kind: 'misspellKey', line: at, at: random() };
          case 'rewriteValue':
            return {
              kind: 'rewriteValue',
              line: at,
              value: pick(['', '"x', 'high', '-1', '[a, b]', 'yes', '"2020-04-01"', 'a: b']),
            };
          case 'lineEndings':
            return { kind: 'lineEndings', style: pick(['crlf', 'cr', 'mixed'] as const) };
        }
      };
      for (const name of ['azure-2020-04', 'powerapps']) {
        const site = path.join(CORPUS, name);
        const articles = filesBelow(path.join(site, '_news'));
        const documents: TextDocument[] = [];
        for (let i = 0; i < 150; i++) {
          const file = pick(articles);
          let text = readFileSync(file, 'utf8');
          for (let k = 1 + Math.floor(random() * 3); k > 0; k--) text = applyDamage(text, damage());
          documents.push(
            TextDocument.create(
              fileUri(path.join(path.dirname(file), `damaged-${i}-${path.basename(file)}`)),
              'markdown',
              1,
              text,
            ),
          );
        }
        const logger = recordingLogger();
        const count = await assertSameBothWays(
          () => createArticleService({ workspace: createNodeWorkspace(site), logger }),
          documents,
        );
        // The damage is real: the files are reported.
        assert.ok(count > 100, `${count} diagnostics`);
        assert.deepEqual(logger.errors, []);
      }
    },
  );

  it('on a small site whose index the fast path and the full parser both build', async () => {
    const files = {
      ...SMALL_SITE,
      '_news/2024-03-01-good.md': GOOD_ARTICLE,
      '_news/2024-03-02-copy.md': GOOD_ARTICLE.replace('---\n', '---\n# a copy\n'),
    };
    const documents = Object.keys(files)
      .filter((name) => name.endsWith('.md'))
      .map((name) =>
        TextDocument.create(`${SITE_ROOT}/${name}`, 'markdown', 1, files[name as keyof typeof files]),
      );
    const count = await assertSameBothWays(
      () => createArticleService({ workspace: memoryWorkspace(files) }),
      documents,
    );
    assert.ok(count > 0, 'the copy is reported as a duplicate');
  });
});

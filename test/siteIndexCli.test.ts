import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { textWithout } from '../src/node/nodeWorkspace';
import { readArticleRecord, readRecordWithoutRelated } from '../src/service/site/articleRecord';
import { runCli } from './cliHelpers';
import { A, article, linkedSite, writeSite } from './siteHelpers';

/** The real articles nobody here wrote: `../shared/corpus` beside the checkout. */
const CORPUS = process.env.ARTICLE_CORPUS ?? path.resolve(__dirname, '../../shared/corpus');
const SLICE = path.join(CORPUS, 'azure-2020-04');

interface Finding {
  file: string;
  line: number;
  code: string;
  message: string;
}

async function crossFileFindings(root: string): Promise<Finding[]> {
  const result = await runCli(['check', path.join(root, '_news'), '--root', root, '--format', 'json'], root);
  const report = JSON.parse(result.stdout) as { diagnostics: Finding[] };
  return report.diagnostics
    .filter((item) => item.code === 'stale-related' || item.code === 'duplicate-article')
    .map((item) => ({ ...item, file: item.file.split(path.sep).join('/') }));
}

/** Every related entry of the site (file, 1-based line of its `- ` and its webUrl), read independently with the yaml package. */
function relatedEntries(root: string): Array<{ file: string; line: number; webUrl: string }> {
  const found: Array<{ file: string; line: number; webUrl: string }> = [];
  for (const name of readdirSync(path.join(root, '_news')).sort()) {
    const text = readFileSync(path.join(root, '_news', name), 'utf8');
    const lines = text.split('\n');
    const data = parse(text.split(/^---$/m)[1]) as { related?: Array<{ webUrl?: string }> };
    const starts = lines.flatMap((line, index) =>
      /^ {2}- /.test(line) && lines.slice(0, index).some((l) => l.startsWith('related:')) ? [index + 1] : [],
    );
    (data.related ?? []).forEach((entry, index) => {
      if (typeof entry?.webUrl === 'string')
        found.push({ file: `_news/${name}`, line: starts[index], webUrl: entry.webUrl });
    });
  }
  return found;
}

describe(
  'the azure-2020-04 slice as one linked site',
  { skip: !existsSync(SLICE) && 'no ../shared/corpus beside the checkout' },
  () => {
    it('has no stale copy, and reports each file of its two duplicated webUrls', async () => {
      const found = await crossFileFindings(SLICE);
      assert.deepEqual(
        found.filter((item) => item.code === 'stale-related'),
        [],
      );
      const duplicates = found.filter((item) => item.code === 'duplicate-article').map((item) => item.file);
      assert.deepEqual(duplicates, [
        '_news/2020-04-18-judge-hits-pause-on-jedi-lawsuit.md',
        '_news/2020-04-20-judge-gives-dod-the-chance-for-a-second-look-at-some-aspects-of-the-jedi-award.md',
        '_news/2020-04-28-microsoft-reports-earnings-on-wednesday-heres-what-to-expect.md',
        '_news/2020-04-29-microsoft-reports-earnings-today-heres-what-to-expect.md',
      ]);
    });

    it('with a handful of articles retitled, reports every copy of them and nothing else', async (t) => {
      const root = mkdtempSync(path.join(os.tmpdir(), 'af-linked-'));
      t.after(() => rmSync(root, { recursive: true, force: true }));
      cpSync(SLICE, root, { recursive: true });
      const entries = relatedEntries(root);
      const counts = new Map<string, number>();
      for (const entry of entries) counts.set(entry.webUrl, (counts.get(entry.webUrl) ?? 0) + 1);
      // Five of the most copied articles whose webUrl only one file has.
      const retitled: string[] = [];
      const byUrl = new Map<string, string[]>();
      for (const name of readdirSync(path.join(root, '_news'))) {
        const text = readFileSync(path.join(root, '_news', name), 'utf8');
        const url = /^webUrl: "?([^"\n]*)"?$/m.exec(text)?.[1];
        if (url) byUrl.set(url, [...(byUrl.get(url) ?? []), name]);
      }
      const candidates = [...byUrl].filter(([url, names]) => names.length === 1 && counts.has(url));
      candidates.sort((a, b) => counts.get(b[0])! - counts.get(a[0])!);
      for (const [url, [name]] of candidates.slice(0, 5)) {
        const file = path.join(root, '_news', name);
        writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: "/m, 'title: "Retitled: '));
        retitled.push(url);
      }
      const expected = entries
        .filter((entry) => retitled.includes(entry.webUrl))
        .map((entry) => `${entry.file}:${entry.line}`)
        .sort();
      assert.ok(expected.length > 20, String(expected.length));
      const found = await crossFileFindings(root);
      const stale = found
        .filter((item) => item.code === 'stale-related')
        .map((item) => `${item.file}:${item.line}`)
        .sort();
      assert.deepEqual(stale, expected);
      assert.ok(
        found
          .filter((item) => item.code === 'stale-related')
          .every((item) => /title is “Retitled: /.test(item.message)),
      );
    });
  },
);

describe('check: which files the rules across files see', () => {
  const stale = (result: { stdout: string }) =>
    (JSON.parse(result.stdout) as { diagnostics: Finding[] }).diagnostics
      .filter((item) => item.code === 'stale-related')
      .map((item) => item.file.split(path.sep).join('/'));

  it('reads the whole site with --root or --cross-file, and links only the files checked without them', async (t) => {
    const root = writeSite(t, linkedSite({ '_news/a.md': article('Article A, retitled', A) }));
    const run = (...args: string[]) => runCli(['check', ...args, '--format', 'json'], root);
    assert.deepEqual(stale(await run('_news/c.md')), []);
    assert.deepEqual(stale(await run('_news/c.md', '--cross-file')), ['_news/c.md']);
    assert.deepEqual(stale(await run('_news/c.md', '--root', '.')), ['_news/c.md']);
    assert.deepEqual(stale(await run('_news/a.md', '_news/c.md')), ['_news/c.md']);
    const fixed = await runCli(['check', '_news', '--root', '.', '--fix'], root);
    assert.match(fixed.stderr, /_news\/c\.md: 1 problem fixed/);
    assert.match(readFileSync(path.join(root, '_news/c.md'), 'utf8'), /- title: "Article A, retitled"/);
  });
});

describe('the index reading articles without their related block (readFileWithout)', () => {
  const whole = (text: string) => readArticleRecord(text, 1e9, false);
  const cut = (text: string) => {
    const bytes = Buffer.from(text);
    const without = textWithout(bytes, 'related');
    return without === undefined ? undefined : readRecordWithoutRelated(without, bytes.length, 1e9);
  };
  const related = 'related:\n  - title: "Other"\n    webUrl: https://b.example/x\n';

  it('keeps what the whole text gives, whatever follows the block', () => {
    for (const text of [
      `---\ntitle: "A"\nwebUrl: https://a.example/\n${related}---\nbody\n`,
      `---\ntitle: "A"\n${related}secured: "x"\ntags:\n  - b\n---\n`,
      `---\n${related}\n# a comment\nwebUrl: https://a.example/\n...\n`,
    ]) {
      const record = cut(text);
      assert.ok(record, text);
      assert.deepEqual(record, whole(text));
    }
  });

  it('gives the record of the whole text, or leaves the file to the whole text, on other shapes', () => {
    for (const text of [
      `---\nwebUrl: https://a.example/\n${related}title: "after the block"\n---\n`, // its line would move
      `---\r\ntitle: A\r\n${related.replace(/\n/g, '\r\n')}---\r\n`,
      `---\ntitle: A\nrelated: []\n---\n`,
      `---\ntitle: A\n${related}\tx: 1\n---\n`,
      `---\ntitle: A\n${related}`, // never closed
      `---\ntitle: A\n---\n${related}`, // in the body
      `---\nrelated :\n  - a\n${related}---\n`, // another key of that name first
      `---\ntitle: A\n${related}title: B\n---\n`,
    ]) {
      // Either not cut, or cut to the same record.
      const record = cut(text);
      if (record !== undefined && record !== null) assert.deepEqual(record, whole(text), text);
    }
    // Longer than the checked maximum (in bytes): read whole, to be left out as the whole text is.
    const text = `---\ntitle: A\n${related}---\n`;
    assert.equal(readRecordWithoutRelated(textWithout(Buffer.from(text), 'related')!, text.length, 10), null);
  });

  it(
    'gives the same record as the whole text on every real article it cuts',
    { skip: !existsSync(CORPUS) },
    () => {
      let cuts = 0;
      for (const slice of ['azure-2020-04', 'azure-large']) {
        const folder = path.join(CORPUS, slice, '_news');
        for (const name of readdirSync(folder)) {
          const bytes = readFileSync(path.join(folder, name));
          const without = textWithout(bytes, 'related');
          if (without === undefined) continue;
          const record = readRecordWithoutRelated(without, bytes.length, 1e9);
          if (record === null) continue;
          cuts++;
          assert.deepEqual(record, readArticleRecord(bytes.toString('utf8'), 1e9, false), name);
        }
      }
      assert.ok(cuts >= 300, `only ${cuts} articles cut`);
    },
  );
});

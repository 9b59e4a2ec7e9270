import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
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

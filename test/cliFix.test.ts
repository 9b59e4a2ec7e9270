/**
 * `check --fix` and `--fix-dry-run` on a copy of the sample site, and the unified diff.
 */
import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unifiedDiff } from '../src/cli/diff';
import { countFixed } from '../src/cli/fix';
import { createArticleService } from '../src/service/index';
import { copySampleSite, runCli, SAMPLE_SITE } from './cliHelpers';

const isRoot = process.getuid?.() === 0;
const NEWS = '_news/2024-03-05-zero-trust-guidance-for-cloud-workloads.md';

/** The sample site's zero-trust article with its one deliberate mistake mended: a clean article. */
const CLEAN = readFileSync(path.join(SAMPLE_SITE, NEWS), 'utf8').replace(
  'www-contoso-news-com.cdn',
  'www-contoso--news-com.cdn',
);
/** The same with two slips the safe fixes mend: a misspelt category and a topic in the wrong case. */
const SLIPPED = CLEAN.replace('category: news', 'category: nwes').replace('  - Security', '  - security');
/** An error no fix can mend. */
const UNFIXABLE = CLEAN.replace('quality: 83', 'quality: high');

/**
 * The files of these tests are copies of one article, named without the date the `news`
 * collection's permalink uses: that they share a `webUrl`, and that Jekyll would date them with
 * the build's time (`post-filename`), is not what they test.
 */
const COPIES = ['--rule', 'duplicate-article=off', '--rule', 'post-filename=off'];

const crlfWithBom = (text: string): string => '\ufeff' + text.replace(/\n/g, '\r\n');

/** A copy of the sample site whose `_news` holds only the files given. */
function site(t: TestContext, news: Record<string, string>): string {
  const root = copySampleSite(t, ['_news']);
  mkdirSync(path.join(root, '_news'));
  for (const [name, text] of Object.entries(news)) writeFileSync(path.join(root, '_news', name), text);
  return root;
}

/** Every file of a folder, by relative path: its bytes and modification time. */
function snapshot(folder: string): Map<string, { bytes: Buffer; mtimeMs: number }> {
  const result = new Map<string, { bytes: Buffer; mtimeMs: number }>();
  for (const name of readdirSync(folder, { recursive: true }) as string[]) {
    const file = path.join(folder, name);
    const info = statSync(file);
    if (info.isFile()) result.set(name, { bytes: readFileSync(file), mtimeMs: info.mtimeMs });
  }
  return result;
}

describe('check --fix', () => {
  test('restores planted slips byte for byte, CRLF and BOM kept; clean files untouched; exit code of what remains', async (t) => {
    assert.notEqual(SLIPPED, CLEAN);
    const root = site(t, {
      'clean.md': CLEAN,
      'slipped.md': SLIPPED,
      'crlf.md': crlfWithBom(SLIPPED),
      'unfixable.md': UNFIXABLE,
    });
    const before = snapshot(root);
    const checked = await runCli(['check', '_news', '--root', '.', ...COPIES], root);
    assert.equal(checked.code, 1);
    assert.match(checked.stdout, /slipped\.md:2:11: error invalid-value: /);
    assert.match(checked.stdout, /crlf\.md:\d+:\d+: warning unknown-topic: /);

    const result = await runCli(['check', '_news', '--root', '.', ...COPIES, '--fix'], root);
    assert.equal(
      result.stderr,
      '_news/crlf.md: 2 problems fixed\n_news/slipped.md: 2 problems fixed\n4 files checked: 1 error, 0 warnings\n',
    );
    assert.match(
      result.stdout,
      /^_news\/unfixable\.md:10:10: error wrong-type: `quality` must be a whole number/,
    );
    assert.equal(result.stdout.split('\n').length, 2, 'only what remains is reported');
    assert.equal(result.code, 1);

    const after = snapshot(root);
    assert.equal(readFileSync(path.join(root, '_news', 'slipped.md'), 'utf8'), CLEAN);
    assert.deepEqual(after.get('_news/crlf.md')?.bytes, Buffer.from(crlfWithBom(CLEAN), 'utf8'));
    for (const [name, { bytes, mtimeMs }] of before) {
      if (name === '_news/slipped.md' || name === '_news/crlf.md') continue;
      assert.deepEqual(after.get(name), { bytes, mtimeMs }, `${name} untouched`);
    }
    assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort(), 'no temporary file left');

    // Fixed, the folder checks as the unfixable file alone; a second --fix changes nothing.
    const again = await runCli(['check', '_news', '--root', '.', ...COPIES, '--fix'], root);
    assert.deepEqual(again, { ...result, stderr: '4 files checked: 1 error, 0 warnings\n' });
  });

  test('every slip mended: exit 0; the JSON output stays pure, the fixes said on stderr', async (t) => {
    const root = site(t, { 'slipped.md': SLIPPED });
    const result = await runCli(['check', '_news', ...COPIES, '--fix', '--format', 'json'], root);
    assert.equal(result.code, 0);
    assert.deepEqual(JSON.parse(result.stdout), { files: 1, diagnostics: [] });
    assert.match(result.stderr, /^_news\/slipped\.md: 2 problems fixed\n/);
  });

  test('--fix-dry-run prints a unified diff, writes nothing, and the diff applied gives what --fix writes', async (t) => {
    const root = site(t, { 'slipped.md': SLIPPED, 'crlf.md': crlfWithBom(SLIPPED), 'clean.md': CLEAN });
    const before = snapshot(root);
    const dry = await runCli(['check', '_news', '--root', '.', ...COPIES, '--fix-dry-run'], root);
    assert.equal(dry.code, 0);
    assert.deepEqual(snapshot(root), before, 'nothing written');
    assert.match(dry.stdout, /^--- a\/_news\/crlf\.md\n\+\+\+ b\/_news\/crlf\.md\n@@ -1,5 \+1,5 @@\n/);
    assert.ok(dry.stdout.includes('\n-category: nwes\n+category: news\n'));
    assert.ok(dry.stdout.includes('\n-  - security\n+  - Security\n'));
    assert.equal(
      dry.stderr,
      '_news/crlf.md: 2 problems would be fixed\n_news/slipped.md: 2 problems would be fixed\n' +
        '3 files checked: 0 errors, 0 warnings\n',
    );

    const patched = mkdtempSync(path.join(os.tmpdir(), 'af-patch-'));
    t.after(() => rmSync(patched, { recursive: true, force: true }));
    cpSync(root, patched, { recursive: true });
    writeFileSync(path.join(patched, 'fix.diff'), dry.stdout);
    const applied = spawnSync('git', ['apply', '--unsafe-paths', 'fix.diff'], {
      cwd: patched,
      encoding: 'utf8',
    });
    assert.equal(applied.status, 0, applied.stderr);
    await runCli(['check', '_news', '--root', '.', ...COPIES, '--fix'], root);
    for (const name of ['slipped.md', 'crlf.md']) {
      assert.deepEqual(
        readFileSync(path.join(patched, '_news', name)),
        readFileSync(path.join(root, '_news', name)),
      );
    }
  });

  test('a file changed on disk while it is being fixed is not overwritten', async (t) => {
    const root = site(t, { 'a.md': SLIPPED, 'b.md': SLIPPED });
    const file = path.join(root, '_news', 'a.md');
    const theirs = SLIPPED.replace('quality: 83', 'quality: 84');
    const result = await runCli(['check', '_news', '--fix'], root, (env) => {
      env.createService = (options) => {
        const service = createArticleService(options);
        return {
          ...service,
          async fixAll(document) {
            const edits = await service.fixAll(document);
            // Someone saves a.md after it was read, before the fix is written.
            if (document.uri.endsWith('/a.md')) writeFileSync(file, theirs);
            return edits;
          },
        };
      };
    });
    assert.equal(readFileSync(file, 'utf8'), theirs);
    assert.equal(readFileSync(path.join(root, '_news', 'b.md'), 'utf8'), CLEAN);
    assert.match(result.stderr, /^_news\/a\.md: changed on disk while it was being fixed; left as it is\n/m);
    assert.match(result.stderr, /^_news\/b\.md: 2 problems fixed\n/m);
    assert.match(result.stdout, /^_news\/a\.md:2:11: error invalid-value: /m, 'its findings as checked');
    assert.equal(result.code, 1);
  });

  test('a file that cannot be written: one line, exit 2, nothing written, even to the files that could be', async (t) => {
    const root = site(t, { 'a.md': SLIPPED, 'b.md': SLIPPED });
    const before = snapshot(root);
    const result = await runCli(['check', '_news', '--fix'], root, (env) => {
      env.fixFileSystem = {
        accessSync(file) {
          if (file.endsWith('b.md')) throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
        },
      };
    });
    assert.deepEqual(result, {
      code: 2,
      stdout: '',
      stderr: "article-frontmatter: cannot write '_news/b.md': permission denied\n",
    });
    assert.deepEqual(snapshot(root), before);
  });

  test('a write that fails half-way (disk full) leaves the file whole and no temporary file', async (t) => {
    const root = site(t, { 'a.md': SLIPPED });
    const before = snapshot(root);
    const result = await runCli(['check', '_news', '--fix'], root, (env) => {
      env.fixFileSystem = {
        writeFileSync(file, data) {
          writeFileSync(file, data.subarray(0, 10));
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        },
      };
    });
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /^article-frontmatter: cannot write '_news\/a\.md': ENOSPC: no space left on device\n$/,
    );
    assert.deepEqual(snapshot(root), before);
  });

  test(
    'a read-only file, for real: exit 2 with its name',
    { skip: isRoot && 'root may write anything' },
    async (t) => {
      const root = site(t, { 'a.md': SLIPPED });
      chmodSync(path.join(root, '_news', 'a.md'), 0o444);
      const result = await runCli(['check', '_news', '--fix'], root);
      assert.equal(result.code, 2);
      assert.equal(result.stderr, "article-frontmatter: cannot write '_news/a.md': permission denied\n");
      assert.equal(readFileSync(path.join(root, '_news', 'a.md'), 'utf8'), SLIPPED);
    },
  );

  test('through a symbolic link the target is fixed and the link stays a link; the mode is kept', async (t) => {
    const root = site(t, {});
    const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'af-target-'));
    t.after(() => rmSync(elsewhere, { recursive: true, force: true }));
    writeFileSync(path.join(elsewhere, 'real.md'), SLIPPED, { mode: 0o640 });
    chmodSync(path.join(elsewhere, 'real.md'), 0o640);
    symlinkSync(path.join(elsewhere, 'real.md'), path.join(root, '_news', 'link.md'));
    const result = await runCli(['check', '_news', '--fix'], root);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(statSync(path.join(root, '_news', 'link.md'), { throwIfNoEntry: true }).isFile());
    assert.equal(readFileSync(path.join(elsewhere, 'real.md'), 'utf8'), CLEAN);
    assert.equal(statSync(path.join(elsewhere, 'real.md')).mode & 0o777, 0o640);
    assert.ok(readdirSync(path.join(root, '_news'), { withFileTypes: true })[0].isSymbolicLink());
  });

  test('a file that is not UTF-8 is not fixed (its bytes would be lost), and says so', async (t) => {
    const root = site(t, {});
    const bytes = Buffer.concat([Buffer.from(SLIPPED), Buffer.from([0xff, 0xfe, 0x0a])]);
    writeFileSync(path.join(root, '_news', 'latin.md'), bytes);
    const result = await runCli(['check', '_news', '--fix'], root);
    assert.deepEqual(readFileSync(path.join(root, '_news', 'latin.md')), bytes);
    assert.match(result.stderr, /^_news\/latin\.md: not UTF-8; not fixed\n/);
    assert.equal(result.code, 1);
  });
});

describe('countFixed: findings the fixes removed, by code and message', () => {
  const d = (code: string, message: string, line = 0) => ({
    range: { start: { line, character: 0 }, end: { line, character: 1 } },
    code,
    message,
  });
  test('a finding that moved is not fixed; one of two alike is', () => {
    assert.equal(countFixed([d('a', 'x', 1), d('b', 'y')], [d('a', 'x', 5)]), 1);
    assert.equal(countFixed([d('a', 'x'), d('a', 'x')], [d('a', 'x')]), 1);
    assert.equal(countFixed([d('a', 'x')], [d('a', 'x'), d('c', 'new')]), 0);
  });
});

describe('unifiedDiff', () => {
  /** Applies a unified diff to a text, as `patch` would (strict: context must match). */
  function applyDiff(before: string, diff: string): string {
    const lines = before.match(/[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$/g) ?? [];
    const body = diff.split('\n').slice(2);
    const out: string[] = [];
    let at = 0;
    for (let i = 0; i < body.length; i++) {
      const header = /^@@ -(\d+),(\d+) \+\d+,\d+ @@$/.exec(body[i]);
      if (!header) continue;
      const start = Number(header[2]) === 0 ? Number(header[1]) : Number(header[1]) - 1;
      while (at < start) out.push(lines[at++]);
      for (i++; i < body.length && /^[ +\-\\]/.test(body[i]); i++) {
        const op = body[i][0];
        if (op === '\\') continue;
        const noNewline = body[i + 1]?.startsWith('\\');
        const text = body[i].slice(1) + (noNewline ? '' : '\n');
        if (op !== '+') assert.equal(lines[at++], text, 'context or removed line matches');
        if (op !== '-') out.push(text);
      }
      i--;
    }
    while (at < lines.length) out.push(lines[at++]);
    return out.join('');
  }

  test('equal texts: no diff; a change in the middle: 3 lines of context', () => {
    assert.equal(unifiedDiff('a.md', 'x\n', 'x\n'), '');
    const before = 'a\nb\nc\nd\ne\nf\ng\nh\n';
    assert.equal(
      unifiedDiff('a.md', before, before.replace('e', 'E')),
      '--- a/a.md\n+++ b/a.md\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n',
    );
  });

  test('no newline at the end, lines added at the top and at the end, CRLF kept', () => {
    assert.equal(
      unifiedDiff('f', 'a\nb', 'a\nc'),
      '--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n',
    );
    assert.equal(unifiedDiff('f', '', 'x\n'), '--- a/f\n+++ b/f\n@@ -0,0 +1,1 @@\n+x\n');
    assert.equal(
      unifiedDiff('f', 'a\r\nb\r\n', 'a\r\nc\r\n'),
      '--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n',
    );
  });

  test('random edits: the diff applied to the old text gives the new one, changes far apart in two hunks', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 300; round++) {
      const before = Array.from({ length: random(40) }, () => 'abcd'[random(4)] + '\n');
      const after = [...before];
      for (let edit = random(6); edit > 0; edit--) {
        const at = random(after.length + 1);
        if (random(2) === 0) after.splice(at, 1);
        else after.splice(at, 0, 'xyz'[random(3)] + '\n');
      }
      const [a, b] = [before.join(''), after.join('')];
      if (random(4) === 0 && b.length > 0) continue;
      const diff = unifiedDiff('f', a, b);
      assert.equal(applyDiff(a, diff), b, `round ${round}\n${a}---\n${b}---\n${diff}`);
    }
    const long = Array.from({ length: 30 }, (_, i) => `line ${i}\n`).join('');
    const twoChanges = long.replace('line 2\n', 'LINE 2\n').replace('line 25\n', 'LINE 25\n');
    assert.equal(unifiedDiff('f', long, twoChanges).match(/^@@/gm)?.length, 2);
  });
});

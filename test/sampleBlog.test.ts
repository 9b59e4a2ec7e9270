import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createNodeWorkspace, fileUri } from '../src/node/nodeWorkspace';
import { createArticleService } from '../src/service/index';
import { runCli } from './cliHelpers';

/** The second bundled sample: a plain Jekyll blog with its own YAML schema and defaults. */
const SAMPLE_BLOG = path.resolve(__dirname, '..', 'sample-blog');

/** `file → [line, code]` of every mistake MISTAKES.md lists (the first line it names). */
function listedMistakes(): Array<[file: string, line: number, code: string]> {
  const text = readFileSync(path.join(SAMPLE_BLOG, 'MISTAKES.md'), 'utf8');
  const rows: Array<[string, number, string]> = [];
  for (const match of text.matchAll(/^\| \d+ \| `([^`]+)` \| (\d+)[^|]*\|[^|]*\| `([a-z-]+)`/gm)) {
    rows.push([match[1], Number(match[2]), match[3]]);
  }
  return rows;
}

describe('the sample blog (a plain Jekyll blog of the usual shape)', () => {
  it('reports exactly the mistakes MISTAKES.md lists, each on its line, and nothing else', async () => {
    const expected = listedMistakes();
    assert.equal(expected.length, 15);
    const result = await runCli(
      ['check', SAMPLE_BLOG, '--root', SAMPLE_BLOG, '--format', 'json'],
      SAMPLE_BLOG,
    );
    const report = JSON.parse(result.stdout) as {
      files: number;
      diagnostics: Array<{ file: string; line: number; code: string }>;
    };
    const found = report.diagnostics.map((item) => [
      path.relative(SAMPLE_BLOG, path.resolve(SAMPLE_BLOG, item.file)).split(path.sep).join('/'),
      item.line,
      item.code,
    ]);
    assert.deepEqual(
      found.sort(),
      expected.map(([file, line, code]) => [file, line, code]).sort(),
      JSON.stringify(report.diagnostics, null, 1),
    );
    assert.equal(result.code, 1);
    // Posts, pages, the draft and the projects; README.md and MISTAKES.md are in `exclude:`.
    assert.equal(report.files, 21);
  });

  it('--list-unpublished lists the draft and the posts Jekyll will not publish, with why', async () => {
    const result = await runCli(
      ['check', SAMPLE_BLOG, '--root', SAMPLE_BLOG, '--format', 'json', '--list-unpublished'],
      SAMPLE_BLOG,
    );
    const report = JSON.parse(result.stdout) as { unpublished: Array<{ file: string; reasons: string[] }> };
    const listed = report.unpublished.map((entry) => [
      path.relative(SAMPLE_BLOG, path.resolve(SAMPLE_BLOG, entry.file)).split(path.sep).join('/'),
      entry.reasons.map((reason) => /`[^`]+`/.exec(reason)?.[0]),
    ]);
    assert.deepEqual(listed, [
      ['_drafts/planing-end-grain.md', ['`_drafts`']],
      ['_posts/2024-05-18-a-jig-that-did-not-work.md', ['`published: false`']],
      ['_posts/2099-06-05-a-bench-for-the-next-century.md', ['`date`']],
      ['_posts/dovetails-by-hand.md', ['`YYYY-MM-DD-title.md`']],
    ]);
    const text = await runCli(
      ['check', SAMPLE_BLOG, '--root', SAMPLE_BLOG, '--list-unpublished'],
      SAMPLE_BLOG,
    );
    assert.match(
      text.stdout,
      /\nNot published by Jekyll \(4 files\):\n {2}\S*_drafts\/planing-end-grain\.md\n {4}- It is a draft/,
    );
  });

  it('check --fix never renames a file: the post without a date keeps its name and its warning', async (t) => {
    const copy = mkdtempSync(path.join(os.tmpdir(), 'af-blog-'));
    t.after(() => rmSync(copy, { recursive: true, force: true }));
    cpSync(SAMPLE_BLOG, copy, { recursive: true });
    const result = await runCli(['check', '.', '--root', '.', '--fix', '--format', 'json'], copy);
    assert.ok(existsSync(path.join(copy, '_posts/dovetails-by-hand.md')));
    assert.ok(!existsSync(path.join(copy, '_posts/2024-06-01-dovetails-by-hand.md')));
    const report = JSON.parse(result.stdout) as { diagnostics: Array<{ file: string; code: string }> };
    const codes = report.diagnostics.map((item) => item.code);
    for (const code of ['post-filename', 'date-mismatch', 'future-post', 'unpublished'])
      assert.ok(codes.includes(code), code);
  });

  it('takes `layout` from the defaults of _config.yml: a post without it is not missing it', async () => {
    const service = createArticleService({ workspace: createNodeWorkspace(SAMPLE_BLOG) });
    const file = path.join(SAMPLE_BLOG, '_posts/2024-01-20-welcome.md');
    const text = readFileSync(file, 'utf8');
    assert.ok(!/^layout:/m.test(text));
    const document = TextDocument.create(fileUri(file), 'markdown', 1, text);
    assert.deepEqual(await service.validate(document), []);
  });

  it('its team configuration checks posts against the blog’s YAML schema', async () => {
    const service = createArticleService({ workspace: createNodeWorkspace(SAMPLE_BLOG) });
    const file = path.join(SAMPLE_BLOG, '_posts/2024-03-02-testing-glue-joints.md');
    const document = TextDocument.create(fileUri(file), 'markdown', 1, readFileSync(file, 'utf8'));
    const [problem] = await service.validate(document);
    assert.equal(problem.code, 'invalid-value');
    assert.match(problem.message, /did you mean `post`/);
  });
});

/**
 * What a team copies to run the CLI elsewhere: the problem matcher `$article-frontmatter`
 * the extension contributes for VS Code tasks (it must read the CLI's text output as the CLI
 * means it), and the hook for the pre-commit framework.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { JsonReport } from '../src/cli/report';
import { runCli } from './cliHelpers';

const repo = path.resolve(__dirname, '..');

describe('the problem matcher $article-frontmatter', () => {
  const manifest = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as {
    contributes: {
      problemMatchers: Array<{
        name: string;
        owner: string;
        fileLocation: string[];
        severity: string;
        pattern: Record<string, string | number>;
      }>;
    };
  };
  const matcher = manifest.contributes.problemMatchers.find(
    (candidate) => candidate.name === 'article-frontmatter',
  );

  test('is contributed, owned by article-frontmatter, files relative to the workspace folder', () => {
    assert.ok(matcher);
    assert.equal(matcher.owner, 'article-frontmatter');
    assert.deepEqual(matcher.fileLocation, ['autoDetect', '${workspaceFolder}']);
  });

  test('its regexp matches every line of the CLI’s text output and captures what --format json says', async () => {
    assert.ok(matcher);
    const pattern = matcher.pattern;
    const regexp = new RegExp(String(pattern.regexp));
    // One rule made `information` so that every severity the CLI prints is seen.
    const args = [
      'check',
      'sample-site',
      '--rule',
      'unknown-topic=information',
      '--rule',
      'duplicate-topic=hint',
    ];
    const text = await runCli(args, repo);
    const json = await runCli([...args, '--format', 'json'], repo);
    const report = JSON.parse(json.stdout) as JsonReport;
    const lines = text.stdout.trimEnd().split('\n');
    assert.equal(lines.length, report.diagnostics.length);
    const severities = new Set<string>();
    lines.forEach((line, index) => {
      const match = regexp.exec(line);
      assert.ok(match, line);
      const d = report.diagnostics[index];
      const group = (name: string): string => match[Number(pattern[name])];
      assert.deepEqual(
        {
          file: group('file'),
          line: Number(group('line')),
          column: Number(group('column')),
          severity: group('severity'),
          code: group('code'),
          message: group('message'),
        },
        {
          file: d.file,
          line: d.line,
          column: d.column,
          severity: d.severity,
          code: d.code,
          message: d.message,
        },
      );
      severities.add(group('severity'));
    });
    assert.deepEqual([...severities].sort(), ['error', 'hint', 'information', 'warning']);
  });

  test('a message holding `file:1:2: ` and a path holding a colon are still read right', () => {
    assert.ok(matcher);
    const regexp = new RegExp(String(matcher.pattern.regexp));
    const match = regexp.exec('dir:x/a.md:3:4: warning unknown-field: see b.md:1:2: error here');
    assert.deepEqual(match?.slice(1), [
      'dir:x/a.md',
      '3',
      '4',
      'warning',
      'unknown-field',
      'see b.md:1:2: error here',
    ]);
  });
});

describe('the pre-commit hook', () => {
  test('.pre-commit-hooks.yaml: article-frontmatter, language node, the bin of this package, Markdown files', () => {
    const hooks = parse(readFileSync(path.join(repo, '.pre-commit-hooks.yaml'), 'utf8')) as Array<
      Record<string, string>
    >;
    assert.equal(hooks.length, 1);
    const [hook] = hooks;
    assert.deepEqual(
      { id: hook.id, language: hook.language, entry: hook.entry },
      { id: 'article-frontmatter', language: 'node', entry: 'article-frontmatter check' },
    );
    const files = new RegExp(hook.files);
    for (const name of ['_news/a.md', 'b.markdown']) assert.ok(files.test(name), name);
    for (const name of ['a.mdx', 'a.md.txt', '_config.yml']) assert.ok(!files.test(name), name);
    // pre-commit installs the repository with `npm pack`: it must build the CLI the bin names.
    const manifest = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
      scripts: Record<string, string>;
    };
    assert.equal(manifest.bin['article-frontmatter'], './dist/cli.js');
    assert.match(manifest.scripts.prepack, /^npm run build/);
  });
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { usage } from '../src/cli/args';
import { run } from '../src/cli/check';
import { createArticleService } from '../src/service/index';
import { BUILT_IN_RULES, rulesByCode } from '../src/service/rules/registry';
import { defineRule, diagnostic, type Rule } from '../src/service/rules/rule';
import { locate } from '../src/service/rules/site/helpers';
import { rulesTable, RULES_TABLE_MARKERS } from '../src/service/rules/table';
import { GOOD_ARTICLE, memoryWorkspace, SITE_ROOT, SMALL_SITE } from './helpers';

/** A rule written for this test only: a title that is placeholder text. */
const loremTitle = defineRule({
  code: 'lorem-title',
  severity: 'warning',
  description: 'A title that is still placeholder text.',
  layer: 'site',
  fix: 'none',
  check(context): Diagnostic[] {
    const title = context.data.title;
    const place =
      typeof title === 'string' && /lorem ipsum/i.test(title) ? locate(context, ['title']) : undefined;
    return place ? [diagnostic(loremTitle, place.range, 'The title is still placeholder text')] : [];
  },
});
const WITH_LOREM = [...BUILT_IN_RULES, loremTitle];
const LOREM_ARTICLE = GOOD_ARTICLE.replace(/^title: .*$/m, 'title: Lorem ipsum dolor');

describe('adding a rule is one file and one line in the registry', () => {
  test('its diagnostics come from its check, on the value it names', async () => {
    const service = createArticleService({ workspace: memoryWorkspace(SMALL_SITE), rules: WITH_LOREM });
    const document = TextDocument.create(`${SITE_ROOT}/_news/2024-03-01-x.md`, 'markdown', 1, LOREM_ARTICLE);
    const found = (await service.validate(document)).filter((item) => item.code === 'lorem-title');
    assert.equal(found.length, 1);
    const line = LOREM_ARTICLE.split('\n').findIndex((text) => text.startsWith('title:'));
    assert.equal(found[0].range.start.line, line);
    // The built-in rules alone know nothing of it.
    const plain = createArticleService({ workspace: memoryWorkspace(SMALL_SITE) });
    assert.deepEqual(
      (await plain.validate(document)).filter((item) => item.code === 'lorem-title'),
      [],
    );
  });

  test('its severity is a setting like any other', async () => {
    const service = createArticleService({
      workspace: memoryWorkspace(SMALL_SITE),
      rules: WITH_LOREM,
      settings: { rules: { 'lorem-title': 'off' } },
    });
    const document = TextDocument.create(`${SITE_ROOT}/_news/2024-03-01-x.md`, 'markdown', 1, LOREM_ARTICLE);
    assert.ok(!(await service.validate(document)).some((item) => item.code === 'lorem-title'));
  });

  test('it is listed by --help and accepted by --rule, and the CLI reports it', async () => {
    assert.match(
      usage(rulesByCode(WITH_LOREM)),
      /lorem-title\s+warning\s+A title that is still placeholder text\./,
    );
    const folder = mkdtempSync(path.join(os.tmpdir(), 'lorem-'));
    try {
      writeFileSync(path.join(folder, '_config.yml'), 'title: x\n');
      writeFileSync(path.join(folder, 'article.md'), LOREM_ARTICLE);
      let stdout = '';
      const code = await run(['check', folder, '--rule', 'lorem-title=error', '--format', 'json'], {
        cwd: folder,
        stdout: (text) => (stdout += text),
        stderr: () => {},
        stderrIsTTY: false,
        version: '0.0.0',
        rules: rulesByCode(WITH_LOREM),
        createService: (options) => createArticleService({ ...options, rules: WITH_LOREM }),
      });
      const report = JSON.parse(stdout) as { diagnostics: Array<{ code: string; severity: string }> };
      assert.deepEqual(
        report.diagnostics.filter((item) => item.code === 'lorem-title').map((item) => item.severity),
        ['error'],
      );
      assert.equal(code, 1);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test('it has its row in the generated rule table', () => {
    const table = rulesTable(WITH_LOREM);
    assert.match(
      table,
      /^\| `lorem-title` \| warning \| – \| A title that is still placeholder text\. \| – \|$/m,
    );
  });
});

describe('the rule registry', () => {
  test('codes are unique, and every superseded code is a rule', () => {
    const codes = BUILT_IN_RULES.map((rule) => rule.code);
    assert.equal(new Set(codes).size, codes.length);
    for (const rule of BUILT_IN_RULES as readonly Rule[])
      for (const code of rule.supersedes ?? [])
        assert.ok(codes.includes(code as never), `${rule.code} → ${code}`);
  });

  test('the README shows the table the registry makes (npm run docs writes it)', () => {
    const readme = readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
    const start = readme.indexOf(RULES_TABLE_MARKERS.start);
    const end = readme.indexOf(RULES_TABLE_MARKERS.end);
    assert.ok(start >= 0 && end > start, 'README.md has the rule table markers');
    assert.equal(
      readme.slice(start + RULES_TABLE_MARKERS.start.length, end).trim(),
      rulesTable(BUILT_IN_RULES),
      'the README rule table is stale: run `npm run docs`',
    );
  });
});

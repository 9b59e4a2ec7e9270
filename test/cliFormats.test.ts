/**
 * `--format sarif` and `--format github`.
 *
 * `fixtures/sarif-schema-2.1.0.json` is the SARIF 2.1.0 JSON schema as the SARIF SDK ships
 * it (`sarif-2.1.0.json` of the npm package @microsoft/sarif-multitool-linux 5.7.0, MIT,
 * sha256 1c49a0f2…98c), declared as JSON Schema 2020-12.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { artifactLocation, formatSarif, INFORMATION_URI, sarifLevel } from '../src/cli/formats/sarif';
import { escapeData, escapeProperty, formatGithub, githubCommand } from '../src/cli/formats/github';
import type { JsonReport, ReportEntry } from '../src/cli/report';
import { RULES } from '../src/service/index';
import { runCli } from './cliHelpers';

const repo = path.resolve(__dirname, '..');

/** The parts of a SARIF log these tests read. */
interface SarifLog {
  version: string;
  $schema: string;
  runs: Array<{
    tool: {
      driver: {
        name: string;
        version: string;
        informationUri: string;
        rules: Array<{
          id: string;
          shortDescription: { text: string };
          defaultConfiguration: { level: string };
        }>;
      };
    };
    originalUriBaseIds: Record<string, { uri: string }>;
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: Array<{
        physicalLocation: {
          artifactLocation: { uri: string; uriBaseId?: string };
          region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
        };
      }>;
    }>;
  }>;
}

function sarifValidator() {
  const schema = JSON.parse(
    readFileSync(path.join(__dirname, 'fixtures', 'sarif-schema-2.1.0.json'), 'utf8'),
  );
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

const entry = (overrides: Partial<ReportEntry>): ReportEntry => ({
  file: 'a.md',
  line: 2,
  column: 3,
  endLine: 2,
  endColumn: 9,
  severity: 'error',
  code: 'wrong-type',
  message: 'Bad.',
  ...overrides,
});

describe('--format sarif', () => {
  const validate = sarifValidator();

  test('the sample site: valid SARIF 2.1.0, the same findings as --format json, by file, line and code', async () => {
    const json = await runCli(['check', 'sample-site', '--format', 'json'], repo);
    const sarif = await runCli(['check', 'sample-site', '--format', 'sarif'], repo);
    assert.equal(sarif.code, json.code);
    assert.equal(sarif.code, 1);
    assert.equal(sarif.stderr, json.stderr, 'the summary stays on stderr');
    const log = JSON.parse(sarif.stdout) as SarifLog;
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));

    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    assert.equal(log.runs.length, 1);
    const [run] = log.runs;
    assert.deepEqual(
      { ...run.tool.driver, rules: run.tool.driver.rules.length },
      {
        name: 'article-frontmatter',
        version: '9.8.7',
        informationUri: INFORMATION_URI,
        rules: Object.keys(RULES).length,
      },
    );
    for (const [code, rule] of Object.entries(RULES)) {
      const described = run.tool.driver.rules.find((candidate) => candidate.id === code);
      assert.deepEqual(described, {
        id: code,
        shortDescription: { text: rule.about },
        defaultConfiguration: {
          level: rule.severity === 'information' || rule.severity === 'hint' ? 'note' : rule.severity,
        },
      });
    }

    const report = JSON.parse(json.stdout) as JsonReport;
    const fromJson = report.diagnostics.map((d) => [
      d.file,
      d.line,
      d.column,
      d.endLine,
      d.endColumn,
      d.code,
      d.severity === 'information' || d.severity === 'hint' ? 'note' : d.severity,
    ]);
    const fromSarif = run.results.map((result) => {
      const { artifactLocation: where, region } = result.locations[0].physicalLocation;
      assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
      assert.equal(where.uriBaseId, 'ROOT');
      return [
        where.uri,
        region.startLine,
        region.startColumn,
        region.endLine,
        region.endColumn,
        result.ruleId,
        result.level,
      ];
    });
    // The 11 findings of sample-site/MISTAKES.md, and the `unpublished` hint of `published: false`.
    assert.equal(fromSarif.length, 12);
    assert.deepEqual(fromSarif, fromJson);
    assert.deepEqual(
      run.results.map((result) => result.message.text),
      report.diagnostics.map((d) => d.message),
    );
    assert.deepEqual(run.originalUriBaseIds, { ROOT: { uri: `file://${repo}/` } });
  });

  test('--root: paths relative to the site root; information and hints are notes', async () => {
    const sarif = await runCli(
      [
        'check',
        'sample-site/_news',
        '--root',
        'sample-site',
        '--format',
        'sarif',
        '--rule',
        'unknown-field=hint',
      ],
      repo,
    );
    const log = JSON.parse(sarif.stdout) as SarifLog;
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    const uris = log.runs[0].results.map(
      (result) => result.locations[0].physicalLocation.artifactLocation.uri,
    );
    assert.ok(uris.includes('_news/2024-01-09-object-storage-prices-fall-again.md'), uris.join('\n'));
    assert.ok(uris.every((uri) => uri.startsWith('_news/')));
    const hint = log.runs[0].results.find((result) => result.ruleId === 'unknown-field');
    assert.equal(hint?.level, 'note');
    assert.equal(log.runs[0].originalUriBaseIds.ROOT.uri, `file://${repo}/sample-site/`);
  });

  test('the schema does reject what is not SARIF', () => {
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), false); // no name
    const log = JSON.parse(
      formatSarif([entry({})], { version: '1.0.0', rules: {}, cwd: '/work' }),
    ) as SarifLog;
    assert.ok(validate(log));
    log.runs[0].results[0].level = 'information';
    assert.equal(validate(log), false);
    log.runs[0].results[0].level = 'error';
    log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'a b.md';
    assert.equal(validate(log), false, 'a URI with a space');
  });

  test('no findings: an empty list of results, still valid', async () => {
    const sarif = await runCli(['check', 'sample-site/_people', '--format', 'sarif'], repo);
    assert.equal(sarif.code, 0);
    const log = JSON.parse(sarif.stdout) as SarifLog;
    assert.ok(validate(log));
    assert.deepEqual(log.runs[0].results, []);
  });

  test('paths: encoded segments, `/` separators, a file: URI outside the base', () => {
    assert.deepEqual(artifactLocation('/site/_news/a b#1.md', '/site'), {
      uri: '_news/a%20b%231.md',
      uriBaseId: 'ROOT',
    });
    assert.deepEqual(artifactLocation('/elsewhere/a.md', '/site'), { uri: 'file:///elsewhere/a.md' });
    const log = JSON.parse(
      formatSarif([entry({ file: 'odd name.md' }), entry({ code: 'made-up', severity: 'information' })], {
        version: '1.0.0',
        rules: {},
        cwd: '/work',
      }),
    ) as SarifLog;
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    const [first, second] = log.runs[0].results;
    assert.equal(first.locations[0].physicalLocation.artifactLocation.uri, 'odd%20name.md');
    assert.deepEqual([second.ruleId, second.ruleIndex, second.level], ['made-up', 1, 'note']);
    assert.deepEqual(['error', 'warning', 'information', 'hint'].map(sarifLevel), [
      'error',
      'warning',
      'note',
      'note',
    ]);
  });
});

describe('--format github', () => {
  test('one workflow command per finding, as many as --format json has, the summary on stderr', async () => {
    const json = await runCli(['check', 'sample-site', '--format', 'json'], repo);
    const github = await runCli(['check', 'sample-site', '--format', 'github'], repo);
    assert.equal(github.code, 1);
    // README.md and MISTAKES.md are in the sample site's `exclude:`: Jekyll does not build them;
    // `_data/organizations/*.md` (8) are Jekyll's data, not articles.
    assert.equal(github.stderr, '18 files checked: 3 errors, 8 warnings, 1 hint\n');
    const report = JSON.parse(json.stdout) as JsonReport;
    const lines = github.stdout.trimEnd().split('\n');
    assert.equal(lines.length, report.diagnostics.length);
    lines.forEach((line, index) => {
      const d = report.diagnostics[index];
      const command = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
      assert.equal(
        line,
        `::${command} file=${d.file},line=${d.line},col=${d.column},endLine=${d.endLine},` +
          `endColumn=${d.endColumn},title=${d.code}::${escapeData(d.message)}`,
      );
    });
  });

  test('escaped as GitHub’s toolkit escapes: % CR LF in data, and : , in properties', () => {
    assert.equal(escapeData('100% sure\r\nnext: a, b'), '100%25 sure%0D%0Anext: a, b');
    assert.equal(escapeProperty('dir:x,y/100%.md'), 'dir%3Ax%2Cy/100%25.md');
    assert.equal(
      formatGithub([entry({ file: 'a,b:c.md', severity: 'hint', message: 'Two\nlines, 5%' })]),
      '::notice file=a%2Cb%3Ac.md,line=2,col=3,endLine=2,endColumn=9,title=wrong-type::Two%0Alines, 5%25\n',
    );
    assert.deepEqual((['error', 'warning', 'information', 'hint'] as const).map(githubCommand), [
      'error',
      'warning',
      'notice',
      'notice',
    ]);
  });
});

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createNodeWorkspace, fileUri } from '../src/node/nodeWorkspace';
import { createArticleService } from '../src/service/index';
import { runCli, type JsonFinding } from './cliHelpers';

/** A project laid out as remark-lint-frontmatter-schema's users lay theirs out. */
const PROJECT: Record<string, string> = {
  'schemas/common.schema.yaml': [
    '$schema: http://json-schema.org/draft-07/schema#',
    'type: object',
    'properties:',
    '  title:',
    '    type: string',
    '  tags:',
    '    type: array',
    '    items:',
    '      type: string',
    'required: [title]',
    '',
  ].join('\n'),
  'schemas/post.schema.yaml': [
    '$schema: http://json-schema.org/draft-07/schema#',
    'allOf:',
    '  - $ref: ./common.schema.yaml',
    '  - type: object',
    '    properties:',
    '      category:',
    '        enum: [news, howto]',
    '      draft:',
    '        type: boolean',
    '    required: [category]',
    '',
  ].join('\n'),
  'content/good.md': [
    '---',
    '$schema: ../schemas/post.schema.yaml',
    'title: Hello',
    'category: news',
    'tags: [a, b]',
    'topics: [Not A Topic]',
    'provider: { name: X, domain: y.com }',
    '---',
    'Body',
    '',
  ].join('\n'),
  'content/post.md': [
    '---',
    '$schema: ../schemas/post.schema.yaml',
    'category: newz',
    'draft: maybe',
    '---',
    '',
  ].join('\n'),
  'content/comment.md': [
    '---',
    '# yaml-language-server: $schema=../schemas/post.schema.yaml',
    'title: Hello',
    '---',
    '',
  ].join('\n'),
  'content/outside.md': ['---', '$schema: ../../outside.json', 'title: x', '---', ''].join('\n'),
  'content/remote.md': ['---', '$schema: https://example.com/post.schema.json', 'title: x', '---', ''].join(
    '\n',
  ),
  'schemas/leaves.schema.json': JSON.stringify({ allOf: [{ $ref: '../../outside.json' }] }),
  'content/leaves.md': ['---', '$schema: /schemas/leaves.schema.json', 'title: x', '---', ''].join('\n'),
  'schemas/remote-ref.schema.yaml': 'allOf:\n  - $ref: https://example.com/x.json\n',
  'content/remote-ref.md': ['---', '$schema: schemas/remote-ref.schema.yaml', 'title: x', '---', ''].join(
    '\n',
  ),
};

/** The project in a temporary folder, beside an `outside.json` that must never be read. */
function writeProject(t: TestContext): string {
  const base = mkdtempSync(path.join(os.tmpdir(), 'af-peer-'));
  t.after(() => rmSync(base, { recursive: true, force: true }));
  writeFileSync(path.join(base, 'outside.json'), JSON.stringify({ title: 'SECRET-OUTSIDE', type: 'object' }));
  const root = path.join(base, 'project');
  for (const [file, text] of Object.entries(PROJECT)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

async function checkJson(root: string, file: string): Promise<{ code: number; findings: JsonFinding[] }> {
  const result = await runCli(['check', file, '--root', root, '--format', 'json'], root);
  return {
    code: result.code,
    findings: (JSON.parse(result.stdout) as { diagnostics: JsonFinding[] }).diagnostics,
  };
}

describe('peers\u2019 schemas', () => {
  test('a correct article of the project shows nothing at all (no site rule about undeclared fields)', async (t) => {
    const root = writeProject(t);
    const { code, findings } = await checkJson(root, 'content/good.md');
    assert.deepEqual(findings, []);
    assert.equal(code, 0);
  });

  test('its mistakes are errors on their own lines: enum, wrong type, missing field', async (t) => {
    const root = writeProject(t);
    const { code, findings } = await checkJson(root, 'content/post.md');
    const seen = findings.map(({ line, severity, code }) => `${line} ${severity} ${code}`).sort();
    assert.deepEqual(seen, ['1 error missing-field', '3 error invalid-value', '4 error wrong-type']);
    assert.match(findings.find((item) => item.code === 'invalid-value')!.message, /news/);
    assert.equal(code, 1);
  });

  test('the yaml-language-server comment names the schema too', async (t) => {
    const root = writeProject(t);
    const { findings } = await checkJson(root, 'content/comment.md');
    assert.deepEqual(
      findings.map(({ line, code }) => `${line} ${code}`),
      ['1 missing-field'],
    );
  });

  for (const [file, pattern] of [
    ['content/outside.md', /outside the site/],
    ['content/remote.md', /never from the network/],
    ['content/leaves.md', /outside the site/],
    ['content/remote-ref.md', /not fetched/],
  ] as const) {
    test(`${file}: refused with schema-unavailable on the \`$schema\` line, nothing of the outside file`, async (t) => {
      const root = writeProject(t);
      const { findings } = await checkJson(root, file);
      assert.equal(findings.length, 1, JSON.stringify(findings));
      assert.equal(findings[0].code, 'schema-unavailable');
      assert.equal(findings[0].line, 2);
      assert.match(findings[0].message, pattern);
      assert.doesNotMatch(JSON.stringify(findings), /SECRET-OUTSIDE/);
    });
  }

  test('the service reads the same schemas through its workspace; `$schema` is never unknown', async (t) => {
    const root = writeProject(t);
    writeFileSync(
      path.join(root, 'schemas/closed.schema.json'),
      JSON.stringify({
        type: 'object',
        properties: { title: { type: 'string' } },
        additionalProperties: false,
      }),
    );
    const service = createArticleService({ workspace: createNodeWorkspace(root) });
    await service.ready;
    const text = '---\n$schema: ../schemas/closed.schema.json\ntitle: x\nauthor: y\n---\n';
    const found = await service.validate(
      TextDocument.create(fileUri(path.join(root, 'content/closed.md')), 'markdown', 1, text),
    );
    assert.deepEqual(
      found.map((item) => `${item.range.start.line} ${String(item.code)}`),
      ['3 unknown-field'],
    );
  });

  test('`--schema x.yaml` and a YAML schema in the settings are read as YAML', async (t) => {
    const root = writeProject(t);
    writeFileSync(path.join(root, 'content/plain.md'), '---\ntitle: 5\n---\n');
    const result = await runCli(
      [
        'check',
        'content/plain.md',
        '--root',
        '.',
        '--schema',
        'schemas/common.schema.yaml',
        '--format',
        'json',
      ],
      root,
    );
    const findings = (JSON.parse(result.stdout) as { diagnostics: JsonFinding[] }).diagnostics;
    assert.deepEqual(
      findings.map(({ line, code }) => `${line} ${code}`),
      ['2 wrong-type'],
    );
  });
});

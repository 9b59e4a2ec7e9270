import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createNodeWorkspace, fileUri } from '../src/node/nodeWorkspace';
import { createArticleService, RULES } from '../src/service/index';
import configSchema from '../schemas/article-frontmatter.config.schema.json';
import { copySampleSite, runCli, type JsonFinding } from './cliHelpers';
import { memoryWorkspace, SITE_ROOT, SMALL_SITE } from './helpers';

const TOPIC_FILE = '_news/2024-02-06-infrastructure-as-code-drift-survey.md';
const MISSING_TITLE = '_news/2024-05-07-managed-databases-move-to-storage-compute-split.md';

async function findings(root: string, ...extra: string[]): Promise<{ code: number; found: JsonFinding[] }> {
  const result = await runCli(['check', '.', '--root', '.', '--format', 'json', ...extra], root);
  const parsed = JSON.parse(result.stdout) as { files: number; diagnostics: JsonFinding[] };
  return { code: result.code, found: parsed.diagnostics };
}

const codes = (found: JsonFinding[]) => found.map((item) => item.code);

describe('team configuration (.article-frontmatter.yml)', () => {
  test('`rules: { unknown-topic: off }` silences the code in the CLI and in the service alike', async (t) => {
    const root = copySampleSite(t);
    assert.ok(codes((await findings(root)).found).includes('unknown-topic'));
    writeFileSync(path.join(root, '.article-frontmatter.yml'), 'rules:\n  unknown-topic: "off"\n');
    const { found } = await findings(root);
    assert.ok(!codes(found).includes('unknown-topic'));
    assert.ok(codes(found).includes('duplicate-topic'), 'the other rules still report');

    const service = createArticleService({ workspace: createNodeWorkspace(root) });
    await service.ready;
    const file = path.join(root, TOPIC_FILE);
    const { readFileSync } = await import('node:fs');
    const diagnostics = await service.validate(
      TextDocument.create(fileUri(file), 'markdown', 1, readFileSync(file, 'utf8')),
    );
    assert.deepEqual(diagnostics, []);
  });

  test('a CLI `--rule` overrides the team config for its code; `info` is `information`', async (t) => {
    const root = copySampleSite(t);
    writeFileSync(
      path.join(root, '.article-frontmatter.yml'),
      'rules:\n  unknown-topic: off\n  duplicate-topic: info\n',
    );
    const { found } = await findings(root, '--rule', 'unknown-topic=error');
    const topic = found.find((item) => item.code === 'unknown-topic');
    assert.equal(topic?.severity, 'error');
    assert.equal(found.find((item) => item.code === 'duplicate-topic')?.severity, 'information');
  });

  test('`ignore` skips files: not checked, not counted', async (t) => {
    const root = copySampleSite(t);
    const before = await runCli(['check', '.', '--root', '.', '--format', 'json'], root);
    writeFileSync(
      path.join(root, '.article-frontmatter.yml'),
      `ignore:\n  - ${MISSING_TITLE}\n  - _learning\n`,
    );
    const after = await runCli(['check', '.', '--root', '.', '--format', 'json'], root);
    const [was, now] = [before, after].map(
      (run) => JSON.parse(run.stdout) as { files: number; diagnostics: JsonFinding[] },
    );
    assert.ok(now.files < was.files - 1);
    assert.ok(
      !now.diagnostics.some(
        (item) => item.file.includes('managed-databases') || item.file.startsWith('_learning'),
      ),
    );
    assert.ok(codes(now.diagnostics).includes('wrong-type'), 'the other files are still checked');
  });

  test('a bad value: a diagnostic in the config file (with "did you mean"), and articles still checked', async (t) => {
    const root = copySampleSite(t);
    writeFileSync(
      path.join(root, '.article-frontmatter.yml'),
      'rules:\n  unknown-topc: off\n  duplicate-topic: loud\n  url-has-spaces: off\nignor: []\n',
    );
    const { found } = await findings(root);
    const inConfig = found.filter((item) => item.file === '.article-frontmatter.yml');
    assert.deepEqual(
      inConfig.map(({ line, code }) => `${line} ${code}`),
      ['2 invalid-value', '3 invalid-value', '5 unknown-field'],
    );
    assert.match(inConfig[0].message, /did you mean `unknown-topic`/);
    assert.match(inConfig[2].message, /did you mean `ignore`/);
    assert.ok(codes(found).includes('unknown-topic'), 'the misspelt rule is not applied');
    assert.ok(!codes(found).includes('url-has-spaces'), 'the good value is applied');
  });

  test('broken YAML in the config file: yaml-syntax there, never a crash', async (t) => {
    const root = copySampleSite(t);
    writeFileSync(path.join(root, '.article-frontmatter.yml'), 'rules: [unclosed\n');
    const { found } = await findings(root);
    assert.ok(found.some((item) => item.file === '.article-frontmatter.yml' && item.code === 'yaml-syntax'));
    assert.ok(codes(found).includes('unknown-topic'));
  });

  test('the service: team schemas, .json form, settings over the team, invalidation, completion and hover', async () => {
    const files: Record<string, string> = {
      ...SMALL_SITE,
      '.article-frontmatter.json': JSON.stringify({
        rules: { 'unknown-topic': 'hint' },
        schemas: [{ fileMatch: ['notes/*.md'], url: 'schemas/note.yaml' }],
      }),
      'schemas/note.yaml': 'type: object\nrequired: [title]\n',
    };
    // Read from `files` on each call, so the test can change a file.
    const workspace = {
      ...memoryWorkspace(files),
      readFile: async (uri: string) => files[uri.slice(SITE_ROOT.length + 1)],
    };
    const service = createArticleService({ workspace });
    await service.ready;
    const note = TextDocument.create(`${SITE_ROOT}/notes/a.md`, 'markdown', 1, '---\nother: 1\n---\n');
    assert.deepEqual(
      (await service.validate(note)).map((item) => item.code),
      ['missing-field'],
    );
    const news = TextDocument.create(
      `${SITE_ROOT}/_news/x.md`,
      'markdown',
      1,
      '---\ntitle: x\ntopics: [Nope]\n---\n',
    );
    const topic = (await service.validate(news)).find((item) => item.code === 'unknown-topic');
    assert.equal(topic?.severity, 4);
    service.configure({ rules: { 'unknown-topic': 'error' } });
    assert.equal((await service.validate(news)).find((item) => item.code === 'unknown-topic')?.severity, 1);
    files['.article-frontmatter.json'] = JSON.stringify({ ignore: ['_news/**'] });
    service.configure({ rules: {} });
    service.invalidateSite(`${SITE_ROOT}/.article-frontmatter.json`);
    assert.deepEqual(await service.validate(news), []);
    assert.equal(await service.ignores?.(`${SITE_ROOT}/_news/x.md`), true);

    const config = TextDocument.create(`${SITE_ROOT}/.article-frontmatter.yml`, 'yaml', 1, 'rules:\n  unk\n');
    const completion = await service.complete(config, { line: 1, character: 5 });
    const labels = (Array.isArray(completion) ? completion : completion.items).map((item) => item.label);
    assert.ok(labels.includes('unknown-topic'));
    const hover = await service.hover(config, { line: 0, character: 2 });
    assert.match(JSON.stringify(hover), /severity/);
  });

  test('the published schema names every rule code', () => {
    const rules = configSchema.properties.rules;
    assert.deepEqual([...rules.propertyNames.enum].sort(), Object.keys(RULES).sort());
  });
});

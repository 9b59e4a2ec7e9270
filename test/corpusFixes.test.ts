import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createNodeWorkspace, fileUri } from '../src/node/nodeWorkspace';
import { createArticleService } from '../src/service/index';

const CORPUS = process.env.ARTICLE_CORPUS ?? path.resolve(__dirname, '../../shared/corpus');
const SITE = path.join(CORPUS, 'azure-large');
const FILE = path.join(SITE, '_news/2020-04-16-google-cloud-platform-vs-microsoft-azure.md');

/**
 * A real 2 445-line article, with one mistake a writer makes, and the preferred fix: the
 * mistake's diagnostic is gone, and — where the fix can know what was meant — the article
 * is exactly the original again; elsewhere nothing outside the mistake's lines changed.
 */
describe('preferred fixes on a real article', { skip: !existsSync(FILE) && 'no corpus' }, () => {
  const original = existsSync(FILE) ? readFileSync(FILE, 'utf8') : '';
  const service = createArticleService({ workspace: createNodeWorkspace(SITE) });
  const uri = fileUri(FILE);
  let version = 1;

  async function fixOnce(text: string, code: string): Promise<{ fixed: string; left: string[] }> {
    const document = TextDocument.create(uri, 'markdown', version++, text);
    const diagnostics = await service.validate(document);
    const target = diagnostics.filter((item) => item.code === code);
    assert.equal(target.length, 1, `one ${code} among ${diagnostics.map((item) => item.code).join(', ')}`);
    const actions = await service.codeActions(document, target[0].range, target);
    const preferred = actions.filter((action) => action.isPreferred);
    assert.equal(preferred.length, 1, actions.map((action) => action.title).join('; '));
    const fixed = TextDocument.applyEdits(document, preferred[0].edit!.changes![uri]);
    const left = await service.validate(TextDocument.create(uri, 'markdown', version++, fixed));
    return { fixed, left: left.map((item) => String(item.code)) };
  }

  function mistake(find: string, replace: string): string {
    assert.ok(original.includes(find), find);
    return original.replace(find, replace);
  }

  it('is clean as it is', async () => {
    assert.deepEqual(await service.validate(TextDocument.create(uri, 'markdown', version++, original)), []);
  });

  const restoring: Array<[what: string, code: string, find: string, replace: string]> = [
    ['a misspelled field', 'unknown-field', '\nheat: -1', '\nhaet: -1'],
    ['a type with a typo', 'invalid-value', '\ntype: article\n', '\ntype: artcle\n'],
    ['a topic in the wrong case', 'unknown-topic', '  - Azure\n', '  - azure\n'],
    ['a number written as text', 'wrong-type', 'quality: 77', 'quality: "77"'],
    ['a provider renamed', 'provider-name-mismatch', '  name: InfoWorld', '  name: Infoworld'],
    ['a topic listed twice', 'duplicate-topic', '  - Azure\n', '  - Azure\n  - Azure\n'],
    ['a field written twice, the earlier copy ignored', 'duplicate-key', '\nheat: -1', '\nheat: 5\nheat: -1'],
    [
      'an unclosed quote',
      'yaml-syntax',
      'title: "GOOGLE CLOUD PLATFORM VS. MICROSOFT AZURE"',
      'title: "GOOGLE CLOUD PLATFORM VS. MICROSOFT AZURE',
    ],
  ];
  for (const [what, code, find, replace] of restoring) {
    it(`${what} (${code}): the fix gives back the original`, async () => {
      const { fixed, left } = await fixOnce(mistake(find, replace), code);
      assert.deepEqual(left, []);
      assert.ok(fixed === original, `${code}: the fixed article differs from the original`);
    });
  }

  const local: Array<[what: string, code: string, find: string, replace: string]> = [
    ['published: yes', 'jekyll-boolean', 'published: false', 'published: no'],
    ['a URL with a space', 'url-has-spaces', 'resources/201378/google', 'resources/201378 /google'],
    ['a missing category', 'missing-field', 'category: news\n', ''],
    [
      'a provider of another site',
      'provider-domain-mismatch',
      '  domain: infoworld.com',
      '  domain: zdnet.com',
    ],
  ];
  for (const [what, code, find, replace] of local) {
    it(`${what} (${code}): the fix removes it and touches only its own lines`, async () => {
      const broken = mistake(find, replace);
      const { fixed, left } = await fixOnce(broken, code);
      assert.ok(!left.includes(code), `${code} is left: ${left.join(', ')}`);
      // Everything before the first changed line and after the last one is as it was.
      const before = broken.split('\n');
      const after = fixed.split('\n');
      let start = 0;
      while (before[start] === after[start]) start++;
      let end = 0;
      while (end < before.length - start && before[before.length - 1 - end] === after[after.length - 1 - end])
        end++;
      assert.ok(
        before.length - start - end <= 8 && after.length - start - end <= 8,
        `${code} changed lines ${start}..`,
      );
    });
  }
});

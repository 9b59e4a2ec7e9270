import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction } from 'vscode-languageserver-types';
import { GOOD_ARTICLE, serviceFor, SITE_ROOT, SMALL_SITE } from './helpers';

const PATH = `${SITE_ROOT}/_news/2024-03-01-test.md`;

/** Applies the preferred fix of the one diagnostic with `code`; returns the fixed text and what is left. */
async function applyPreferredFix(text: string, code: string, path = PATH) {
  const service = serviceFor();
  const document = TextDocument.create(path, 'markdown', 1, text);
  const diagnostics = await service.validate(document);
  const target = diagnostics.filter((item) => item.code === code);
  assert.equal(target.length, 1, `one ${code} in ${JSON.stringify(diagnostics.map((item) => item.code))}`);
  const actions = await service.codeActions(document, target[0].range, target);
  const preferred = actions.filter((action) => action.isPreferred);
  assert.equal(preferred.length, 1, JSON.stringify(actions.map((action) => action.title)));
  const fixed = apply(document, preferred[0]);
  const after = await service.validate(TextDocument.create(path, 'markdown', 2, fixed));
  return { fixed, title: preferred[0].title, after: after.map((item) => String(item.code)), actions };
}

/** Applies the fix titled `title` of the one diagnostic with `code`; says whether it was preferred. */
async function applyFix(text: string, code: string, title: string) {
  const service = serviceFor();
  const document = TextDocument.create(PATH, 'markdown', 1, text);
  const target = (await service.validate(document)).filter((item) => item.code === code);
  assert.equal(target.length, 1, `one ${code}`);
  const actions = await service.codeActions(document, target[0].range, target);
  const action = actions.find((candidate) => candidate.title === title);
  assert.ok(action, JSON.stringify(actions.map((candidate) => candidate.title)));
  return { fixed: apply(document, action), preferred: action.isPreferred === true };
}

function apply(document: TextDocument, action: CodeAction): string {
  assert.equal(action.kind, 'quickfix');
  const edits = action.edit?.changes?.[document.uri] ?? [];
  assert.ok(edits.length > 0);
  return TextDocument.applyEdits(document, edits);
}

function broken(find: string, replace: string): string {
  assert.ok(GOOD_ARTICLE.includes(find), find);
  return GOOD_ARTICLE.replace(find, replace);
}

describe('the preferred quick fix removes its diagnostic and changes nothing else', () => {
  const cases: Array<[name: string, code: string, find: string, replace: string, title: string]> = [
    ['a misspelled field is renamed', 'unknown-field', 'heat: 12', 'haet: 12', 'Rename to `heat`'],
    [
      'a value close to an allowed one',
      'invalid-value',
      'type: article',
      'type: artcle',
      'Change to article',
    ],
    ['a topic with the wrong case', 'unknown-topic', '  - Cloud', '  - cloud', 'Change to Cloud'],
    ['a number written as text', 'wrong-type', 'quality: 80', 'quality: "80"', 'Change to 80'],
    [
      'yes where a boolean is expected',
      'jekyll-boolean',
      'published: true',
      'published: yes',
      'Write `true`',
    ],
    [
      'a URL with spaces',
      'url-has-spaces',
      'news/new-region',
      'news/new region',
      'Encode the spaces as `%20`',
    ],
    [
      'a provider named unlike the catalogue',
      'provider-name-mismatch',
      '  name: Contoso',
      '  name: "Contosso"',
      'Use the catalogue\u2019s name "Contoso"',
    ],
    [
      'a provider domain unlike the webUrl',
      'provider-domain-mismatch',
      '  domain: contoso.com',
      '  domain: fabrikam.com',
      'Set the provider to Contoso (contoso.com) from the site\u2019s catalogue',
    ],
    [
      'a duplicate topic is removed',
      'duplicate-topic',
      '  - Cloud',
      '  - Cloud\n  - Cloud',
      'Remove the repeated topic',
    ],
    [
      'of a field written twice, the copy Jekyll ignores is removed',
      'duplicate-key',
      'heat: 12',
      'heat: 12\nheat: 13',
      'Remove the earlier `heat` (Jekyll ignores it)',
    ],
    ['a missing category is added', 'missing-field', 'category: news\n', '', 'Add the field `category`'],
  ];
  for (const [name, code, find, replace, title] of cases) {
    it(name, async () => {
      const text = broken(find, replace);
      const result = await applyPreferredFix(text, code);
      assert.equal(result.title, title);
      assert.ok(!result.after.includes(code), `${code} is still there: ${result.after.join(', ')}`);
      // Nothing else changed: the fixed text differs from the broken one only inside the edit.
      assertOnlyLocalChange(text, result.fixed);
    });
  }

  it('a cdnAmpWebUrl is set from the ampWebUrl', async () => {
    const text = broken(
      'type: article',
      'ampWebUrl: https://www.contoso.com/amp/x\ncdnAmpWebUrl: https://wrong.cdn.ampproject.org/c/s/x\ntype: article',
    );
    const result = await applyPreferredFix(text, 'amp-cache-url-mismatch');
    assert.equal(
      result.fixed,
      text.replace(
        'https://wrong.cdn.ampproject.org/c/s/x',
        'https://www-contoso-com.cdn.ampproject.org/c/s/www.contoso.com/amp/x',
      ),
    );
    assert.deepEqual(result.after, []);
  });

  it('renaming keeps the value, removing takes the whole line', async () => {
    const text = broken('heat: 12', 'haet: 3 # kept comment');
    const rename = await applyPreferredFix(text, 'unknown-field');
    assert.equal(rename.fixed, text.replace('haet: 3', 'heat: 3'));
    const remove = rename.actions.find((action) => action.title === 'Remove this field');
    assert.ok(remove);
    assert.equal(
      apply(TextDocument.create(PATH, 'markdown', 1, text), remove),
      text.replace('haet: 3 # kept comment\n', ''),
    );
  });

  it('a missing nested field is added inside its group, indented like its siblings', async () => {
    const text = broken('  name: Contoso\n', '');
    const result = await applyFix(text, 'missing-field', 'Add the field `name`');
    assert.equal(result.fixed, text.replace('  domain: contoso.com', '  domain: contoso.com\n  name: ""'));
  });

  it('a field whose placeholder the schema refuses (`title: ""`) is offered, not preferred: fix-all leaves it', async () => {
    const result = await applyFix(
      broken('title: "Contoso opens a new region"\n', ''),
      'missing-field',
      'Add the field `title`',
    );
    assert.equal(result.preferred, false);
    assert.match(result.fixed, /\ntitle: ""\n---\n/);
  });

  it('a field missing from a list entry is added to that entry, after its last field', async () => {
    const text = broken('    width: 1200\n', '');
    const result = await applyPreferredFix(text, 'missing-field');
    assert.equal(result.title, 'Add the field `width`');
    assert.equal(
      result.fixed,
      text.replace(
        '    height: 630\n    isCached: true\n',
        '    height: 630\n    isCached: true\n    width: 1\n',
      ),
    );
    assert.ok(!result.after.includes('missing-field'), result.after.join(', '));
  });

  it('an entry whose first field is a group gets the field itself, not inside that group', async () => {
    const entry =
      'related:\n  - provider:\n      name: Contoso\n      domain: contoso.com\n    title: Older news\n';
    const text = broken('images:\n', `${entry}images:\n`);
    const service = serviceFor();
    const document = TextDocument.create(PATH, 'markdown', 1, text);
    const missing = (await service.validate(document)).filter((item) => item.code === 'missing-field');
    assert.ok(missing.length > 0);
    for (const diagnostic of missing) {
      const field = (diagnostic.data as { field: string }).field;
      // Underlined on the entry's `-` and first key.
      assert.equal(
        text.slice(document.offsetAt(diagnostic.range.start), document.offsetAt(diagnostic.range.end)),
        '- provider',
      );
      const actions = await service.codeActions(document, diagnostic.range, [diagnostic]);
      const add = actions.find((action) => action.title === `Add the field \`${field}\``);
      assert.ok(add, JSON.stringify(actions.map((action) => action.title)));
      const fixed = apply(document, add);
      assert.ok(fixed.includes(`    title: Older news\n    ${field}: `), fixed);
      const after = await service.validate(TextDocument.create(PATH, 'markdown', 2, fixed));
      assert.ok(
        !after.some((item) => item.code === 'missing-field' && item.message.includes(`\`${field}\``)),
        field,
      );
      assert.ok(!after.some((item) => item.code === 'unknown-field'), JSON.stringify(after));
    }
  });

  it('a missing field is added with a placeholder of its type, a group with its own required fields', async () => {
    const title = await applyFix(
      broken('title: "Contoso opens a new region"\n', ''),
      'missing-field',
      'Add the field `title`',
    );
    assert.match(title.fixed, /\ntitle: ""\n---\n/);
    const provider = await applyFix(
      broken('provider:\n  name: Contoso\n  domain: contoso.com\n', ''),
      'missing-field',
      'Add the field `provider`',
    );
    assert.ok(provider.fixed.includes('\nprovider:\n  name: ""\n  domain: ""\n---\n'), provider.fixed);
    const category = await applyPreferredFix(broken('category: news\n', ''), 'missing-field');
    assert.match(category.fixed, /\ncategory: news\n---\n/);
    assert.deepEqual(category.after, []);
  });

  it('a topic repeated in a list in brackets is removed with its comma', async () => {
    const result = await applyPreferredFix(
      broken('topics:\n  - Cloud', 'topics: [Cloud, "Management tools", Cloud ]'),
      'duplicate-topic',
    );
    assert.equal(result.title, 'Remove the repeated topic');
    assert.ok(result.fixed.includes('\ntopics: [Cloud, "Management tools" ]\n'), result.fixed);
    assert.deepEqual(result.after, []);
  });

  it('fixes keep CRLF line endings', async () => {
    const text = broken('heat: 12', 'heat: 12\nheat: 13').replace(/\n/g, '\r\n');
    const result = await applyPreferredFix(text, 'duplicate-key');
    assert.equal(result.fixed, text.replace('heat: 12\r\n', ''));
  });
});

/** The two texts share everything but one contiguous middle part. */
function assertOnlyLocalChange(before: string, after: string): void {
  let start = 0;
  while (start < before.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && before[before.length - 1 - end] === after[after.length - 1 - end])
    end++;
  const removed = before.slice(start, before.length - end);
  const added = after.slice(start, after.length - end);
  assert.ok(
    removed.split('\n').length <= 3 && added.split('\n').length <= 3,
    `changed ${JSON.stringify(removed)} → ${JSON.stringify(added)}`,
  );
}

describe('a provider that does not match the webUrl', () => {
  it('is replaced by the catalogue\u2019s provider for the webUrl\u2019s domain, logos included', async () => {
    const files = {
      ...SMALL_SITE,
      '_data/organizations/fabrikam.com.md':
        '---\nname: Fabrikam\ndomain: fabrikam.com\nimages:\n  - url: /assets/fabrikam-50x50.jpg\n    width: 50\n    height: 50\n---\n',
    };
    const text = GOOD_ARTICLE.replace(
      'https://www.contoso.com/news/new-region',
      'https://news.fabrikam.com/2024/region',
    );
    const service = serviceFor(files);
    const document = TextDocument.create(PATH, 'markdown', 1, text);
    const diagnostics = await service.validate(document);
    assert.deepEqual(
      diagnostics.map((item) => item.code),
      ['provider-domain-mismatch'],
    );
    const actions = await service.codeActions(document, diagnostics[0].range, diagnostics);
    const preferred = actions.find((action) => action.isPreferred)!;
    assert.equal(
      preferred.title,
      'Set the provider to Fabrikam (fabrikam.com) from the site\u2019s catalogue',
    );
    const fixed = apply(document, preferred);
    assert.equal(
      fixed,
      text.replace(
        'provider:\n  name: Contoso\n  domain: contoso.com\n',
        'provider:\n  name: Fabrikam\n  domain: fabrikam.com\n  images:\n    - url: /assets/fabrikam-50x50.jpg\n      width: 50\n      height: 50\n',
      ),
    );
    assert.deepEqual(await service.validate(TextDocument.create(PATH, 'markdown', 2, fixed)), []);
  });
});

describe('YAML that cannot be read', () => {
  it('an unclosed [ is closed at the end of its line', async () => {
    const text = GOOD_ARTICLE.replace('topics:\n  - Cloud\n', 'topics: [Cloud, Management tools\n');
    const result = await applyPreferredFix(text, 'yaml-syntax');
    assert.equal(result.title, 'Close it with `]`');
    assert.equal(
      result.fixed,
      GOOD_ARTICLE.replace('topics:\n  - Cloud\n', 'topics: [Cloud, Management tools]\n'),
    );
    assert.deepEqual(result.after, []);
  });

  it('an unclosed quote is closed at the end of its line', async () => {
    const text = GOOD_ARTICLE.replace(
      'title: "Contoso opens a new region"',
      'title: "Contoso opens a new region',
    );
    const result = await applyPreferredFix(text, 'yaml-syntax');
    assert.equal(result.fixed, GOOD_ARTICLE);
  });

  it('nothing is offered where closing would swallow a comment', async () => {
    const text = GOOD_ARTICLE.replace('topics:\n  - Cloud\n', 'topics: [Cloud # our topics\n');
    const service = serviceFor();
    const document = TextDocument.create(PATH, 'markdown', 1, text);
    const diagnostics = await service.validate(document);
    assert.deepEqual(await service.codeActions(document, diagnostics[0].range, diagnostics), []);
  });
});

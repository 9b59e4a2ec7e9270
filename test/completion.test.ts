import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  InsertTextMode,
  type CompletionItem,
  type Position,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-types';
import { atCursor, GOOD_ARTICLE, serviceFor, SMALL_SITE } from './helpers';

type Options = Parameters<typeof atCursor>[1];

/** The proposals at the ‸ cursor, after checking that every edit lies on the cursor's line and holds it. */
async function completeAt(
  marked: string,
  options?: Options,
): Promise<{ items: CompletionItem[]; document: TextDocument }> {
  const { service, document, position } = atCursor(marked, options);
  const result = await service.complete(document, position);
  const items = Array.isArray(result) ? result : result.items;
  for (const item of items) assertEditAtCursor(document, position, item);
  return { items, document };
}

function assertEditAtCursor(document: TextDocument, position: Position, item: CompletionItem): void {
  const edit = item.textEdit as TextEdit | undefined;
  assert.ok(edit && 'range' in edit, `${item.label} has a textEdit`);
  const { start, end } = edit.range;
  assert.equal(start.line, position.line, `${item.label} edits the cursor's line`);
  assert.equal(end.line, position.line, `${item.label} edits the cursor's line`);
  assert.ok(
    start.character <= position.character && position.character <= end.character,
    `${item.label} holds the cursor`,
  );
  for (const other of [edit, ...(item.additionalTextEdits ?? [])]) assertInside(document, other.range);
}

function assertInside(document: TextDocument, range: Range): void {
  for (const at of [range.start, range.end]) {
    assert.deepEqual(
      document.positionAt(document.offsetAt(at)),
      at,
      `${JSON.stringify(at)} is in the document`,
    );
  }
}

async function labelsAt(marked: string, options?: Options): Promise<string[]> {
  return (await completeAt(marked, options)).items.map((item) => item.label);
}

/** The labels in the order the editor shows them before any filtering. */
function sorted(items: CompletionItem[]): string[] {
  return [...items]
    .sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label))
    .map((item) => item.label);
}

/**
 * The document text after choosing a proposal, as an editor applies it: the main edit with
 * its later lines indented like the cursor's line (for `adjustIndentation`), then the
 * additional edits. Snippet tab stops (`$1`) are left as they are.
 */
function applyItem(document: TextDocument, item: CompletionItem): string {
  const main = item.textEdit as TextEdit;
  let newText = main.newText;
  if (item.insertTextMode === InsertTextMode.adjustIndentation) {
    const lineStart = document.offsetAt({ line: main.range.start.line, character: 0 });
    const indent = /^[ \t]*/.exec(
      document.getText().slice(lineStart, document.offsetAt(main.range.start)),
    )![0];
    newText = newText.replace(/\n/g, '\n' + indent);
  }
  const edits = [{ ...main, newText }, ...(item.additionalTextEdits ?? [])]
    .map((edit) => ({
      start: document.offsetAt(edit.range.start),
      end: document.offsetAt(edit.range.end),
      text: edit.newText,
    }))
    .sort((a, b) => b.start - a.start);
  for (let i = 1; i < edits.length; i++) {
    assert.ok(edits[i].end <= edits[i - 1].start, 'the edits do not overlap');
  }
  let text = document.getText();
  for (const edit of edits) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  return text;
}

/** Chooses the proposal labelled `label` at the ‸ cursor and returns the resulting text. */
async function choose(marked: string, label: string, options?: Options): Promise<string> {
  const { items, document } = await completeAt(marked, options);
  const item = items.find((candidate) => candidate.label === label);
  assert.ok(item, `${label} is proposed among ${items.map((candidate) => candidate.label).join(', ')}`);
  return applyItem(document, item);
}

describe('completion proposes the fields still missing', () => {
  it('at the top level, required fields first and not the ones already there', async () => {
    const { items } = await completeAt('---\ncategory: news\ntitle: A\nauthor: Jane\n‸\n---\nBody\n');
    const labels = sorted(items);
    for (const present of ['category', 'title', 'author']) assert.ok(!labels.includes(present), present);
    assert.deepEqual(labels.slice(0, 5), ['excerpt', 'publishedDateTime', 'type', 'provider', 'topics']);
    assert.ok(labels.includes('webUrl') && labels.includes('published'));
  });

  it('each with its type in words and its description', async () => {
    const { items } = await completeAt('---\n‸\n---\n');
    const type = items.find((item) => item.label === 'type');
    assert.equal(type?.detail, 'required · one of article, video');
    assert.equal(type?.command?.command, 'editor.action.triggerSuggest', 'the values are proposed next');
    assert.match((type?.documentation as { value: string }).value, /What the news item is/);
    assert.equal(items.find((item) => item.label === 'quality')?.detail, 'whole number');
    assert.equal(items.find((item) => item.label === 'webUrl')?.detail, 'web address');
  });

  it('replacing the part of the key already typed', async () => {
    assert.equal(
      await choose('---\ntitle: A\npubl‸\n---\n', 'published'),
      '---\ntitle: A\npublished: \n---\n',
    );
  });

  it('renaming a key without touching its value', async () => {
    assert.equal(await choose('---\nauth‸: Jane\n---\n', 'author'), '---\nauthor: Jane\n---\n');
  });

  it('inside provider', async () => {
    const marked = '---\ntitle: A\nprovider:\n  name: Contoso\n  ‸\ntopics:\n  - Cloud\n---\n';
    assert.deepEqual(await labelsAt(marked), ['domain', 'images']);
    assert.equal(
      await choose(marked, 'domain'),
      '---\ntitle: A\nprovider:\n  name: Contoso\n  domain: \ntopics:\n  - Cloud\n---\n',
    );
  });

  it('in a list of pictures, after the list marker', async () => {
    assert.deepEqual(await labelsAt('---\nimages:\n  - url: /a.png\n  - ‸\n---\n'), [
      'url',
      'width',
      'height',
      'isCached',
      'title',
    ]);
    assert.deepEqual(await labelsAt('---\nimages:\n  - url: /a.png\n    ‸\n---\n'), [
      'width',
      'height',
      'isCached',
      'title',
    ]);
  });

  it('as a block for a group of fields or a list', async () => {
    assert.equal(
      await choose('---\nprov‸\n---\n', 'provider'),
      '---\nprovider:\n  name: $1\n  domain: $2\n---\n',
    );
    assert.equal(await choose('---\n‸\n---\n', 'topics'), '---\ntopics:\n  - $1\n---\n');
    assert.equal(
      await choose('---\n‸\n---\n', 'images'),
      '---\nimages:\n  - url: $1\n    width: $2\n    height: $3\n---\n',
    );
  });

  it('as a block indented like the line it is typed on', async () => {
    assert.equal(
      await choose('---\nrelated:\n  - title: A\n    ima‸\n---\n', 'images'),
      '---\nrelated:\n  - title: A\n    images:\n      - url: $1\n        width: $2\n        height: $3\n---\n',
    );
    assert.equal(
      await choose('---\nrelated:\n  - prov‸\n---\n', 'provider'),
      '---\nrelated:\n  - provider:\n      name: $1\n      domain: $2\n---\n',
    );
  });

  it('even when the YAML around the cursor is broken', async () => {
    const labels = await labelsAt('---\ntitle: "A\nexcerpt: [B\npub‸\n---\n');
    assert.ok(labels.includes('published') && labels.includes('publishedDateTime'), labels.join(', '));
  });
});

describe('completion proposes values', () => {
  it('of an enumeration', async () => {
    assert.deepEqual(await labelsAt('---\ntype: ‸\n---\n'), ['article', 'video']);
    assert.equal(await choose('---\ntype: vi‸\n---\n', 'video'), '---\ntype: video\n---\n');
    assert.equal(await choose('---\ntype: "vi‸"\n---\n', 'video'), '---\ntype: "video"\n---\n');
  });

  it('true and false for a boolean', async () => {
    assert.deepEqual(await labelsAt('---\npublished: ‸\n---\n'), ['true', 'false']);
    assert.equal(await choose('---\npublished:‸\n---\n', 'false'), '---\npublished: false\n---\n');
    assert.equal(
      await choose('---\npublished: yes‸ # hidden\n---\n', 'false'),
      '---\npublished: false # hidden\n---\n',
    );
  });

  it('the current time for publishedDateTime, as YYYY-MM-DDTHH:MM:SSZ in UTC', async () => {
    const [now] = await labelsAt('---\npublishedDateTime: ‸\n---\n');
    assert.match(now, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.ok(Math.abs(Date.parse(now) - Date.now()) < 60_000);
  });

  it('of the levels of a course, those not listed yet', async () => {
    const marked = '---\ntitle: A\ntype: course\nlevels:\n  - Beginner\n  - ‸\n---\n';
    assert.deepEqual(await labelsAt(marked, { path: '_learning/courses/a.md' }), [
      'Intermediate',
      'Advanced',
    ]);
  });

  it('none inside the text of a block scalar', async () => {
    assert.deepEqual(await labelsAt('---\nexcerpt: >-\n  Contoso ‸\ntype: article\n---\n'), []);
  });
});

describe('completion proposes the site’s topics', () => {
  it('those not in the list yet', async () => {
    const marked = '---\ntopics:\n  - Cloud\n  - ‸\n---\n';
    assert.deepEqual(await labelsAt(marked), ['Management tools']);
    assert.equal(
      await choose(marked, 'Management tools'),
      '---\ntopics:\n  - Cloud\n  - Management tools\n---\n',
    );
  });

  it('replacing the part of the topic already typed', async () => {
    const marked = '---\ntopics:\n  - Man‸\n  - Cloud\n---\n';
    assert.deepEqual(await labelsAt(marked), ['Management tools']);
    assert.equal(
      await choose(marked, 'Management tools'),
      '---\ntopics:\n  - Management tools\n  - Cloud\n---\n',
    );
  });

  it('in a list in brackets', async () => {
    assert.equal(
      await choose('---\ntopics: [Cloud, ‸]\n---\n', 'Management tools'),
      '---\ntopics: [Cloud, Management tools]\n---\n',
    );
  });

  it('in a list in brackets not closed yet, after a comma and a space', async () => {
    assert.equal(
      await choose('---\ntopics: [Cloud, ‸\n---\n', 'Management tools'),
      '---\ntopics: [Cloud, Management tools\n---\n',
    );
    assert.equal(
      await choose('---\ntopics: [Cloud,  Man‸\n---\n', 'Management tools'),
      '---\ntopics: [Cloud,  Management tools\n---\n',
    );
    assert.deepEqual(await labelsAt('---\ntopics: [Cloud] ‸\n---\n'), []);
  });

  it('after a list marker just typed', async () => {
    assert.equal(await choose('---\ntopics:\n  -‸\n---\n', 'Cloud'), '---\ntopics:\n  - Cloud\n---\n');
  });
});

describe('completion proposes a collection’s learning items', () => {
  const SITE = {
    ...SMALL_SITE,
    '_learning/videos/setup.md': '---\ntitle: Setup\ntype: video\n---\n',
    '_learning/courses/basics.md': '---\ntitle: Basics\ntype: course\n---\n',
  };
  const collection = (items: string) =>
    `---\ntitle: A path\ntype: collection\nitems:\n${items}\ntopics:\n  - Cloud\n---\n`;
  const options = { files: SITE, path: '_learning/collections/a-path.md' };

  it('the site’s videos and courses, as `folder/name`, without those already listed', async () => {
    assert.deepEqual(await labelsAt(collection('  - videos/intro\n  - ‸'), options), [
      'videos/setup',
      'courses/basics',
    ]);
    assert.equal(
      await choose(collection('  - vid‸'), 'videos/setup', options),
      collection('  - videos/setup'),
    );
  });

  it('not in an article’s lists', async () => {
    assert.deepEqual(await labelsAt('---\ntitle: A\nitems:\n  - ‸\n---\n', { files: SITE }), []);
  });
});

describe('completion proposes the site’s providers', () => {
  const LOGO_SITE = {
    ...SMALL_SITE,
    '_data/organizations/fabrikam.com.md':
      '---\nname: Fabrikam News\ndomain: fabrikam.com\nimages:\n  - url: /assets/images/organizations/fabrikam.com-50x50.png\n    width: 50\n    height: 50\n---\n',
  };

  it('filling the name and the domain', async () => {
    assert.equal(
      await choose('---\ntitle: A\nprovider:\n  name: Con‸\ntopics:\n  - Cloud\n---\n', 'Contoso'),
      '---\ntitle: A\nprovider:\n  name: Contoso\n  domain: contoso.com\ntopics:\n  - Cloud\n---\n',
    );
  });

  it('replacing a domain already there', async () => {
    assert.equal(
      await choose('---\nprovider:\n  domain: example.com # old\n  name: ‸\n---\n', 'Contoso'),
      '---\nprovider:\n  domain: contoso.com # old\n  name: Contoso\n---\n',
    );
  });

  it('with the logo when the catalogue has one', async () => {
    assert.equal(
      await choose('---\nprovider:\n  name: ‸\n---\n', 'Fabrikam News', { files: LOGO_SITE }),
      '---\nprovider:\n  name: Fabrikam News\n  domain: fabrikam.com\n  images:\n' +
        '    - url: /assets/images/organizations/fabrikam.com-50x50.png\n      width: 50\n      height: 50\n---\n',
    );
  });

  it('replacing the previous provider’s logo', async () => {
    const oldLogo =
      '  images:\n    - url: https://cdn.example/bbc.com-50x50.jpg\n      width: 50\n      height: 50\n';
    const newLogo =
      '  images:\n    - url: /assets/images/organizations/fabrikam.com-50x50.png\n      width: 50\n      height: 50\n';
    assert.equal(
      await choose(
        `---\nprovider:\n  name: BB‸\n  domain: bbc.com\n${oldLogo}topics:\n  - Cloud\n---\n`,
        'Fabrikam News',
        {
          files: LOGO_SITE,
        },
      ),
      `---\nprovider:\n  name: Fabrikam News\n  domain: fabrikam.com\n${newLogo}topics:\n  - Cloud\n---\n`,
    );
    // On a new line, with the logo above it; CRLF kept.
    assert.equal(
      await choose(`---\r\nprovider:\r\n${oldLogo.replace(/\n/g, '\r\n')}  ‸\r\n---\r\n`, 'Fabrikam News', {
        files: LOGO_SITE,
      }),
      `---\r\nprovider:\r\n${newLogo.replace(/\n/g, '\r\n')}  name: Fabrikam News\r\n  domain: fabrikam.com\r\n---\r\n`,
    );
    // A catalogue entry without a logo leaves the images alone.
    assert.equal(
      await choose(`---\nprovider:\n  name: ‸\n${oldLogo}---\n`, 'Contoso'),
      `---\nprovider:\n  name: Contoso\n  domain: contoso.com\n${oldLogo}---\n`,
    );
  });

  it('on a new line under provider:', async () => {
    const marked = '---\nprovider:\n  ‸\n---\n';
    assert.deepEqual(await labelsAt(marked), ['name', 'domain', 'images', 'Contoso']);
    assert.equal(
      await choose(marked, 'Contoso'),
      '---\nprovider:\n  name: Contoso\n  domain: contoso.com\n---\n',
    );
  });

  it('keeping the document’s line breaks', async () => {
    assert.equal(
      await choose('---\r\nprovider:\r\n  name: ‸\r\n---\r\n', 'Contoso'),
      '---\r\nprovider:\r\n  name: Contoso\r\n  domain: contoso.com\r\n---\r\n',
    );
  });
});

describe('completion stays out of the way', () => {
  it('outside the front matter', async () => {
    assert.deepEqual(await labelsAt(GOOD_ARTICLE.replace('Body text.', 'Body ‸text.')), []);
    assert.deepEqual(await labelsAt('---\ntitle: A\n---\n‸'), []);
    assert.deepEqual(await labelsAt('-‸--\ntitle: A\n---\n'), []);
    assert.deepEqual(await labelsAt('---\ntitle: A\n--‸-\n'), []);
    assert.deepEqual(await labelsAt('---\n‸---\n'), []);
    assert.deepEqual(await labelsAt('# No front matter ‸\n'), []);
  });

  it('in a comment', async () => {
    assert.deepEqual(await labelsAt('---\n# type: ‸\n---\n'), []);
  });

  it('never failing, wherever the cursor is in a good or a broken article', async () => {
    const service = serviceFor();
    const broken = GOOD_ARTICLE.replace('provider:\n', 'provider: [\n').replace(
      '  - Cloud',
      '  - "Cloud\n -',
    );
    for (const text of [GOOD_ARTICLE, broken]) {
      const document = TextDocument.create('file:///site/_news/2024-03-01-test.md', 'markdown', 1, text);
      for (let offset = 0; offset <= text.length; offset++) {
        const position = document.positionAt(offset);
        const result = await service.complete(document, position);
        for (const item of Array.isArray(result) ? result : result.items) {
          assertEditAtCursor(document, position, item);
        }
      }
    }
  });
});

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { atCursor, SITE_ROOT, SMALL_SITE, serviceFor } from './helpers';

const CORPUS = process.env.ARTICLE_CORPUS ?? path.resolve(__dirname, '../../shared/corpus');

/** Every file below a folder of a corpus site, by path relative to the site. */
function filesOf(site: string, folder: string, take = Infinity, filter = (_text: string) => true) {
  const files: Record<string, string> = {};
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(CORPUS, site, relative), { withFileTypes: true })) {
      if (Object.keys(files).length >= take) return;
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else {
        const text = readFileSync(path.join(CORPUS, site, child), 'utf8');
        if (filter(text)) files[child] = text;
      }
    }
  };
  walk(folder);
  return files;
}

const DEFAULTS = `defaults:
  - scope: { path: "_news" }
    values: &news { category: news, type: article, layout: post }
  - scope: { path: "_learning/videos" }
    values: { type: video }
`;

/** What the service reports on each article, without positions (removing lines moves them). */
async function reports(files: Record<string, string>, articles: Record<string, string>) {
  const service = serviceFor({ ...files, ...articles });
  const result: Record<string, string[]> = {};
  for (const [file, text] of Object.entries(articles)) {
    const document = TextDocument.create(`${SITE_ROOT}/${file}`, 'markdown', 1, text);
    result[file] = (await service.validate(document)).map((item) => `${item.code}: ${item.message}`);
  }
  return result;
}

describe(
  'values set by _config.yml defaults are neither missing nor unknown',
  { skip: !existsSync(CORPUS) && 'no ../shared/corpus beside the checkout' },
  () => {
    for (const [site, folder, filter, removed] of [
      ['azure-2020-04', '_news', (text: string) => /^type: article$/m.test(text), /^(category|type): .*\n/gm],
      ['powerapps', '_learning/videos', () => true, /^type: .*\n/gm],
    ] as const) {
      it(`${site} ${folder}: the same reports with the values removed and given by default`, async () => {
        const data = filesOf(site, '_data');
        const articles = filesOf(site, folder, 40, filter);
        const before = await reports({ ...data, '_config.yml': 'title: x\n' }, articles);
        const stripped = Object.fromEntries(
          Object.entries(articles).map(([file, text]) => [file, text.replace(removed, '')]),
        );
        assert.ok(Object.entries(stripped).every(([file, text]) => text !== articles[file]));
        const after = await reports({ ...data, '_config.yml': DEFAULTS }, stripped);
        assert.deepEqual(after, before);
        // Without the defaults, the same files lack what was removed.
        const without = await reports({ ...data, '_config.yml': 'title: x\n' }, stripped);
        assert.ok(
          Object.values(without).every((found) => found.some((item) => item.startsWith('missing-field'))),
        );
      });
    }
  },
);

describe('the editor shows what _config.yml defaults give a file', () => {
  const files = {
    ...SMALL_SITE,
    '_config.yml':
      'defaults:\n  - scope: { path: _news, type: news }\n    values: { category: news }\n  - scope: { path: _news }\n    values: { type: article }\ncollections: [news]\n',
  };

  it('completion does not offer a defaulted field as required', async () => {
    const { service, document, position } = atCursor('---\ntitle: x\n\u2038\n---\n', { files });
    const completion = await service.complete(document, position);
    const items = Array.isArray(completion) ? completion : completion.items;
    const detail = (label: string) => items.find((item) => item.label === label)?.detail ?? '';
    assert.ok(detail('excerpt').startsWith('required'), detail('excerpt'));
    assert.ok(!detail('category').startsWith('required'), detail('category'));
    assert.ok(!detail('type').startsWith('required'), detail('type'));
  });

  it('hovering the opening --- lists the defaulted values and their scopes', async () => {
    const { service, document, position } = atCursor('-\u2038--\ntitle: x\ntype: video\n---\n', { files });
    const hover = await service.hover(document, position);
    const value =
      hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    assert.match(value, /`category`: `news` — scope: path `_news`, type `news`/);
    assert.doesNotMatch(value, /`type`/, 'the file sets its own type');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, RenameFile } from 'vscode-languageserver-types';
import { createArticleService } from '../src/service/index';
import { placeOf } from '../src/service/site/publication';
import { fileNameDate, placeDate, writtenDate, dayText } from '../src/service/site/postDates';
import { readJekyllConfig } from '../src/service/site/jekyllConfig';
import { brief, memoryWorkspace, SITE_ROOT } from './helpers';

/** The fixed "now" of these tests: noon UTC on 1 June 2025. */
const NOW = new Date('2025-06-01T12:00:00Z');

const PUBLICATION_CODES = new Set(['future-post', 'unpublished', 'post-filename', 'date-mismatch']);

/** A small blog: `_config.yml` (and its files) in memory, checked at `NOW`. */
function blog(config = 'title: A blog\ntimezone: Europe/Paris\n', files: Record<string, string> = {}) {
  const service = createArticleService({
    workspace: memoryWorkspace({ '_config.yml': config, ...files }),
    now: () => NOW,
    logger: {
      error(message, error) {
        throw new Error(`${message}: ${error instanceof Error ? error.stack : String(error)}`);
      },
    },
  });
  return {
    service,
    document: (path: string, text: string) =>
      TextDocument.create(`${SITE_ROOT}/${path}`, 'markdown', 1, text),
    /** The publication findings of a file. */
    async check(path: string, text: string): Promise<Diagnostic[]> {
      const found = await service.validate(TextDocument.create(`${SITE_ROOT}/${path}`, 'markdown', 1, text));
      return found.filter((item) => PUBLICATION_CODES.has(String(item.code)));
    },
  };
}

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((item) => String(item.code));

describe('future-post: a post dated after now is not published unless `future: true`', () => {
  it('reports a post dated 2099 on a site without `future: true`, on its `date`', async () => {
    const found = await blog().check(
      '_posts/2099-01-01-later.md',
      '---\ntitle: Later\ndate: 2099-01-01\n---\n',
    );
    assert.deepEqual(found.map(brief), [
      {
        code: 'future-post',
        range: '2:6-2:16',
        message:
          'This post is dated 2099-01-01 by its `date`, after now (`timezone: Europe/Paris`): Jekyll does not publish it until then, because `_config.yml` does not set `future: true` (Jekyll\u2019s default is `future: false`)',
      },
    ]);
    assert.equal(found[0].severity, 2);
  });

  it('says nothing on a site with `future: true`', async () => {
    const site = blog('title: A blog\nfuture: true\n');
    assert.deepEqual(
      await site.check('_posts/2099-01-01-later.md', '---\ntitle: Later\ndate: 2099-01-01\n---\n'),
      [],
    );
  });

  it('takes the date from the file name when there is no `date`, and reports it on the opening `---`', async () => {
    const found = await blog().check('_posts/2099-01-01-later.md', '---\ntitle: Later\n---\n');
    assert.deepEqual(
      found.map((item) => [item.code, brief(item).range]),
      [['future-post', '0:0-0:3']],
    );
    assert.match(found[0].message, /dated 2099-01-01 by its file name/);
  });

  it('judges in the site’s time zone: later today in Tokyo is already past in Paris', async () => {
    // 20:30 in Tokyo on 1 June is 11:30 UTC: before noon UTC.
    assert.deepEqual(
      await blog('timezone: Asia/Tokyo\n').check(
        '_posts/2025-06-01-a.md',
        '---\ndate: 2025-06-01 20:30\n---\n',
      ),
      [],
    );
    // 20:30 in Paris on 1 June is 18:30 UTC: after noon UTC.
    assert.deepEqual(
      codes(await blog().check('_posts/2025-06-01-a.md', '---\ndate: 2025-06-01 20:30\n---\n')),
      ['future-post'],
    );
    // An explicit zone wins over the site's.
    assert.deepEqual(
      await blog().check('_posts/2025-06-01-a.md', '---\ndate: 2025-06-01 20:30:00 +0900\n---\n'),
      [],
    );
  });

  it('without a `timezone`, reports only a date in the future in every zone', async () => {
    const site = blog('title: No zone\n');
    assert.deepEqual(await site.check('_posts/2025-06-02-a.md', '---\ntitle: Tomorrow somewhere\n---\n'), []);
    const found = await site.check('_posts/2025-06-03-a.md', '---\ntitle: The day after\n---\n');
    assert.deepEqual(codes(found), ['future-post']);
    assert.match(found[0].message, /the site sets no `timezone`/);
  });

  it('is about posts and written-out collection documents, not pages, drafts or unread files', async () => {
    const config = 'timezone: UTC\ncollections:\n  events:\n    output: true\n  notes:\n    output: false\n';
    const site = blog(config);
    const future = '---\ntitle: Later\ndate: 2099-01-01\n---\n';
    assert.deepEqual(await site.check('about.md', future), []);
    assert.deepEqual(await site.check('_drafts/later.md', future), []);
    assert.deepEqual(await site.check('_notes/later.md', future), []);
    assert.deepEqual(await site.check('_news/later.md', future), []);
    assert.deepEqual(codes(await site.check('_events/later.md', future)), ['future-post']);
    assert.deepEqual(codes(await site.check('blog/_posts/2099-01-01-later.md', future)), ['future-post']);
  });
});

describe('unpublished: `published: false` is said to keep the file out of the build', () => {
  it('is a hint on the value, citing `--unpublished`', async () => {
    const found = await blog().check('_posts/2024-01-01-a.md', '---\ntitle: A\npublished: false\n---\n');
    assert.deepEqual(found.map(brief), [
      {
        code: 'unpublished',
        range: '2:11-2:16',
        message:
          '`published: false`: Jekyll does not build this file, so it will not appear on the site (unless built with `--unpublished`, or `_config.yml` sets `unpublished: true`)',
      },
    ]);
    assert.equal(found[0].severity, 4);
  });

  it('takes an unquoted `no` as Jekyll does, but not a quoted one, and not on a site with `unpublished: true`', async () => {
    assert.deepEqual(codes(await blog().check('about.md', '---\npublished: no\n---\n')), ['unpublished']);
    assert.deepEqual(await blog().check('about.md', '---\npublished: "no"\n---\n'), []);
    assert.deepEqual(await blog().check('about.md', '---\npublished: true\n---\n'), []);
    assert.deepEqual(await blog('unpublished: true\n').check('about.md', '---\npublished: false\n---\n'), []);
  });

  it('says nothing in a folder Jekyll does not read (an undeclared `_news`)', async () => {
    assert.deepEqual(await blog().check('_news/a.md', '---\npublished: false\n---\n'), []);
  });
});

describe('post-filename: a file in `_posts` Jekyll will not read as a post', () => {
  it('reports `_posts/hello.md`, and renames it with the front matter’s day', async () => {
    const site = blog();
    const document = site.document(
      '_posts/hello.md',
      '---\ntitle: Hello\ndate: 2024-03-05 10:00:00 +0100\n---\n',
    );
    const [found] = await site.service.validate(document);
    assert.deepEqual(brief(found), {
      code: 'post-filename',
      range: '0:0-0:3',
      message:
        'Jekyll skips `hello.md` without a word: a post\u2019s file name must start with its date, `YYYY-MM-DD-title.md` (Jekyll\u2019s rule for files in `_posts`); rename it `2024-03-05-hello.md`',
    });
    const actions = await site.service.codeActions(document, found.range, [found]);
    const rename = actions.find((action) => action.title === 'Rename the file to `2024-03-05-hello.md`');
    assert.ok(rename, JSON.stringify(actions.map((action) => action.title)));
    assert.deepEqual(rename.edit?.documentChanges, [
      {
        kind: 'rename',
        oldUri: `${SITE_ROOT}/_posts/hello.md`,
        newUri: `${SITE_ROOT}/_posts/2024-03-05-hello.md`,
        options: { overwrite: false, ignoreIfExists: false },
      } satisfies RenameFile,
    ]);
    assert.equal(rename.isPreferred, false);
    // Never made by fix-all.
    assert.deepEqual(await site.service.fixAll(document), []);
  });

  it('reports names in category folders and subfolders of `_posts`, without a fix when no date is known', async () => {
    const site = blog();
    const found = await site.check('blog/_posts/2024/hello.md', '---\ntitle: Hello\n---\n');
    assert.deepEqual(codes(found), ['post-filename']);
    assert.equal((found[0].data as { renameTo?: string } | undefined)?.renameTo, undefined);
    assert.deepEqual(await site.check('_posts/2024/2024-01-05-hello.md', '---\ntitle: Hello\n---\n'), []);
    assert.deepEqual(await site.check('_posts/24-1-5-hello.md', '---\ntitle: Hello\n---\n'), []);
  });

  it('reports a date that is no day: Feb 31 rolls over, month 13 stops the build', async () => {
    const site = blog();
    const [rolled] = await site.check('_posts/2020-02-31-leap.md', '---\ntitle: Leap\n---\n');
    assert.equal(rolled.code, 'post-filename');
    assert.match(rolled.message, /`2020-02-31`, is no day of that month: Jekyll reads it as 2020-03-02/);
    const [invalid] = await site.check('_posts/2020-13-01-x.md', '---\ntitle: X\n---\n');
    assert.match(invalid.message, /`2020-13-01`, is no date: Jekyll stops the build/);
    const [dated] = await site.check('_posts/2020-13-01-x.md', '---\ntitle: X\ndate: 2020-12-01\n---\n');
    assert.match(dated.message, /Jekyll goes by the front matter’s `date`/);
    assert.equal((dated.data as { renameTo?: string }).renameTo, '2020-12-01-x.md');
  });

  it('reports a written-out collection document without a date whose permalink uses one', async () => {
    const config = 'collections:\n  talks:\n    output: true\n    permalink: /talks/:year/:title/\n';
    const site = blog(config);
    const [found] = await site.check('_talks/keynote.md', '---\ntitle: Keynote\n---\n');
    assert.equal(found?.code, 'post-filename');
    assert.match(found.message, /Jekyll dates it with the time of each build/);
    assert.deepEqual(
      await site.check('_talks/keynote.md', '---\ntitle: Keynote\ndate: 2024-01-01\n---\n'),
      [],
    );
    assert.deepEqual(await site.check('_talks/2024-01-01-keynote.md', '---\ntitle: Keynote\n---\n'), []);
  });
});

describe('date-mismatch: the file name and `date` fall on different days', () => {
  it('reports the `date`, with fixes both ways', async () => {
    const site = blog();
    const document = site.document(
      '_posts/2024-03-05-hello.md',
      '---\ntitle: Hello\ndate: 2024-03-07 10:30:00 +0100\n---\n',
    );
    const [found] = await site.service.validate(document);
    assert.deepEqual(brief(found), {
      code: 'date-mismatch',
      range: '2:6-2:31',
      message:
        'The file name says 2024-03-05 but `date` says 2024-03-07: Jekyll dates the post, and builds its URL, by the `date`, not by the file name',
    });
    const actions = await site.service.codeActions(document, found.range, [found]);
    const titles = actions.map((action) => action.title);
    assert.ok(titles.includes('Change `date` to 2024-03-05 10:30:00 +0100'), titles.join('; '));
    assert.ok(titles.includes('Rename the file to `2024-03-07-hello.md`'), titles.join('; '));
    assert.deepEqual(await site.service.fixAll(document), []);
  });

  it('compares days in the site’s zone: a YAML time without a zone is UTC to Jekyll', async () => {
    const site = blog('timezone: Asia/Shanghai\n');
    const document = site.document('_posts/2015-07-30-a.md', '---\ndate: 2015-07-30 16:00:00\n---\n');
    const [found] = await site.service.validate(document);
    assert.equal(found?.code, 'date-mismatch');
    assert.match(found.message, /is 2015-07-31 in the site’s time zone \(`timezone: Asia\/Shanghai`\)/);
    const actions = await site.service.codeActions(document, found.range, [found]);
    assert.ok(actions.some((action) => action.title === 'Change `date` to 2015-07-30 16:00:00 +0800'));
    // Quoted, the same text is read in the site's zone: the same day.
    assert.deepEqual(
      await site.check('_posts/2015-07-30-a.md', '---\ndate: "2015-07-30 16:00:00"\n---\n'),
      [],
    );
    assert.deepEqual(await site.check('_posts/2015-07-30-a.md', '---\ndate: 2015-07-30 16:00\n---\n'), []);
  });

  it('without a `timezone`, reports only a day the date falls on in no zone', async () => {
    const site = blog('title: No zone\n');
    const late = '---\ndate: 2024-01-05 23:00:00 -0500\n---\n';
    assert.deepEqual(await site.check('_posts/2024-01-05-a.md', late), []);
    assert.deepEqual(await site.check('_posts/2024-01-06-a.md', late), []);
    const [found] = await site.check('_posts/2024-01-03-a.md', late);
    assert.equal(found?.code, 'date-mismatch');
    // No single day: the rename is not offered.
    assert.equal((found.data as { renameTo?: string }).renameTo, undefined);
  });

  it('says nothing when the days agree, or the date is not one read here', async () => {
    const site = blog();
    assert.deepEqual(
      await site.check('_posts/2024-03-05-a.md', '---\ndate: 2024-03-05 23:59:59 +0100\n---\n'),
      [],
    );
    assert.deepEqual(await site.check('_posts/2024-3-5-a.md', '---\ndate: 2024-03-05\n---\n'), []);
    assert.deepEqual(await site.check('_posts/2024-03-05-a.md', '---\ndate: March 7, 2024\n---\n'), []);
  });
});

describe('where a file is published from, and its dates', () => {
  const config = readJekyllConfig('collections_dir: content\ncollections:\n  docs:\n    output: true\n');

  it('places posts, drafts, collection documents and pages as Jekyll reads them', () => {
    assert.equal(placeOf('content/_posts/2024-01-01-a.md', config)?.kind, 'post');
    assert.equal(placeOf('content/es/_posts/2024-01-01-a.md', config)?.kind, 'post');
    assert.equal(placeOf('_posts/2024-01-01-a.md', config), undefined);
    assert.equal(placeOf('content/_drafts/a.md', config)?.kind, 'draft');
    assert.equal(placeOf('content/_docs/a.md', config)?.kind, 'collection');
    assert.equal(placeOf('about.md', config)?.kind, 'page');
    assert.equal(placeOf('_includes/a.md', config), undefined);
  });

  it('reads file name dates and front matter dates', () => {
    assert.equal(fileNameDate('hello.md'), undefined);
    assert.equal(fileNameDate('2024/01/2024-01-05-a.md')?.text, '2024-01-05');
    // A dated folder: older Jekyll reads the file as a post of that day; the name has no date.
    assert.equal(fileNameDate('2024-01-05-trip/photos.md')?.inName, false);
    // Deep paths that do not match are answered at once (no exponential backtracking).
    const started = Date.now();
    assert.equal(fileNameDate(`${'a/'.repeat(2000)}b`), undefined);
    assert.ok(Date.now() - started < 1000);
    assert.equal(fileNameDate('2024-1-5-hello.md')?.validity, 'ok');
    assert.equal(fileNameDate('2023-02-29-x.md')?.validity, 'rolls-over');
    assert.equal(fileNameDate('2024-02-29-x.md')?.validity, 'ok');
    assert.equal(writtenDate('yesterday', true), undefined);
    assert.equal(writtenDate('2024-01-05 10:00:00', true)?.implicitUtc, true);
    assert.equal(writtenDate('2024-01-05 10:00:00', false)?.offset, undefined);
    assert.equal(writtenDate('2024-01-05T10:00:00-05:30', true)?.offset, -330);
    const placed = placeDate(writtenDate('2024-01-05 23:30:00 -0500', true)!, 'Europe/Paris');
    assert.deepEqual(placed.days.map(dayText), ['2024-01-06']);
    // Daylight saving: 1 July in Paris is UTC+2.
    assert.equal(
      placeDate({ year: 2024, month: 7, day: 1 }, 'Europe/Paris').earliest,
      Date.UTC(2024, 5, 30, 22),
    );
  });
});

describe('the hover of `title`, `date` and the opening `---` says why a file is not published', () => {
  const hoverText = async (site: ReturnType<typeof blog>, path: string, text: string, line: number) => {
    const hover = await site.service.hover(site.document(path, text), { line, character: 2 });
    return hover && typeof hover.contents === 'object' && 'value' in hover.contents
      ? hover.contents.value
      : '';
  };

  it('a draft, on its title', async () => {
    const text = await hoverText(blog(), '_drafts/idea.md', '---\ntitle: An idea\n---\n', 1);
    assert.match(text, /\*\*Not published by Jekyll\*\*/);
    assert.match(
      text,
      /It is a draft \(in `_drafts`\): Jekyll builds drafts only with `jekyll build --drafts`/,
    );
    // Built when `_config.yml` says to show drafts.
    assert.equal(
      await hoverText(blog('show_drafts: true\n'), '_drafts/idea.md', '---\ntitle: An idea\n---\n', 1),
      '',
    );
  });

  it('a document of a collection that is not written out, on its date', async () => {
    const site = blog('collections:\n  recipes:\n    output: false\n');
    const text = await hoverText(site, '_recipes/bread.md', '---\ntitle: Bread\ndate: 2024-01-01\n---\n', 2);
    assert.match(text, /in the `recipes` collection, which `_config.yml` does not output \(`output: false`/);
  });

  it('`published: false`, a future date and a name Jekyll skips, on the opening `---`', async () => {
    const site = blog();
    const text = await hoverText(
      site,
      '_posts/2099-01-01-later.md',
      '---\ntitle: Later\npublished: false\n---\n',
      0,
    );
    assert.match(text, /It says `published: false`/);
    assert.match(text, /It is dated 2099-01-01 \(its file name\), in the future/);
    const skipped = await hoverText(site, '_posts/later.md', '---\ntitle: Later\n---\n', 1);
    assert.match(skipped, /Its name does not start with a date/);
  });

  it('nothing for a published post', async () => {
    assert.equal(await hoverText(blog(), '_posts/2024-01-01-a.md', '---\ntitle: A\n---\n', 1), '');
  });
});

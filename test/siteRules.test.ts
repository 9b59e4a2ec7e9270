import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ampCacheUrl } from '../src/service/rules/site/ampCacheUrlMismatch';
import { isSpacedAddress } from '../src/service/rules/site/urlHasSpaces';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createArticleService } from '../src/service/index';
import { brief, diagnose, GOOD_ARTICLE, memoryWorkspace, rangeText, SITE_ROOT, SMALL_SITE } from './helpers';

function withLine(find: string, replace: string): string {
  assert.ok(GOOD_ARTICLE.includes(find), find);
  return GOOD_ARTICLE.replace(find, replace);
}

/** A correct collection of SMALL_SITE but for its `items` lines. */
function collectionWithItems(items: string): string {
  return `---
title: Basics
excerpt: The basics
type: collection
provider:
  name: Contoso
  domain: contoso.com
topics:
  - Cloud
items:
${items}---
`;
}

describe('the site\u2019s own rules', () => {
  it('a topic not in the taxonomy, with the right name offered', async () => {
    const { diagnostics, ranges } = await diagnose(
      withLine('  - Cloud', '  - Cloud\n  - ⟦Management Tools⟧'),
    );
    assert.deepEqual(diagnostics.map(brief), [
      {
        code: 'unknown-topic',
        range: rangeText(ranges[0]),
        message: '`Management Tools` is not a topic of this site \u2014 did you mean `Management tools`?',
      },
    ]);
    assert.equal(diagnostics[0].severity, 2);
    assert.deepEqual(diagnostics[0].data, { replacement: 'Management tools' });
  });

  it('a topic listed twice', async () => {
    const { diagnostics, ranges } = await diagnose(withLine('  - Cloud', '  - Cloud\n  - ⟦Cloud⟧'));
    assert.deepEqual(diagnostics.map(brief), [
      { code: 'duplicate-topic', range: rangeText(ranges[0]), message: 'The topic `Cloud` is listed twice' },
    ]);
  });

  it('no topic check when the site has no taxonomy', async () => {
    const files = { ...SMALL_SITE };
    delete files['_data/topics/00-cloud.yaml'];
    delete files['_data/topics/01-management-tools.yaml'];
    assert.deepEqual((await diagnose(withLine('  - Cloud', '  - Anything'), { files })).diagnostics, []);
  });

  it('a collection item that names no learning item', async () => {
    const collection = collectionWithItems('  - videos/intro\n  - ⟦videos/missing-one⟧\n');
    const { diagnostics, ranges } = await diagnose(collection, { path: '_learning/collections/basics.md' });
    assert.deepEqual(diagnostics.map(brief), [
      {
        code: 'missing-collection-item',
        range: rangeText(ranges[0]),
        message: '`videos/missing-one` names no existing learning item (no `videos/missing-one.md`)',
      },
    ]);
  });

  it('a collection item written without its folder: the folder that has it, as the fix', async () => {
    const collection = collectionWithItems('  - ⟦intro⟧\n  - ⟦nowhere⟧\n');
    const { diagnostics, ranges, document, service } = await diagnose(collection, {
      path: '_learning/collections/basics.md',
    });
    assert.deepEqual(diagnostics.map(brief), [
      {
        code: 'invalid-format',
        range: rangeText(ranges[1]),
        message:
          '`items[1]` must look like `videos/april-dunnam-how-to-get-started-with-power-apps`, got `nowhere`',
      },
      {
        code: 'missing-collection-item',
        range: rangeText(ranges[0]),
        message: '`intro` needs its folder \u2014 did you mean `videos/intro`?',
      },
    ]);
    const actions = await service.codeActions(document, diagnostics[1].range, [diagnostics[1]]);
    const fixed = TextDocument.applyEdits(document, actions[0]?.edit?.changes?.[document.uri] ?? []);
    assert.ok(fixed.includes('  - videos/intro\n  - nowhere\n'), fixed);
  });

  it('cdnAmpWebUrl not derived from ampWebUrl', async () => {
    const amp = 'https://www.contoso.com/amp/news/new-region';
    const { diagnostics, ranges } = await diagnose(
      withLine(
        'type: article',
        `ampWebUrl: ${amp}\ncdnAmpWebUrl: ⟦https://www-contoso-com.cdn.ampproject.org/c/s/www.contoso.com/news⟧\ntype: article`,
      ),
    );
    assert.deepEqual(diagnostics.map(brief), [
      {
        code: 'amp-cache-url-mismatch',
        range: rangeText(ranges[0]),
        message:
          '`cdnAmpWebUrl` should be the AMP cache URL of `ampWebUrl`: https://www-contoso-com.cdn.ampproject.org/c/s/www.contoso.com/amp/news/new-region',
      },
    ]);
  });

  it('derives the AMP cache URL as the sites do', () => {
    assert.equal(
      ampCacheUrl('https://www.the-sun.com/news/2624800/x/amp/'),
      'https://www-the--sun-com.cdn.ampproject.org/c/s/www.the-sun.com/news/2624800/x/amp/',
    );
  });

  it('provider.domain that is not the host of webUrl nor a parent of it', async () => {
    const { diagnostics, ranges } = await diagnose(
      withLine('  domain: contoso.com', '  domain: ⟦fabrikam.com⟧'),
    );
    assert.deepEqual(diagnostics.map(brief), [
      {
        code: 'provider-domain-mismatch',
        range: rangeText(ranges[0]),
        message:
          '`provider.domain` `fabrikam.com` is not the host of `webUrl` (www.contoso.com) or a parent domain of it',
      },
    ]);
  });

  it('a learning video: its own webUrl is its page on the site, not the provider’s; its related copies are the linked articles’', async () => {
    const video = `---
title: Intro
excerpt: A first look
type: video
originalUrl: https://youtube.com/watch?v=x
webUrl: https://everyday.cc/learning/videos/intro/
publishedDateTime: 2024-03-01T09:30:00Z
provider:
  name: Contoso
  domain: contoso.com
topics:
  - Cloud
related:
  - title: Older news
    webUrl: https://www.fabrikam.com/news/older
    provider:
      name: Contoso
      domain: contoso.com
---
`;
    // The entry copies another article, whose own file reports its domain: not again here.
    const { diagnostics } = await diagnose(video, { path: '_learning/videos/intro.md' });
    assert.deepEqual(diagnostics.filter((item) => String(item.code).startsWith('provider-')).map(brief), []);
  });

  it('a problem inside a `related` copy is the linked article’s, and is reported only in its file', async () => {
    const { diagnostics } = await diagnose(
      `${GOOD_ARTICLE.split('---\nBody')[0]}related:
  - title: Older news
    webUrl: https://www.contoso.com/PR Newswire/older
    ampWebUrl: https://www.contoso.com/amp/older
    cdnAmpWebUrl: https://wrong.cdn.ampproject.org/c/s/older
    provider:
      name: Contosso
      domain: fabrikam.com
---
`,
    );
    assert.deepEqual(diagnostics.map(brief), []);
  });

  it('a provider name misspelt from the catalogue’s', async () => {
    const { diagnostics, ranges } = await diagnose(withLine('  name: Contoso', '  name: ⟦contosso⟧'));
    assert.deepEqual(diagnostics.map(brief), [
      {
        code: 'provider-name-mismatch',
        range: rangeText(ranges[0]),
        message:
          'The site\u2019s catalogue calls `contoso.com` \u201cContoso\u201d, not \u201ccontosso\u201d',
      },
    ]);
  });

  it('another name for the provider is the writer’s choice (“Wall Street Journal” for “WSJ”)', async () => {
    const { diagnostics } = await diagnose(withLine('  name: Contoso', '  name: Contoso Corporation'));
    assert.deepEqual(diagnostics.map(brief), []);
  });

  it('a URL with unencoded spaces is a warning with the encoded URL', async () => {
    const { diagnostics, ranges } = await diagnose(
      withLine(
        'webUrl: https://www.contoso.com/news/new-region',
        'webUrl: ⟦https://www.contoso.com/PR Newswire/new-region⟧',
      ),
    );
    assert.deepEqual(diagnostics.map(brief), [
      {
        code: 'url-has-spaces',
        range: rangeText(ranges[0]),
        message:
          'This URL has unencoded spaces: browsers open it, but other tools may cut it short \u2014 write them as `%20`',
      },
    ]);
    assert.equal(diagnostics[0].severity, 2);
    assert.deepEqual(diagnostics[0].data, {
      replacement: 'https://www.contoso.com/PR%20Newswire/new-region',
    });
  });

  it('non-ASCII URLs are fine', async () => {
    const { diagnostics } = await diagnose(
      withLine(
        'webUrl: https://www.contoso.com/news/new-region',
        'webUrl: https://www.contoso.com/news/Contoso\u2019s-region',
      ),
    );
    assert.deepEqual(diagnostics, []);
  });
});

describe('settings', () => {
  it('turn a rule off', async () => {
    const { diagnostics } = await diagnose(withLine('  - Cloud', '  - Cloud\n  - Cloud'), {
      settings: { rules: { 'duplicate-topic': 'off' } },
    });
    assert.deepEqual(diagnostics, []);
  });

  it('change a rule\u2019s severity', async () => {
    const { diagnostics } = await diagnose(withLine('  - Cloud', '  - Cloud\n  - Cloud'), {
      settings: { rules: { 'duplicate-topic': 'error' } },
    });
    assert.equal(diagnostics[0].severity, 1);
  });

  it('a schema of the writer\u2019s own, chosen by glob', async () => {
    const files = {
      ...SMALL_SITE,
      'schemas/strict.json': JSON.stringify({ type: 'object', required: ['author'] }),
    };
    const { diagnostics } = await diagnose(GOOD_ARTICLE, {
      files,
      settings: { schemas: [{ fileMatch: ['_news/*.md'], url: 'schemas/strict.json' }] },
    });
    assert.deepEqual(diagnostics.map(brief), [
      { code: 'missing-field', range: '0:0-0:3', message: 'Missing required field `author`' },
    ]);
  });

  it('a schema on the network is refused with a clear diagnostic', async () => {
    const { diagnostics } = await diagnose(GOOD_ARTICLE, {
      settings: { schemas: [{ fileMatch: ['**/*.md'], url: 'https://example.com/schema.json' }] },
    });
    assert.deepEqual(diagnostics.map(brief), [
      {
        code: 'schema-unavailable',
        range: '0:0-0:3',
        message:
          "The schema `https://example.com/schema.json` is not loaded: schemas are read from the site's files only, never from the network.",
      },
    ]);
  });

  it('a broken schema gives one clear error', async () => {
    const files = { ...SMALL_SITE, 'schemas/broken.json': '{ "type": ' };
    const { diagnostics } = await diagnose(GOOD_ARTICLE, {
      files,
      settings: { schemas: [{ fileMatch: ['**/*.md'], url: 'schemas/broken.json' }] },
    });
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].code, 'schema-unavailable');
    assert.match(diagnostics[0].message, /^The schema `schemas\/broken.json` is not valid JSON/);
  });

  it('a schema with a remote $ref is refused, not fetched', async () => {
    const files = {
      ...SMALL_SITE,
      'schemas/remote.json': JSON.stringify({ $ref: 'https://example.com/other.json' }),
    };
    const { diagnostics } = await diagnose(GOOD_ARTICLE, {
      files,
      settings: { schemas: [{ fileMatch: ['**/*.md'], url: 'schemas/remote.json' }] },
    });
    assert.deepEqual(
      diagnostics.map((item) => item.message),
      [
        'The schema `schemas/remote.json` refers to `https://example.com/other.json`, which is not fetched: schemas must be self-contained.',
      ],
    );
  });
});

describe('a collection item with a typo', () => {
  it('offers the closest existing item', async () => {
    const collection = collectionWithItems('  - ⟦videos/intra⟧\n');
    const { diagnostics, ranges } = await diagnose(collection, { path: '_learning/collections/basics.md' });
    assert.deepEqual(diagnostics.map(brief), [
      {
        code: 'missing-collection-item',
        range: rangeText(ranges[0]),
        message:
          '`videos/intra` names no existing learning item (no `videos/intra.md`) \u2014 did you mean `videos/intro`?',
      },
    ]);
    assert.deepEqual(diagnostics[0].data, { replacement: 'videos/intro' });
  });
});

describe('a topic file added or removed while articles are checked', () => {
  it('the topic rule follows the taxonomy as it is now, not as it was first read', async () => {
    const files: Record<string, string> = { ...SMALL_SITE };
    // The site's files as they are at each read.
    const service = createArticleService({
      workspace: {
        root: SITE_ROOT,
        readFile: (uri) => memoryWorkspace(files).readFile(uri),
        readDirectory: (uri) => memoryWorkspace(files).readDirectory(uri),
      },
    });
    const article = (version: number) =>
      TextDocument.create(
        `${SITE_ROOT}/_news/2024-03-01-test.md`,
        'markdown',
        version,
        GOOD_ARTICLE.replace('  - Cloud', '  - Security'),
      );
    assert.deepEqual(
      (await service.validate(article(1))).map((item) => item.code),
      ['unknown-topic'],
    );
    files['_data/topics/02-security.yaml'] = 'taxonomy: topic\nname: Security\n';
    service.invalidateSite(`${SITE_ROOT}/_data/topics/02-security.yaml`);
    assert.deepEqual(await service.validate(article(2)), []);
    delete files['_data/topics/02-security.yaml'];
    service.invalidateSite(`${SITE_ROOT}/_data/topics/02-security.yaml`);
    assert.deepEqual(
      (await service.validate(article(3))).map((item) => item.code),
      ['unknown-topic'],
    );
  });
});

describe('a web address with spaces, told in one expression', () => {
  // The plain definition: trimmed, it starts with http(s):// and still holds a blank.
  const byDefinition = (text: string) => {
    const trimmed = text.trim();
    return /^https?:\/\//i.test(trimmed) && /\s/.test(trimmed);
  };

  it('agrees with the plain definition on named cases and 20 000 random texts', () => {
    const named = [
      'https://x.com/a b.png',
      '  https://x.com/a.png  ',
      'HTTP://x.com/\u00a0a',
      'https://x.com/a\u2028',
      '\ufeffhttps://x.com/a b',
      'https://',
      'https:// x',
      'a https://x.com/a b',
      'ftp://x.com/a b',
      '',
    ];
    for (const text of named) assert.equal(isSpacedAddress(text), byDefinition(text), JSON.stringify(text));
    const pieces = [
      'http://',
      'HTTPS://',
      'https:/',
      'x',
      '/',
      ':',
      ' ',
      '\t',
      '\n',
      '\u00a0',
      '\u2028',
      '\ufeff',
      '\u3000',
    ];
    let seed = 7;
    let spaced = 0;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 20000; round++) {
      let text = '';
      const length = Math.floor(random() * 8);
      for (let index = 0; index < length; index++) text += pieces[Math.floor(random() * pieces.length)];
      assert.equal(isSpacedAddress(text), byDefinition(text), JSON.stringify(text));
      if (byDefinition(text)) spaced++;
    }
    assert.ok(spaced > 200, `only ${spaced} spaced addresses among the random texts`);
  });
});

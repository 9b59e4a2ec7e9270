import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isInside, largestCorpusArticle, NO_CORPUS } from './corpusArticle';
import { markedDocument, rangeText, serviceFor } from './helpers';

/** The links of a marked document, and the ranges it marked. */
async function linksIn(marked: string) {
  const { document, ranges } = markedDocument(marked);
  const links = await serviceFor().links(document);
  return { links, ranges, document };
}

describe('document links', () => {
  it('links every web address, wherever it is, on the address as written (inside its quotes)', async () => {
    const { links, ranges } = await linksIn(`---
title: "See https://www.contoso.com for more"
webUrl: "⟦https://www.contoso.com/news/new-region⟧"
ampWebUrl: ⟦https://www.contoso.com/amp/new-region⟧
cdnAmpWebUrl: '⟦https://www-contoso-com.cdn.ampproject.org/c/s/www.contoso.com/amp/new-region⟧'
provider:
  name: Contoso
  website: ⟦http://contoso.com⟧
  images:
    - url: ⟦https://www.contoso.com/logo.png⟧
images:
  - url: "⟦https://www.contoso.com/images/region.jpg⟧"
    width: 1200
related:
  - title: Fabrikam follows Contoso north
    webUrl: ⟦https://news.fabrikam.com/north⟧
    originalUrl: "  ⟦https://news.fabrikam.com/original⟧  "
    images:
      - url: ⟦HTTPS://news.fabrikam.com/north.jpg⟧
topics:
  - Cloud
---
Body with https://www.contoso.com/not-front-matter
`);
    assert.deepEqual(
      links.map((link) => rangeText(link.range)),
      ranges.map(rangeText),
    );
    assert.deepEqual(
      links.map((link) => link.target),
      [
        'https://www.contoso.com/news/new-region',
        'https://www.contoso.com/amp/new-region',
        'https://www-contoso-com.cdn.ampproject.org/c/s/www.contoso.com/amp/new-region',
        'http://contoso.com',
        'https://www.contoso.com/logo.png',
        'https://www.contoso.com/images/region.jpg',
        'https://news.fabrikam.com/north',
        'https://news.fabrikam.com/original',
        'HTTPS://news.fabrikam.com/north.jpg',
      ],
    );
  });

  it('percent-encodes spaces and what else an address cannot hold, keeping escapes already written', async () => {
    const { links, ranges } = await linksIn(`---
images:
  - url: "⟦https://cdn.contoso.com/images/new region.jpg⟧"
  - url: ⟦https://cdn.contoso.com/a%20b/100% "c"<d>.jpg⟧
  - url: ⟦https://cdn.contoso.com/café/ünïcode.png?q=a|b⟧
---
`);
    assert.deepEqual(
      links.map((link) => rangeText(link.range)),
      ranges.map(rangeText),
    );
    assert.deepEqual(
      links.map((link) => link.target),
      [
        'https://cdn.contoso.com/images/new%20region.jpg',
        'https://cdn.contoso.com/a%20b/100%25%20%22c%22%3Cd%3E.jpg',
        'https://cdn.contoso.com/caf%C3%A9/%C3%BCn%C3%AFcode.png?q=a%7Cb',
      ],
    );
  });

  it('makes no link of anything but an http(s) address', async () => {
    const { links } = await linksIn(`---
webUrl: "javascript:alert(1)"
ampWebUrl: command:workbench.action.terminal.new
cdnAmpWebUrl: "data:text/html,<script>alert(1)</script>"
originalUrl: file:///etc/passwd
website: ftp://ftp.contoso.com/file
images:
  - url: /assets/images/region.jpg
  - url: "https:///no-host"
  - url: "https://@no-host"
  - url: " javascript:https://www.contoso.com"
  - url: www.contoso.com/region.jpg
title: https
quality: 80
---
`);
    assert.deepEqual(links, []);
  });

  it('links an address written as a block scalar on its text only', async () => {
    const { links, ranges } = await linksIn(`---
webUrl: |
  ⟦https://www.contoso.com/news/new-region⟧

title: x
---
`);
    assert.deepEqual(
      links.map((link) => rangeText(link.range)),
      ranges.map(rangeText),
    );
  });

  it('no front matter, no links', async () => {
    const { links } = await linksIn('https://www.contoso.com\n');
    assert.deepEqual(links, []);
  });

  it(
    'a real article: every address of its front matter is linked, inside the document',
    { skip: NO_CORPUS },
    async () => {
      const { document, service, values } = largestCorpusArticle();
      const links = await service.links(document);
      const addresses: string[] = [];
      JSON.stringify(values, (_key, value: unknown) => {
        if (typeof value === 'string' && /^https?:\/\//.test(value)) addresses.push(value);
        return value;
      });
      assert.ok(links.length > 100, `${links.length} links`);
      assert.deepEqual(
        links.map((link) => document.getText(link.range)),
        addresses,
      );
      for (const link of links) {
        assert.ok(isInside(document, link.range), rangeText(link.range));
        assert.match(link.target ?? '', /^https?:\/\/[\x21-\x7e]+$/);
        assert.doesNotThrow(() => new URL(link.target ?? ''));
      }
    },
  );
});

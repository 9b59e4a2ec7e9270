import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { atCursor, rangeText } from './helpers';

/** The hover at the ‸ cursor: its Markdown, and its range as `line:character-line:character`. */
async function hoverAt(marked: string): Promise<{ markdown: string; range: string; document: TextDocument }> {
  const { service, document, position } = atCursor(marked);
  const hover = await service.hover(document, position);
  assert.ok(hover, 'a hover');
  assert.ok(hover.range, 'a range');
  const contents = hover.contents as { kind: string; value: string };
  assert.equal(contents.kind, 'markdown');
  return { markdown: contents.value, range: rangeText(hover.range), document };
}

async function noHoverAt(marked: string): Promise<void> {
  const { service, document, position } = atCursor(marked);
  assert.equal(await service.hover(document, position), null);
}

/** The range of the first `text` in the document, as `rangeText` writes it. */
function spanOf(document: TextDocument, text: string): string {
  const start = document.getText().indexOf(text);
  assert.ok(start >= 0, `${text} is in the document`);
  return rangeText({ start: document.positionAt(start), end: document.positionAt(start + text.length) });
}

/** A Markdown link or picture to anything but http(s), or raw HTML. */
function assertNoUnsafeMarkdown(markdown: string): void {
  for (const scheme of ['command:', 'javascript:', 'data:', 'file:', 'vbscript:']) {
    assert.ok(!markdown.includes(`](${scheme}`), `no link to ${scheme} in ${markdown}`);
    assert.ok(!markdown.includes(`<${scheme}`), `no autolink to ${scheme} in ${markdown}`);
  }
  assert.ok(!/(^|[^\\])</.test(markdown), `no HTML in ${markdown}`);
}

const RELATED = `---
title: Contoso opens a new region
related:
  - title: "Fabrikam follows Contoso north"
    excerpt: "A second cloud region for the north."
    publishedDateTime: 2024-02-01T08:00:00Z
    webUrl: https://news.fabrikam.com/north
    quality: 55
    provider:
      name: Fabrikam News
      domain: fabrikam.com
    images:
      - url: https://news.fabrikam.com/north.jpg
        width: 800
        height: 400
---
`;

const RELATED_CARD = [
  '**[Fabrikam follows Contoso north](https://news.fabrikam.com/north)**',
  'Fabrikam News (fabrikam\\.com) · 2024\\-02\\-01T08\\:00\\:00Z · quality 55',
  'A second cloud region for the north\\.',
  '![Fabrikam follows Contoso north](https://news.fabrikam.com/north.jpg|width=120)',
].join('\n\n');

function cursorIn(text: string, find: string, marked: string): string {
  assert.ok(text.includes(find), find);
  return text.replace(find, marked);
}

describe('hover on a field name', () => {
  it('says what the field is for, the kind of value and an example', async () => {
    const { markdown, range, document } = await hoverAt('---\ntitle: x\nqual‸ity: 80\n---\n');
    assert.equal(
      markdown,
      [
        '**`quality`** — A score of how good the item is, computed by the site’s tooling and used to rank items\\. ' +
          'A whole number, 0 or more; higher is better, and it can go above 100\\.',
        'Type: whole number',
        'Example: `77`',
      ].join('\n\n'),
    );
    assert.equal(range, spanOf(document, 'quality'));
  });

  it('explains a field inside another one (provider.domain)', async () => {
    const { markdown, range, document } = await hoverAt(
      '---\nprovider:\n  name: Contoso\n  dom‸ain: contoso.com\n---\n',
    );
    assert.match(markdown, /^\*\*`domain`\*\* — The provider’s web domain, in lower case/);
    assert.match(markdown, /\n\nType: text\n\nExamples: `zdnet\.com`, `microsoft\.com`$/);
    assert.equal(range, spanOf(document, 'domain'));
  });

  it('lists the allowed values of a field that has only a few', async () => {
    const { markdown } = await hoverAt('---\nty‸pe: article\n---\n');
    assert.match(markdown, /\n\nAllowed values: `article`, `video`$/);
  });

  it('says what a list holds', async () => {
    const { markdown } = await hoverAt('---\ntop‸ics:\n  - Cloud\n---\n');
    assert.match(markdown, /\n\nType: list of texts\n\n/);
  });

  it('says nothing of a field the schema does not know', async () => {
    await noHoverAt('---\nsubt‸itle: x\n---\n');
  });
});

describe('hover on a picture', () => {
  it('shows the picture of an image url, scaled, with its declared size', async () => {
    const { markdown, range, document } = await hoverAt(
      '---\nimages:\n  - url: https://www.contoso.com/images/reg‸ion.jpg\n    width: 1200\n    height: 630\n---\n',
    );
    assert.equal(
      markdown,
      '![picture](https://www.contoso.com/images/region.jpg|width=300)\n\n1200 × 630 pixels',
    );
    assert.equal(range, spanOf(document, 'https://www.contoso.com/images/region.jpg'));
  });

  it('draws a small logo at its own size, with its title as alternative text', async () => {
    const { markdown } = await hoverAt(
      '---\nprovider:\n  images:\n    - url: https://contoso.com/logo.png‸\n' +
        '      width: 50\n      height: 50\n      title: Contoso\n---\n',
    );
    assert.equal(markdown, '![Contoso](https://contoso.com/logo.png|width=50)\n\n50 × 50 pixels');
  });

  it('shows the picture when hovering the - of its entry', async () => {
    const { markdown } = await hoverAt('---\nimages:\n  ‸- url: https://contoso.com/a.png\n---\n');
    assert.equal(markdown, '![picture](https://contoso.com/a.png|width=300)\n\nNo width or height given.');
  });

  it('cannot show a picture whose path is on the site, and says so', async () => {
    const { markdown } = await hoverAt(
      '---\nimages:\n  - url: /assets/images/logo.png‸\n    width: 50\n    height: 50\n---\n',
    );
    assert.equal(
      markdown,
      '/assets/images/logo\\.png is a path on this site: the picture cannot be shown here.\n\n50 × 50 pixels',
    );
  });
});

describe('hover on a related article', () => {
  it('shows a card when hovering the - of the entry, for the whole entry', async () => {
    const { markdown, range, document } = await hoverAt(cursorIn(RELATED, '  - title', '  ‸- title'));
    assert.equal(markdown, RELATED_CARD);
    assert.equal(
      range,
      spanOf(document, RELATED.slice(RELATED.indexOf('- title'), RELATED.indexOf('\n---\n'))),
    );
  });

  it('shows the same card on its title and on any of its values', async () => {
    for (const [find, marked] of [
      ['title: "Fabrikam', 'ti‸tle: "Fabrikam'],
      ['follows Contoso', 'follows Con‸toso'],
      ['name: Fabrikam News', 'name: Fabrikam N‸ews'],
      ['quality: 55', 'quality: 5‸5'],
    ]) {
      assert.equal((await hoverAt(cursorIn(RELATED, find, marked))).markdown, RELATED_CARD, find);
    }
  });

  it('explains its other field names', async () => {
    const { markdown } = await hoverAt(cursorIn(RELATED, 'excerpt:', 'exc‸erpt:'));
    assert.match(markdown, /^\*\*`excerpt`\*\* — The short summary of the related article\\\./);
  });

  it('shows its picture when hovering the picture’s url', async () => {
    const { markdown } = await hoverAt(cursorIn(RELATED, 'north.jpg', 'north.jpg‸'));
    assert.equal(markdown, '![picture](https://news.fabrikam.com/north.jpg|width=300)\n\n800 × 400 pixels');
  });
});

describe('hover on an address', () => {
  it('shows the webUrl as a link', async () => {
    const { markdown, range, document } = await hoverAt(
      '---\nwebUrl: https://www.contoso.com/news/new‸-region\n---\n',
    );
    assert.equal(
      markdown,
      '**`webUrl`**: [https\\://www\\.contoso\\.com/news/new\\-region](https://www.contoso.com/news/new-region)',
    );
    assert.equal(range, spanOf(document, 'https://www.contoso.com/news/new-region'));
  });

  it('percent-encodes what could end the link', async () => {
    const { markdown } = await hoverAt('---\noriginalUrl: "https://contoso.com/a b)(<x>|y\\\\‸"\n---\n');
    assert.equal(
      markdown,
      '**`originalUrl`**: [https\\://contoso\\.com/a b\\)\\(\\<x\\>\\|y\\\\](https://contoso.com/a%20b%29%28%3Cx%3E%7Cy%5C)',
    );
  });
});

describe('hover on a topic', () => {
  it('says the topic is one of the site’s', async () => {
    const { markdown, range, document } = await hoverAt('---\ntopics:\n  - Clo‸ud\n---\n');
    assert.equal(markdown, '**Cloud** is one of the site’s topics.');
    assert.equal(range, spanOf(document, 'Cloud'));
  });

  it('says the topic is not one of the site’s, and offers the closest', async () => {
    const { markdown } = await hoverAt('---\ntopics:\n  - Management Too‸ls\n---\n');
    assert.equal(
      markdown,
      '**Management Tools** is not one of the site’s topics. Did you mean **Management tools**?',
    );
  });
});

describe('no hover', () => {
  it('outside the front matter', async () => {
    await noHoverAt('---\ntitle: x\n---\nBody ‸text.\n');
    await noHoverAt('-‸--\ntitle: x\n---\nBody text.\n');
  });

  it('in a file without front matter', async () => {
    await noHoverAt('Body ‸text.\n');
  });
});

describe('hovers are safe whatever the file says', () => {
  it('a related title written as a command link stays text', async () => {
    const { markdown } = await hoverAt(
      '---\nrelated:\n  - title: "[x](command:evil)‸"\n    webUrl: https://contoso.com/a\n---\n',
    );
    assertNoUnsafeMarkdown(markdown);
    assert.equal(markdown, '**[\\[x\\]\\(command\\:evil\\)](https://contoso.com/a)**\n\ncontoso\\.com');
  });

  it('a related article whose address is a script is not linked', async () => {
    const { markdown } = await hoverAt(
      '---\nrelated:\n  - title: Hi‸\n    webUrl: javascript:alert(1)\n    excerpt: <img src=x onerror=alert(1)>\n' +
        '    images:\n      - url: "javascript:alert(2)"\n---\n',
    );
    assertNoUnsafeMarkdown(markdown);
    assert.equal(
      markdown,
      [
        '**Hi**',
        'javascript\\:alert\\(1\\) is not a web address (http or https), so it is not a link.',
        '\\<img src=x onerror=alert\\(1\\)\\>',
      ].join('\n\n'),
    );
  });

  it('a webUrl that is a script is shown as text', async () => {
    const { markdown } = await hoverAt('---\nwebUrl: javascript:alert(1)‸\n---\n');
    assertNoUnsafeMarkdown(markdown);
    assert.equal(
      markdown,
      '**`webUrl`**: javascript\\:alert\\(1\\) is not a web address (http or https), so it is not a link.',
    );
  });

  it('an image url with data: is not drawn', async () => {
    const { markdown } = await hoverAt(
      '---\nimages:\n  - url: "data:image/svg+xml,<svg onload=alert(1)>‸"\n    width: 1\n    height: 1\n---\n',
    );
    assertNoUnsafeMarkdown(markdown);
    assert.ok(!markdown.includes('!['), markdown);
  });

  it('other schemes, and Markdown hidden in values, stay text', async () => {
    for (const url of [
      'file:///etc/passwd',
      'vbscript:msgbox',
      'command:workbench.action.quit',
      '//evil.example/x',
    ]) {
      const { markdown } = await hoverAt(`---\nwebUrl: "${url}‸"\n---\n`);
      assertNoUnsafeMarkdown(markdown);
      assert.ok(!markdown.includes(']('), markdown);
    }
    const { markdown } = await hoverAt(
      '---\ntopics:\n  - "**bold** [a](https://x.example) &#60;b&#62;‸"\n---\n',
    );
    assert.equal(
      markdown,
      '**\\*\\*bold\\*\\* \\[a\\]\\(https\\://x\\.example\\) \\&\\#60;b\\&\\#62;** is not one of the site’s topics.',
    );
  });
});

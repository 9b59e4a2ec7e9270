// "New Article": the file name in the site's naming and a front matter skeleton that already
// validates except for what only the writer knows.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parse } from 'yaml';
import { MAX_SLUG_LENGTH, newArticle, slugOf } from '../src/service/features/newArticle';
import { serviceFor, SITE_ROOT } from './helpers';

const NOW = new Date('2024-03-01T09:30:12.345Z');
const CATALOGUE = [
  { name: 'Contoso', domain: 'contoso.com' },
  { name: 'Microsoft Learn', domain: 'learn.microsoft.com' },
  { name: 'Microsoft', domain: 'microsoft.com' },
];

/** The front matter of a skeleton as values. */
function valuesOf(text: string): Record<string, unknown> {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  assert.ok(match, text);
  return parse(match[1]) as Record<string, unknown>;
}

/** The codes and fields of what the service reports on a new article in the test site. */
async function problemsOf(created: { fileName: string; text: string }): Promise<string[]> {
  const document = TextDocument.create(`${SITE_ROOT}/${created.fileName}`, 'markdown', 1, created.text);
  const diagnostics = await serviceFor().validate(document);
  return diagnostics.map((item) => `${item.code} ${created.text.split('\n')[item.range.start.line].trim()}`);
}

describe('the slug of a title', () => {
  const cases: Array<[title: string, slug: string]> = [
    // The corpus's own file names.
    [
      'Microsoft Azure becomes SAS’s preferred cloud platform',
      'microsoft-azure-becomes-sass-preferred-cloud-platform',
    ],
    [
      'AT&T Is Moving Its 5G Cloud Network to Microsoft’s Azure',
      'att-is-moving-its-5g-cloud-network-to-microsofts-azure',
    ],
    [
      'Microsoft cloud revenues in UAE to hit $27bn by 2024: report',
      'microsoft-cloud-revenues-in-uae-to-hit-27bn-by-2024-report',
    ],
    ['GOOGLE CLOUD PLATFORM VS. MICROSOFT AZURE', 'google-cloud-platform-vs-microsoft-azure'],
    [
      "It's Past Time for Microsoft to Disclose Azure Details",
      'its-past-time-for-microsoft-to-disclose-azure-details',
    ],
    // Accents and letters without a plain form.
    ['Café déjà vu à Zürich', 'cafe-deja-vu-a-zurich'],
    ['Straße, Æsir, Øresund, Łódź', 'strasse-aesir-oresund-lodz'],
    ['  --Hello,   world!--  ', 'hello-world'],
    ['東京', 'article'],
    ['', 'article'],
  ];
  for (const [title, slug] of cases) {
    it(`${JSON.stringify(title)} → ${slug}`, () => assert.equal(slugOf(title), slug));
  }

  it(`is at most ${MAX_SLUG_LENGTH} characters, cut at a word`, () => {
    const title =
      "Webee's No-Code End-to-End Solution Builder Software Powered by Microsoft Azure and Running on Semtech LoRa Devices Democratizes IoT";
    const slug = slugOf(title);
    assert.ok(slug.length <= MAX_SLUG_LENGTH, slug);
    assert.equal(slug, 'webees-no-code-end-to-end-solution-builder-software-powered-by-microsoft-azure');
    assert.equal(slugOf('x'.repeat(200)), 'x'.repeat(MAX_SLUG_LENGTH));
  });
});

describe('a new article', () => {
  it('is named `_news/YYYY-MM-DD-slug.md` after the UTC date', () => {
    const created = newArticle({ title: 'Contoso opens a region', now: NOW, organizations: [] });
    assert.equal(created.fileName, '_news/2024-03-01-contoso-opens-a-region.md');
    const late = newArticle({ title: 'Late', now: new Date('2024-03-01T23:59:59Z'), organizations: [] });
    assert.equal(late.fileName, '_news/2024-03-01-late.md');
  });

  it('holds the required fields, in the site’s order, with the provider from the catalogue', () => {
    const created = newArticle({
      title: 'Contoso opens a region',
      webUrl: 'https://www.contoso.com/news/region',
      now: NOW,
      organizations: CATALOGUE,
    });
    assert.equal(
      created.text,
      [
        '---',
        'category: news',
        'title: "Contoso opens a region"',
        'excerpt: ""',
        'publishedDateTime: 2024-03-01T09:30:12Z',
        'webUrl: "https://www.contoso.com/news/region"',
        'type: article',
        'provider:',
        '  name: Contoso',
        '  domain: contoso.com',
        'topics: []',
        '---',
        '',
        '',
      ].join('\n'),
    );
  });

  it('puts the cursor inside the quotes of the empty excerpt', () => {
    const created = newArticle({ title: 'A', now: NOW, organizations: [] });
    assert.equal(
      created.text.slice(created.cursorOffset - 'excerpt: "'.length, created.cursorOffset + 1),
      'excerpt: ""',
    );
  });

  it('picks the catalogue entry of the host or of its nearest parent domain', () => {
    const provider = (webUrl: string) =>
      valuesOf(newArticle({ title: 'A', webUrl, now: NOW, organizations: CATALOGUE }).text).provider;
    assert.deepEqual(provider('https://learn.microsoft.com/azure/x'), {
      name: 'Microsoft Learn',
      domain: 'learn.microsoft.com',
    });
    assert.deepEqual(provider('https://azure.microsoft.com/blog/x'), {
      name: 'Microsoft',
      domain: 'microsoft.com',
    });
    assert.deepEqual(provider('https://NEWS.CONTOSO.COM/x'), { name: 'Contoso', domain: 'contoso.com' });
    // Not in the catalogue: the writer names it; the domain is the host without `www.`.
    assert.deepEqual(provider('https://www.fabrikam.dev/blog/x'), { name: '', domain: 'fabrikam.dev' });
    assert.deepEqual(provider('https://blog.fabrikam.dev/x'), { name: '', domain: 'blog.fabrikam.dev' });
    assert.deepEqual(provider('not a url'), { name: '', domain: '' });
  });

  it('without a webUrl, leaves the field out and the provider to the writer', () => {
    const values = valuesOf(newArticle({ title: 'A', now: NOW, organizations: CATALOGUE }).text);
    assert.equal('webUrl' in values, false);
    assert.deepEqual(values.provider, { name: '', domain: '' });
  });

  it('keeps any title as written: quotes, backslashes, colons, YAML words', () => {
    for (const title of [
      'Say "hi": a \\ b # c',
      'yes',
      '- [x] {y}: z',
      'Line\u2028separator\u0085',
      'Tab\there',
    ]) {
      const values = valuesOf(newArticle({ title, now: NOW, organizations: [] }).text);
      assert.equal(values.title, title);
    }
    assert.equal(
      valuesOf(newArticle({ title: '  Trimmed  ', now: NOW, organizations: [] }).text).title,
      'Trimmed',
    );
  });

  it('encodes the spaces of a webUrl', () => {
    const values = valuesOf(
      newArticle({ title: 'A', webUrl: ' https://contoso.com/a b ', now: NOW, organizations: [] }).text,
    );
    assert.equal(values.webUrl, 'https://contoso.com/a%20b');
  });
});

describe('a new article, checked by the service', () => {
  it('with a catalogued webUrl: only the excerpt and the topics are left to fill', async () => {
    const created = await serviceFor().newArticle({
      title: 'Contoso opens a region',
      webUrl: 'https://www.contoso.com/news/region',
      now: NOW,
    });
    assert.match(created.text, /\n {2}name: Contoso\n/);
    assert.deepEqual(await problemsOf(created), ['empty-value excerpt: ""', 'empty-value topics: []']);
  });

  it('without a webUrl: the provider too, and nothing else', async () => {
    const created = await serviceFor().newArticle({ title: 'A "quoted" title: yes', now: NOW });
    assert.deepEqual(await problemsOf(created), [
      'empty-value excerpt: ""',
      'empty-value name: ""',
      'invalid-format domain: ""',
      'empty-value topics: []',
    ]);
  });

  it('with an unknown provider: its name only', async () => {
    const created = await serviceFor().newArticle({
      title: 'A',
      webUrl: 'https://news.example.org/a',
      now: NOW,
    });
    assert.deepEqual(await problemsOf(created), [
      'empty-value excerpt: ""',
      'empty-value name: ""',
      'empty-value topics: []',
    ]);
  });
});

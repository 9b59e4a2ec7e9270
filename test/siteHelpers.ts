import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { SMALL_SITE } from './helpers';

/** A news article of the small site, with a title, a `webUrl` and related entries. */
export function article(
  title: string,
  webUrl: string,
  related: Array<{ title: string; webUrl: string }> = [],
) {
  const entries = related
    .map(
      (entry) =>
        `  - title: "${entry.title}"\n    webUrl: ${entry.webUrl}\n    type: article\n    quality: 50\n`,
    )
    .join('');
  return `---\ncategory: news\ntitle: "${title}"\nexcerpt: "About ${title}."\npublishedDateTime: 2024-03-01T09:30:00Z\nwebUrl: ${webUrl}\ntype: article\nquality: 50\nheat: 1\npublished: true\nprovider:\n  name: Contoso\n  domain: contoso.com\n${related.length ? `related:\n${entries}` : ''}---\nBody.\n`;
}

export const A = 'https://www.contoso.com/a';
export const B = 'https://www.contoso.com/b';

/** A site with articles A and B, and C whose related entries copy them. */
export function linkedSite(changes: Record<string, string> = {}): Record<string, string> {
  return {
    ...SMALL_SITE,
    '_news/a.md': article('Article A', A),
    '_news/b.md': article('Article B', B),
    '_news/c.md': article('Article C', 'https://www.contoso.com/c', [
      { title: 'Article A', webUrl: A },
      { title: 'Article B', webUrl: B },
      { title: 'Elsewhere', webUrl: 'https://elsewhere.example/x' },
    ]),
    ...changes,
  };
}

/** Writes a site's files into a new temporary folder, removed when the test ends; returns the folder. */
export function writeSite(t: TestContext, files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'af-linked-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Position, Range } from 'vscode-languageserver-types';
import { createArticleService } from '../src/service/index';
import type { ArticleService, ArticleSettings, EntryKind, SiteWorkspace } from '../src/service/types';

/** The root of the in-memory sites tests build. */
export const SITE_ROOT = 'file:///site';

/** A site held in memory: paths relative to the root → file text. */
export function memoryWorkspace(files: Record<string, string>, root = SITE_ROOT): SiteWorkspace {
  const texts = new Map(Object.entries(files).map(([path, text]) => [`${root}/${path}`, text]));
  return {
    root,
    async readFile(uri) {
      return texts.get(uri);
    },
    async readDirectory(uri) {
      const prefix = uri.replace(/\/$/, '') + '/';
      const entries = new Map<string, EntryKind>();
      for (const path of texts.keys()) {
        if (!path.startsWith(prefix)) continue;
        const rest = path.slice(prefix.length);
        const slash = rest.indexOf('/');
        entries.set(slash < 0 ? rest : rest.slice(0, slash), slash < 0 ? 'file' : 'directory');
      }
      return [...entries];
    },
  };
}

/** A small site: two topics and one provider in the catalogue. */
export const SMALL_SITE: Record<string, string> = {
  '_config.yml': 'title: Test site\n',
  '_data/topics/00-cloud.yaml': 'taxonomy: topic\nname: Cloud\n',
  '_data/topics/01-management-tools.yaml': 'taxonomy: topic\nname: Management tools\n',
  '_data/organizations/contoso.com.md':
    '---\ntaxonomy: organization\nname: Contoso\ndomain: contoso.com\n---\n',
  '_learning/videos/intro.md': '---\ntitle: Intro\ntype: video\n---\n',
};

/** A correct news article of SMALL_SITE, to which tests add one mistake. */
export const GOOD_ARTICLE = `---
category: news
title: "Contoso opens a new region"
excerpt: "Contoso's cloud now has a region in the north."
publishedDateTime: 2024-03-01T09:30:00Z
webUrl: https://www.contoso.com/news/new-region
type: article
quality: 80
heat: 12
published: true
provider:
  name: Contoso
  domain: contoso.com
topics:
  - Cloud
images:
  - url: https://www.contoso.com/images/region.jpg
    width: 1200
    height: 630
    isCached: true
---
Body text.
`;

/**
 * Reads a test document in which `⟦` and `⟧` mark expected ranges; returns the document
 * without the marks and the ranges they marked, in order.
 */
export function markedDocument(
  marked: string,
  path = '_news/2024-03-01-test.md',
): { document: TextDocument; ranges: Range[] } {
  let text = '';
  const starts: number[] = [];
  const spans: Array<[number, number]> = [];
  for (const char of marked) {
    if (char === '\u27e6') starts.push(text.length);
    else if (char === '\u27e7') spans.push([starts.pop()!, text.length]);
    else text += char;
  }
  const document = TextDocument.create(`${SITE_ROOT}/${path}`, 'markdown', 1, text);
  const ranges = spans
    .sort((a, b) => a[0] - b[0])
    .map(([start, end]) => ({ start: document.positionAt(start), end: document.positionAt(end) }));
  return { document, ranges };
}

/** A service over an in-memory site. */
export function serviceFor(
  files: Record<string, string> = SMALL_SITE,
  settings?: Partial<ArticleSettings>,
): ArticleService {
  return createArticleService({
    workspace: memoryWorkspace(files),
    settings,
    logger: {
      error(message, error) {
        throw new Error(`${message}: ${error instanceof Error ? error.stack : String(error)}`);
      },
    },
  });
}

/** The diagnostics of a marked document, and the ranges it marked. */
export async function diagnose(
  marked: string,
  options: { path?: string; files?: Record<string, string>; settings?: Partial<ArticleSettings> } = {},
): Promise<{ diagnostics: Diagnostic[]; ranges: Range[]; document: TextDocument; service: ArticleService }> {
  const { document, ranges } = markedDocument(marked, options.path);
  const service = serviceFor(options.files, options.settings);
  const diagnostics = await service.validate(document);
  return { diagnostics, ranges, document, service };
}

/** A diagnostic in a form that reads well in assertions. */
export function brief(item: Diagnostic): { code: string; range: string; message: string } {
  return { code: String(item.code), range: rangeText(item.range), message: item.message };
}

/** `line:character-line:character`, 0-based like LSP. */
export function rangeText(range: Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

/** The cursor mark in test documents. */
export const CURSOR = '\u2038';

/**
 * A document in which `‸` marks the cursor, and a service over a site for it.
 * Reads like the feature: `atCursor('---\ntopics:\n  - Clo‸\n---\n')`.
 */
export function atCursor(
  marked: string,
  options: { path?: string; files?: Record<string, string>; settings?: Partial<ArticleSettings> } = {},
): { service: ArticleService; document: TextDocument; position: Position } {
  const offset = marked.indexOf(CURSOR);
  if (offset < 0) throw new Error('the test document has no ‸ cursor');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const document = TextDocument.create(
    `${SITE_ROOT}/${options.path ?? '_news/2024-03-01-test.md'}`,
    'markdown',
    1,
    text,
  );
  return {
    service: serviceFor(options.files, options.settings),
    document,
    position: document.positionAt(offset),
  };
}

/** A small seeded random number generator (mulberry32): the same "random" cases on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

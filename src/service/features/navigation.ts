import {
  SymbolKind,
  type Hover,
  type Location,
  type Position,
  type Range,
  type SymbolInformation,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { Document } from 'yaml';
import type { ArticleContext } from '../context';
import type { SiteArticleIndex } from '../site/articleIndex';
import { urlOf, type LineSpan } from '../site/articleRecord';
import { isRecord } from '../util/records';
import { parseFrontMatterYaml } from '../yaml/articleDocument';
import { locateFrontMatter } from '../yaml/frontMatter';
import { prepareTagRename, renameTag } from './tags';
import { nodeAtOffset, nodeAtPath, nodeSpan, scalarSource, type PathSegment } from '../yaml/nodes';

/** What `prepareRename` answers: the title to rename, or why there is nothing to rename here. */
export type RenamePreparation = { range: Range; placeholder: string } | { message: string };

/** The message of a rename asked for elsewhere than on an article's own title. */
export const RENAME_ONLY_TITLES =
  'Only an article\u2019s own `title` (its copies in other articles\u2019 `related` entries follow it) or one of its tags or categories (in every article that uses it) can be renamed here';

/** The field path under the cursor, in the front matter; the `- ` of a list entry counts as its first field. */
function pathAt(context: ArticleContext, position: Position): PathSegment[] | undefined {
  const { article } = context;
  const yaml = article.yaml;
  const block = article.block;
  if (!yaml || !block) return undefined;
  let offset = article.document.offsetAt(position) - block.contentStart;
  if (offset < 0 || offset > block.contentEnd - block.contentStart) return undefined;
  const line = article.text.slice(block.contentStart).slice(offset - position.character, offset + 1000);
  const marker = /^[ \t]*-[ \t]+/.exec(line.slice(0, line.indexOf('\n') >>> 0));
  if (marker && position.character <= marker[0].length) offset += marker[0].length - position.character;
  return nodeAtOffset(yaml, offset).path;
}

/** A location from a span the index keeps. */
function spanLocation(uri: string, [line, start, end]: LineSpan): Location {
  return { uri, range: { start: { line, character: start }, end: { line, character: end } } };
}

/** Go to definition on any line of a `related` entry: the title of the site's article at its `webUrl`. */
export function definition(context: ArticleContext, position: Position): Location[] {
  const path = pathAt(context, position);
  if (!path || path[0] !== 'related' || typeof path[1] !== 'number') return [];
  const related = context.data.related;
  const entry = Array.isArray(related) ? related[path[1]] : undefined;
  const webUrl = isRecord(entry) ? urlOf(entry.webUrl) : undefined;
  if (webUrl === undefined) return [];
  return context.articles.articlesAt(webUrl).map((article) => spanLocation(article.uri, article.titleSpan));
}

/** Whether the cursor is on the article's own `title` or `webUrl` (its identity on the site). */
function ownField(context: ArticleContext, position: Position): 'title' | 'webUrl' | undefined {
  const path = pathAt(context, position);
  return path?.length === 1 && (path[0] === 'title' || path[0] === 'webUrl') ? path[0] : undefined;
}

/** Find references on an article's own `title` or `webUrl`: every `related` entry of the site that points at it. */
export function references(
  context: ArticleContext,
  position: Position,
  includeDeclaration: boolean,
): Location[] {
  const webUrl = urlOf(context.data.webUrl);
  if (!ownField(context, position) || webUrl === undefined) return [];
  const result: Location[] = [];
  if (includeDeclaration) {
    const title = titleRange(context);
    if (title) result.push({ uri: context.article.uri, range: title });
  }
  for (const link of context.articles.linksTo(webUrl)) {
    const at = { line: link.line, character: link.column };
    result.push({ uri: link.uri, range: { start: at, end: at } });
  }
  return result;
}

/** The range of the article's own `title` value. */
function titleRange(context: ArticleContext): Range | undefined {
  const yaml = context.article.yaml;
  const found = yaml && nodeAtPath(yaml, ['title']);
  const span = found && nodeSpan(found.node);
  return span && context.article.range(span[0], span[1]);
}

/** Rename is offered on an article's own `title`, and on its tags and categories (`features/tags.ts`). */
export function prepareRename(context: ArticleContext, position: Position): RenamePreparation {
  const tag = prepareTagRename(context, position);
  if (tag) return tag;
  const range = ownField(context, position) === 'title' ? titleRange(context) : undefined;
  const title = context.data.title;
  if (!range || typeof title !== 'string') return { message: RENAME_ONLY_TITLES };
  return { range, placeholder: title };
}

/** Renames an article's title, and the title of every `related` copy of it on the site. */
export async function rename(
  context: ArticleContext,
  position: Position,
  newName: string,
): Promise<WorkspaceEdit | { message: string }> {
  const tag = await renameTag(context, position, newName);
  if (tag) return tag;
  const prepared = prepareRename(context, position);
  if ('message' in prepared) return prepared;
  const yaml = context.article.yaml!;
  const own = nodeAtPath(yaml, ['title'])!.node;
  const changes: Record<string, TextEdit[]> = {
    [context.article.uri]: [{ range: prepared.range, newText: scalarSource(own ?? undefined, newName) }],
  };
  const webUrl = urlOf(context.data.webUrl);
  if (webUrl === undefined) return { changes };
  const byFile = new Map<string, number[]>();
  for (const link of context.articles.linksTo(webUrl))
    byFile.set(link.uri, [...(byFile.get(link.uri) ?? []), link.index]);
  for (const [uri, indexes] of byFile) {
    const text = uri === context.article.uri ? context.article.text : await context.articles.textOf(uri);
    const edits = text === undefined ? [] : copyTitleEdits(text, indexes, webUrl, newName);
    if (edits.length > 0) (changes[uri] ??= []).push(...edits);
  }
  return { changes };
}

/** The edits that retitle the `related` entries at these indexes of a file, where they still point at `webUrl`. */
function copyTitleEdits(text: string, indexes: number[], webUrl: string, newName: string): TextEdit[] {
  const block = locateFrontMatter(text);
  if (!block?.closed) return [];
  const source = text.slice(block.contentStart, block.contentEnd);
  const yaml: Document.Parsed = parseFrontMatterYaml(source);
  const edits: TextEdit[] = [];
  for (const index of indexes) {
    const url = nodeAtPath(yaml, ['related', index, 'webUrl'])?.node;
    if (urlOf((url as { value?: unknown } | undefined)?.value) !== webUrl) continue;
    const title = nodeAtPath(yaml, ['related', index, 'title'])?.node;
    const span = title && nodeSpan(title);
    if (!span) continue;
    edits.push({
      range: {
        start: positionIn(text, block.contentStart + span[0]),
        end: positionIn(text, block.contentStart + span[1]),
      },
      newText: scalarSource(title, newName),
    });
  }
  return edits;
}

function positionIn(text: string, offset: number): Position {
  let line = 0;
  let start = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++;
    start = at + 1;
  }
  return { line, character: offset - start };
}

/** Most workspace symbols answered at once. */
const MAX_SYMBOLS = 1000;

/** The site's articles whose title holds the query's characters in order (case aside). */
export function workspaceSymbols(index: SiteArticleIndex, query: string): SymbolInformation[] {
  const wanted = query.toLowerCase().replace(/\s+/g, '');
  const result: SymbolInformation[] = [];
  for (const article of index.articles()) {
    const title = article.values.title;
    if (typeof title !== 'string' || !inOrder(title.toLowerCase(), wanted)) continue;
    result.push({
      name: title,
      kind: SymbolKind.File,
      location: spanLocation(article.uri, article.titleSpan),
      containerName: index.relativePathOf(article.uri),
    });
    if (result.length >= MAX_SYMBOLS) break;
  }
  return result.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function inOrder(text: string, wanted: string): boolean {
  let at = 0;
  for (const char of wanted) {
    at = text.indexOf(char, at) + 1;
    if (at === 0) return false;
  }
  return true;
}

/** A hover on an article's own `title` says how many articles of the site link to it. */
export function withLinkCount(
  context: ArticleContext,
  position: Position,
  hover: Hover | null,
): Hover | null {
  const webUrl = urlOf(context.data.webUrl);
  if (!context.articles.built || webUrl === undefined || ownField(context, position) !== 'title')
    return hover;
  const files = new Set(context.articles.linksTo(webUrl).map((link) => link.uri));
  const line = `Linked from ${files.size} article${files.size === 1 ? '' : 's'} of the site`;
  if (!hover) return { contents: { kind: 'markdown', value: line }, range: titleRange(context) };
  const contents = hover.contents;
  const value = typeof contents === 'object' && 'kind' in contents ? contents.value : '';
  return { ...hover, contents: { kind: 'markdown', value: value ? `${value}\n\n${line}` : line } };
}

import type { Hover, Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { ArticleContext } from '../context';
import {
  removeOccurrence,
  renameOccurrence,
  schemaFixesValues,
  tagOccurrences,
  type SourceEdit,
  type TagOccurrence,
} from '../site/tags';
import { parseFrontMatterYaml } from '../yaml/articleDocument';
import { locateFrontMatter } from '../yaml/frontMatter';

/** The free-form tag or category under the cursor (a field the schema gives values of is not one). */
export function tagAt(context: ArticleContext, position: Position): TagOccurrence | undefined {
  const { yaml, block, source, document } = context.article;
  if (!yaml || !block || context.article.tooLarge) return undefined;
  const offset = document.offsetAt(position) - block.contentStart;
  if (offset < 0 || offset > block.contentEnd - block.contentStart) return undefined;
  return tagOccurrences(yaml, source).find(
    (occurrence) =>
      occurrence.span[0] <= offset &&
      offset <= occurrence.span[1] &&
      !schemaFixesValues(context.schema, occurrence.field),
  );
}

/** The tag under the cursor, as `prepareRename` answers it. */
export function prepareTagRename(
  context: ArticleContext,
  position: Position,
): { range: Range; placeholder: string } | undefined {
  const tag = tagAt(context, position);
  return tag && { range: context.article.range(tag.span[0], tag.span[1]), placeholder: tag.value };
}

/**
 * Renames a tag (or category) in every file of the site that uses it, in the field kind it
 * is in (tags with tags, categories with categories): only the tag's own text changes, or the
 * value it is a word of; a file whose field already holds the new name loses the old one.
 */
export async function renameTag(
  context: ArticleContext,
  position: Position,
  newName: string,
): Promise<WorkspaceEdit | { message: string } | undefined> {
  const tag = tagAt(context, position);
  if (!tag) return undefined;
  const name = newName.trim();
  const what = tag.kind === 'tags' ? 'tag' : 'category';
  if (name === '') return { message: `A ${what} needs a name` };
  const changes: Record<string, TextEdit[]> = {};
  const { article } = context;
  const own = editsIn(article.text, tag, name);
  if (own.length > 0) changes[article.uri] = own;
  const index = context.articles;
  for (const uri of index.filesWithTag(tag.kind, tag.value)) {
    if (index.sameFile(uri, article.uri)) continue;
    const text = await index.textOf(uri);
    const edits = text === undefined ? [] : editsIn(text, tag, name);
    if (edits.length > 0) changes[uri] = edits;
  }
  return { changes };
}

/** The edits of one file's text that rename the tag. */
function editsIn(text: string, tag: TagOccurrence, newName: string): TextEdit[] {
  const block = locateFrontMatter(text);
  if (!block?.closed) return [];
  const source = text.slice(block.contentStart, block.contentEnd);
  const yaml = parseFrontMatterYaml(source);
  // YAML that does not read is not edited blindly: its own diagnostic comes first.
  if (yaml.errors.length > 0) return [];
  const all = tagOccurrences(yaml, source).filter((occurrence) => occurrence.kind === tag.kind);
  const result: SourceEdit[] = [];
  // Per scalar, one edit: two words of one text are renamed by rewriting it once.
  const done = new Set<unknown>();
  for (const occurrence of all) {
    if (occurrence.value !== tag.value || done.has(occurrence.node)) continue;
    const sameField = all.filter((other) => other.field === occurrence.field && other !== occurrence);
    if (sameField.some((other) => other.value === newName)) {
      const removal = removeOccurrence(occurrence, source);
      if (removal) result.push(removal);
      if (occurrence.words) done.add(occurrence.node);
      continue;
    }
    if (occurrence.words && occurrence.words.filter((word) => word === tag.value).length > 1) {
      // The same word twice in one text: the whole value, once.
      const words = occurrence.words.map((word, at) =>
        word === tag.value && at !== occurrence.word ? newName : word,
      );
      const [start, end] = occurrence.node.range!;
      result.push(renameOccurrence({ ...occurrence, words, span: [start, end] }, newName));
      done.add(occurrence.node);
      continue;
    }
    result.push(renameOccurrence(occurrence, newName));
  }
  const lines = lineStarts(text);
  return result.map((edit) => ({
    range: {
      start: positionOf(lines, block.contentStart + edit.start),
      end: positionOf(lines, block.contentStart + edit.end),
    },
    newText: edit.newText,
  }));
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

function positionOf(starts: number[], offset: number): Position {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low, character: offset - starts[low] };
}

/** A hover on a tag says how many articles of the site use it, its other spellings, and that F2 renames it. */
export function withTagUse(context: ArticleContext, position: Position, hover: Hover | null): Hover | null {
  const index = context.articles;
  if (!index.built) return hover;
  const tag = tagAt(context, position);
  if (!tag) return hover;
  const uri = context.article.uri;
  const others = index.filesWithTag(tag.kind, tag.value).filter((file) => !index.sameFile(file, uri));
  const count = others.length + 1;
  const what = tag.kind === 'tags' ? 'tag' : 'category';
  let line = `The ${what} \`${tag.value}\` is used by ${count} article${count === 1 ? '' : 's'} of the site; rename it everywhere with F2`;
  const variants = [...index.tagVariants(tag.kind, tag.value, uri)].filter(([value]) => value !== tag.value);
  if (variants.length > 0)
    line += ` \u2014 also spelt ${variants
      .slice(0, 5)
      .map(([value, articles]) => `\`${value}\` (${articles})`)
      .join(', ')}`;
  const range = context.article.range(tag.span[0], tag.span[1]);
  if (!hover) return { contents: { kind: 'markdown', value: line }, range };
  const contents = hover.contents;
  const value = typeof contents === 'object' && 'kind' in contents ? contents.value : '';
  return { ...hover, contents: { kind: 'markdown', value: value ? `${value}\n\n${line}` : line } };
}

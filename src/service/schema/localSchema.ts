/**
 * The schema an article names for itself, as the writers of remark-lint-frontmatter-schema and
 * of the YAML extension do: a `$schema` key in the front matter, or a
 * `# yaml-language-server: $schema=<path>` comment in it.
 */
import type { ParsedArticle } from '../yaml/articleDocument';

/** The field that names an article's own schema; never an unknown field. */
export const SCHEMA_KEY = '$schema';

/** A schema named in the article, and where (document offsets of the line that names it). */
export interface LocalSchemaReference {
  readonly reference: string;
  readonly start: number;
  readonly end: number;
}

const COMMENT = /^[ \t]*#[ \t]*yaml-language-server[ \t]*:[ \t]*\$schema=(\S+)/m;
const KEY_LINE = /^(?:\$schema|"\$schema"|'\$schema')[ \t]*:.*$/m;

/**
 * The schema the article names, if any: its top-level `$schema` key (a text) wins over the
 * `yaml-language-server` comment.
 */
export function localSchemaOf(
  article: ParsedArticle,
  data: Record<string, unknown>,
): LocalSchemaReference | undefined {
  const block = article.block;
  if (!block) return undefined;
  const value = data[SCHEMA_KEY];
  const source = article.source;
  if (typeof value === 'string' && value.trim() !== '') {
    const line = KEY_LINE.exec(source);
    const start = block.contentStart + (line?.index ?? 0);
    return { reference: value.trim(), start, end: line ? start + line[0].trimEnd().length : start };
  }
  // Cheap test first: most front matter has no comment at all.
  if (!source.includes('yaml-language-server')) return undefined;
  const comment = COMMENT.exec(source);
  if (!comment) return undefined;
  const start = block.contentStart + comment.index + comment[0].length - comment[0].trimStart().length;
  return { reference: comment[1], start, end: block.contentStart + comment.index + comment[0].length };
}

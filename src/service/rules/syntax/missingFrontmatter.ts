import type { Diagnostic } from 'vscode-languageserver-types';
import type { ArticleContext } from '../../context';
import { documentTypeOf } from '../../site/jekyllDefaults';
import { isWalkedName } from '../../util/articleNames';
import { defineRule, diagnostic } from '../rule';

/** Files a repository keeps for its maintainers, even inside a collection's folder. */
const REPOSITORY_FILE =
  /^(?:readme|license|licence|changelog|contributing|code_of_conduct|security)\.[^.]+$/i;

/**
 * A Markdown file in a collection's folder (`_<name>/`, a collection `_config.yml` declares)
 * with no front matter at all: Jekyll makes a document of a collection's file only when it
 * starts with `---` (`has_yaml_header?`), and copies any other as a static file, unrendered
 * and missing from `site.<name>`. Not said of `_posts` and `_drafts`, whose files Jekyll reads
 * as posts with or without front matter, nor of pages (a Markdown file outside the `_`
 * folders is meant to be copied as it is when it has none: a README), nor of a collection's
 * README or LICENSE. The only knowable fix is an empty front matter; it is offered, never
 * made by fix-all: whether the file is meant as a page is the writer's to say.
 */
export const missingFrontmatter = defineRule({
  code: 'missing-frontmatter',
  severity: 'hint',
  description:
    'A Markdown file in a collection with no front matter: Jekyll copies it as a static file instead of rendering it.',
  severityReason: 'Hint: some collections hold files meant to be copied as they are; the writer knows which.',
  layer: 'syntax',
  fix: 'unsafe',
  fixTitle: () => 'Add an empty front matter (`---` and `---`) at the top',
});

/** The `missing-frontmatter` problem of a file in which no front matter was found, if it has one. */
export function missingFrontMatter(context: ArticleContext): Diagnostic | undefined {
  const path = context.relativePath;
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (!isWalkedName(name) || REPOSITORY_FILE.test(name)) return undefined;
  const collection = documentTypeOf(path, context.shape.config);
  if (collection === undefined || ['pages', 'posts', 'drafts'].includes(collection)) return undefined;
  const { document, text } = context.article;
  // After a byte order mark, where the service reads front matter from.
  const at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const firstLine = /^[^\r\n]*/.exec(text.slice(at))![0];
  const newline = /\r\n/.test(text) ? '\r\n' : '\n';
  const start = document.positionAt(at);
  return diagnostic(
    missingFrontmatter,
    { start, end: document.positionAt(at + firstLine.length) },
    `This file has no front matter, so Jekyll copies it as it is instead of rendering it as a document of the \`${collection}\` collection \u2014 start it with a \`---\` line and another \`---\` line (an empty front matter is enough)`,
    { edits: [{ range: { start, end: start }, newText: `---${newline}---${newline}` }] },
  );
}

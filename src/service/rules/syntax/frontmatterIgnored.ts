import { isMap } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { ArticleContext } from '../../context';
import { parseFrontMatterYaml } from '../../yaml/articleDocument';
import { defineRule, diagnostic } from '../rule';

/**
 * What may come before a `---` line that Jekyll would have read as front matter: blank lines,
 * spaces (visible or not: a no-break or zero-width space, a byte order mark), then at most
 * three stray characters on the `---` line itself (`x---`). Dashes are not stray: `----` is
 * a Markdown rule, not a misplaced opening.
 */
const MISPLACED_OPENING =
  /^([\s\u00a0\u200b-\u200d\u2060\ufeff]*)([^\s\u00a0\u200b-\u200d\u2060\ufeff-][^\r\n-]{0,2})?---[ \t]*(?:\r\n|\n|\r)/;
/** The closing `---` or `...` line. */
const CLOSING = /(?:\r\n|\n|\r)(?:---|\.\.\.)[ \t]*(?=\r|\n|$)/g;
/** The first field of a front matter: `key:` at the start of its line. */
const FIRST_FIELD = /^[A-Za-z_$][\w$.-]*[ \t]*:(?:[ \t]|$)/;

/**
 * Jekyll reads front matter only when the file's very first line is `---`
 * (`\A(---\s*\n.*?\n?)^((---|\.\.\.)\s*$\n?)`); a page whose first line is not is not even a
 * page (`has_yaml_header?`), and a post shows its fields as text. A block that reads as front
 * matter (fields, then a closing line) after blank lines, spaces or a few stray characters is
 * reported on what comes before it; the fix removes that. A file that opens with text and
 * later has a `---` rule is not this case. A UTF-8 byte order mark alone is not reported:
 * editors hide it and the service reads past it, as Jekyll's reading of posts does.
 */
export const frontmatterIgnored = defineRule({
  code: 'frontmatter-ignored',
  severity: 'warning',
  description:
    'Blank lines, spaces or other text before the opening `---`: Jekyll ignores the whole front matter and shows it as text.',
  severityReason:
    'Warning: the site builds, but the page loses every field (layout, title) and shows them as text.',
  layer: 'syntax',
  fix: 'safe',
  fixTitle: () => 'Remove what comes before `---`',
});

/** The `frontmatter-ignored` problem of a file in which no front matter was found, if it has one. */
export function ignoredFrontMatter(context: ArticleContext): Diagnostic | undefined {
  const { text, document } = context.article;
  const opening = MISPLACED_OPENING.exec(text);
  if (!opening) return undefined;
  const [line, lead, stray] = opening;
  if (stray === undefined && lead.replace(/\ufeff/g, '') === '') return undefined;
  const contentStart = line.length;
  CLOSING.lastIndex = contentStart - 1;
  const close = CLOSING.exec(text);
  if (!close) return undefined;
  const content = text.slice(contentStart, close.index);
  if (content.length > context.settings.maxFrontMatterLength) return undefined;
  // Front matter is fields: its first line that is neither blank nor a comment is `key:`.
  const first = content.split(/\r\n|\n|\r/).find((part) => part.trim() !== '' && !/^\s*#/.test(part));
  if (first === undefined || !FIRST_FIELD.test(first)) return undefined;
  const yaml = parseFrontMatterYaml(content);
  if (yaml.errors.length > 0 || !isMap(yaml.contents) || yaml.contents.items.length === 0) return undefined;
  const openStart = lead.length + (stray?.length ?? 0);
  const lines = lead.replace(/\r\n/g, '\n').replace(/[^\r\n]/g, '').length;
  const before = stray
    ? `\`${stray.trim()}\``
    : lines > 1
      ? 'blank lines'
      : lines === 1
        ? 'a blank line'
        : /[ \t]/.test(lead)
          ? 'spaces'
          : 'an invisible character';
  return diagnostic(
    frontmatterIgnored,
    { start: document.positionAt(0), end: document.positionAt(openStart) },
    `Jekyll reads front matter only when \`---\` is the very first line of the file: with ${before} before it, the whole block is ignored and shown as text \u2014 remove what comes before \`---\``,
    // What is not blank may be something the writer meant: the fix is offered, not made blindly.
    stray !== undefined ? { replacement: '', guess: true } : { replacement: '' },
  );
}

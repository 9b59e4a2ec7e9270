import type { Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { Scalar } from 'yaml';
import type { ArticleContext } from '../../context';
import { lineEnd, lineStart } from '../../util/lines';
import { forEachScalarAt } from '../../yaml/nodes';
import { defineRule, diagnostic } from '../rule';

/** A `#` after a blank and glued to what follows: the only comments this rule ever looks at. */
const GLUED_COMMENT = /[ \t]#[^\s#]/g;
/** Fields that hold prose: a `#1` or `#hashtag` there is text, never a note to the maintainer. */
const PROSE_FIELDS = new Set([
  'title',
  'subtitle',
  'description',
  'excerpt',
  'summary',
  'name',
  'caption',
  'alt',
  'headline',
  'tagline',
  'teaser',
  'lead',
  'abstract',
  'label',
  'heading',
  'quote',
  'byline',
]);
/** `seo_title`, `og-description`, `short_name`…: a prose field by its last word. */
const PROSE_SUFFIX =
  /(?:^|[_-])(?:title|subtitle|description|excerpt|summary|caption|name|headline|tagline)$/i;
/** A note to the maintainer, glued or not: `#TODO`, `#fixme`. */
const NOTE_WORD = /^(?:todo|fixme|xxx|hack|note)\b/i;
/** A CSS colour: `color: #fff` leaves the field empty. */
const HEX_COLOUR = /^(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;

/**
 * ` #` inside an unquoted value starts a YAML comment, so `title: Learn C# in 5 days #1` is
 * the title "Learn C# in 5 days" and `color: #fff` is empty. A comment after a value is
 * legitimate YAML (`layout: post # the default`), so only what cannot be a writer's note is
 * reported: a `#` glued to a word or a number (`#1`, `#hashtag`, `#fff`) after the text of a
 * prose field (`title`, `description`…), a `#` and a number after several words anywhere
 * (`- Part two #2`), and a field left empty by a colour or, in a prose field, by a glued `#`.
 * Never after a number, a boolean, a date, a path or a URL, nor inside `[…]`.
 */
export const commentInValue = defineRule({
  code: 'comment-in-value',
  severity: 'warning',
  description:
    'A ` #` inside an unquoted value starts a YAML comment: the rest of the value is lost (`title: Learn C# in 5 days #1`).',
  severityReason: 'Warning: the site builds, but the text after ` #` silently disappears.',
  layer: 'syntax',
  // Text lost in a `related` entry is lost from this file's own YAML, not only from the linked article.
  judgesRelatedCopies: true,
  fix: 'safe',
  fixTitle: () => 'Put the whole value in quotes',
  check(context): Diagnostic[] {
    const { article } = context;
    const block = article.block;
    if (!block) return [];
    const source = article.source;
    if (!mayHoldGluedComment(source)) return [];
    const yaml = article.yaml;
    // YAML that does not read is misread around its error: its comments are not to be trusted.
    if (!yaml || yaml.errors.length > 0) return [];
    const result: Diagnostic[] = [];
    forEachScalarAt(yaml.contents, (scalar, path, inFlow) => {
      if (inFlow || scalar.type !== Scalar.PLAIN || scalar.tag || !scalar.range) return;
      const last = path.at(-1);
      const field = typeof last === 'string' ? last : undefined;
      const [start, end] = scalar.range;
      const written = source.slice(start, end);
      const empty = scalar.value === null && written === '';
      if (!empty && typeof scalar.value !== 'string') return;
      if (/[\r\n]/.test(written)) return;
      let at = end;
      while (source[at] === ' ' || source[at] === '\t') at++;
      if (source[at] !== '#' || (at > 0 && !/[ \t]/.test(source[at - 1]))) return;
      let commentEnd = lineEnd(source, at);
      while (commentEnd > at && /[ \t]/.test(source[commentEnd - 1])) commentEnd--;
      const comment = source.slice(at, commentEnd);
      const lost = empty ? lostFromEmpty(field, comment) : lostFromText(field, written, comment);
      if (!lost) return;
      const valueStart = empty ? at : start;
      const whole = source.slice(valueStart, commentEnd);
      const shown = field === undefined ? 'this entry' : `\`${field}\``;
      const message = empty
        ? `YAML reads ${shown} as empty: \`${shorten(comment)}\` starts a comment \u2014 put the value in quotes to keep it`
        : `YAML reads ${shown} as "${shorten(written)}": \`${shorten(comment)}\` after it starts a comment and is lost \u2014 put the whole value in quotes`;
      result.push(
        diagnostic(commentInValue, article.range(at, commentEnd), message, {
          edits: quoting(context, valueStart, commentEnd, whole),
        }),
      );
    });
    return result;
  },
});

/**
 * Whether a glued comment may follow an unquoted value, told from the text alone: a quoted
 * value holding ` #1` (a real title, `"… clouds #4 – …"`) needs no reading of the nodes.
 */
function mayHoldGluedComment(source: string): boolean {
  GLUED_COMMENT.lastIndex = 0;
  for (let match = GLUED_COMMENT.exec(source); match; match = GLUED_COMMENT.exec(source)) {
    // What the line holds before the `#`, without its indentation, list dashes and key.
    const before = source
      .slice(lineStart(source, match.index), match.index)
      .replace(/^[ \t]*(?:-[ \t]+)*/, '')
      .replace(/^[^"'\s][^:]*?:[ \t]+/, '');
    // In or after a quoted value; a continuation line of one is looked at closely.
    if (!/^["']/.test(before)) return true;
  }
  return false;
}

/** Whether a glued comment after text is text the writer meant (`#1`, `#hashtag` in a title). */
function lostFromText(field: string | undefined, value: string, comment: string): boolean {
  const rest = comment.slice(1);
  if (!/^[\p{L}\p{N}]/u.test(rest) || NOTE_WORD.test(rest)) return false;
  // Paths, addresses and dates are not prose, whatever their field.
  if (/^[/.~]|:\/\/|^\d{4}-\d\d-\d\d/.test(value)) return false;
  if (isProseField(field)) return true;
  // Several words then `#2`: a number sign, not a note (a note has words).
  return /\s/.test(value) && /^\d+\b/.test(rest);
}

/** Whether a comment right after `field:` holds the value: a colour, or the text of a prose field. */
function lostFromEmpty(field: string | undefined, comment: string): boolean {
  if (field === undefined) return false;
  const rest = comment.slice(1);
  if (HEX_COLOUR.test(rest)) return true;
  return isProseField(field) && /^[\p{L}\p{N}]/u.test(rest) && !NOTE_WORD.test(rest);
}

function isProseField(field: string | undefined): boolean {
  return field !== undefined && (PROSE_FIELDS.has(field.toLowerCase()) || PROSE_SUFFIX.test(field));
}

/**
 * The edits that quote `whole` (from `start` to `end` of the front matter): two quotes where
 * nothing inside needs escaping, else the whole value single-quoted with its `'` doubled.
 */
function quoting(context: ArticleContext, start: number, end: number, whole: string): TextEdit[] {
  const { article } = context;
  if (!/["\\]/.test(whole)) {
    return [
      { range: article.range(start, start), newText: '"' },
      { range: article.range(end, end), newText: '"' },
    ];
  }
  if (!whole.includes("'")) {
    return [
      { range: article.range(start, start), newText: "'" },
      { range: article.range(end, end), newText: "'" },
    ];
  }
  return [{ range: article.range(start, end), newText: `'${whole.replace(/'/g, "''")}'` }];
}

/** Text shown in a message: at most 60 characters (a surrogate pair is not split). */
function shorten(text: string): string {
  if (text.length <= 60) return text;
  const cut = /[\ud800-\udbff]/.test(text.charAt(56)) ? 56 : 57;
  return `${text.slice(0, cut)}\u2026`;
}

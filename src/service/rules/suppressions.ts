import type { Diagnostic, Range } from 'vscode-languageserver-types';
import type { ArticleContext } from '../context';
import { DIAGNOSTIC_SOURCE, diagnostic } from './rule';
import { unusedSuppression } from './syntax/unusedSuppression';

/** The word every suppression comment holds: a front matter without it is never read for them. */
export const SUPPRESSION_MARK = 'article-frontmatter-disable';

/** The comment that silences codes on the next line. */
export const DISABLE_NEXT_LINE = `${SUPPRESSION_MARK}-next-line`;

/**
 * A whole-line comment `# article-frontmatter-disable[-next-line] code code…`, optionally
 * followed by `-- why` (as ESLint writes it): the directive and the codes.
 */
const COMMENT = /^([ \t]*#[ \t]*)article-frontmatter-disable(-next-line)?(?=[ \t]|$)([^\r\n]*)$/;

/** One comment: the codes it names, and the lines it covers. */
interface Suppression {
  /** The codes it names, each with where it is written (for the unused hint). */
  readonly codes: ReadonlyArray<{ code: string; range: Range; used: boolean }>;
  /** The first line it covers (0-based document line). */
  readonly from: number;
  /** The last line it covers (the rest of the front matter for `disable`). */
  readonly to: number;
}

/**
 * Applies the suppression comments of the front matter to its diagnostics: those of a code a
 * comment names, on a line it covers, are left out; a code that silenced nothing gets an
 * `unused-suppression` hint. A front matter without the word `article-frontmatter-disable`
 * costs one search of its text.
 */
export function applySuppressions(context: ArticleContext, diagnostics: Diagnostic[]): Diagnostic[] {
  const { article } = context;
  const block = article.block;
  if (!block?.closed || article.tooLarge) return diagnostics;
  const first = article.text.indexOf(SUPPRESSION_MARK, block.contentStart);
  if (first === -1 || first >= block.contentEnd) return diagnostics;
  const suppressions = readSuppressions(context, first);
  if (suppressions.length === 0) return diagnostics;
  const kept = diagnostics.filter((item) => {
    if (item.source !== DIAGNOSTIC_SOURCE) return true;
    const code = String(item.code);
    const line = item.range.start.line;
    let silenced = false;
    for (const suppression of suppressions) {
      if (line < suppression.from || line > suppression.to) continue;
      for (const named of suppression.codes) {
        if (named.code !== code) continue;
        named.used = true;
        silenced = true;
      }
    }
    return !silenced;
  });
  // While the YAML cannot be read, the schema and site rules say nothing: a suppression of
  // theirs would look unused only because its problem is hidden.
  const unreadable = article.yaml?.errors.some((error) => error.code !== 'DUPLICATE_KEY') ?? false;
  if (unreadable || !context.rules.has(unusedSuppression.code)) return kept;
  for (const suppression of suppressions) {
    for (const named of suppression.codes) {
      if (named.used) continue;
      const known = context.rules.has(named.code);
      kept.push(
        diagnostic(
          unusedSuppression,
          named.range,
          known
            ? `Nothing of \`${named.code}\` is silenced here: remove \`${named.code}\` from this comment`
            : `\`${named.code}\` is not a code of Article Front Matter: this comment silences nothing`,
        ),
      );
    }
  }
  return kept;
}

/** The suppression comments of the front matter, from the first `article-frontmatter-disable` on. */
function readSuppressions(context: ArticleContext, first: number): Suppression[] {
  const { article } = context;
  const { text, document } = article;
  const block = article.block!;
  const lastLine = document.positionAt(block.contentEnd).line;
  const result: Suppression[] = [];
  let at = first;
  while (at !== -1 && at < block.contentEnd) {
    const start = text.lastIndexOf('\n', at) + 1;
    const newline = text.indexOf('\n', at);
    const end = newline === -1 || newline > block.contentEnd ? block.contentEnd : newline;
    const match = COMMENT.exec(text.slice(start, end));
    if (match) {
      const line = document.positionAt(start).line;
      const codes = codesOf(match[3], start + match[0].length - match[3].length, context);
      if (match[2]) {
        const target = nextContentLine(context, end, lastLine);
        if (target !== undefined) result.push({ codes, from: target, to: target });
        else result.push({ codes, from: lastLine + 1, to: lastLine + 1 });
      } else {
        // Above the first field, it covers the whole front matter, the opening `---` too
        // (where a missing top-level field is reported).
        const from = onlyCommentsBefore(article.text, block.contentStart, start)
          ? document.positionAt(block.openStart).line
          : line;
        result.push({ codes, from, to: lastLine });
      }
    }
    at = text.indexOf(SUPPRESSION_MARK, end);
  }
  return result;
}

/** The codes written after the directive (up to `--`), each with its range in the document. */
function codesOf(
  written: string,
  offset: number,
  context: ArticleContext,
): Array<{ code: string; range: Range; used: boolean }> {
  const codes: Array<{ code: string; range: Range; used: boolean }> = [];
  const words = /[^\s,]+/g;
  for (let match = words.exec(written); match; match = words.exec(written)) {
    if (match[0] === '--') break;
    const from = offset + match.index;
    codes.push({
      code: match[0],
      range: {
        start: context.article.document.positionAt(from),
        end: context.article.document.positionAt(from + match[0].length),
      },
      used: false,
    });
  }
  return codes;
}

/** The first line after `offset` that is neither blank nor a comment, within the front matter. */
function nextContentLine(context: ArticleContext, offset: number, lastLine: number): number | undefined {
  const { text, document } = context.article;
  const end = context.article.block!.contentEnd;
  let at = offset + 1;
  while (at < end) {
    const newline = text.indexOf('\n', at);
    const lineEnd = newline === -1 || newline > end ? end : newline;
    const content = text.slice(at, lineEnd).trim();
    if (content !== '' && !content.startsWith('#')) {
      const line = document.positionAt(at).line;
      return line <= lastLine ? line : undefined;
    }
    at = lineEnd + 1;
  }
  return undefined;
}

/** Whether only blank lines and comments stand between the front matter's start and `offset`. */
function onlyCommentsBefore(text: string, from: number, offset: number): boolean {
  for (const line of text.slice(from, offset).split('\n')) {
    const content = line.trim();
    if (content !== '' && !content.startsWith('#')) return false;
  }
  return true;
}

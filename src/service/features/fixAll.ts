import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { computeCodeActions, isSafeFix } from './codeActions';
import type { ArticleContext } from '../context';

/** Most rounds of "apply every safe fix, check again": a fix may reveal another one. */
export const MAX_FIX_ALL_ROUNDS = 5;

/** One version of the article as fix-all sees it: what the features see, and its diagnostics. */
export interface FixAllRound {
  readonly context: ArticleContext;
  readonly diagnostics: Diagnostic[];
}

/**
 * Every safe fix at once: applies each safe quick fix that does not conflict with an
 * earlier one, checks the result again and repeats until no safe fix is left (at most
 * `MAX_FIX_ALL_ROUNDS` rounds). Returns minimal edits from the document's text to the result,
 * or none when there is nothing to fix.
 * @param read the context and diagnostics of one version of the text; later versions are
 * never the editor's own, so the caller keeps them out of the editor document's cache.
 */
export async function computeFixAll(
  document: TextDocument,
  read: (document: TextDocument) => Promise<FixAllRound | undefined>,
): Promise<TextEdit[]> {
  const original = document.getText();
  let pieces: Piece[] = [{ start: 0, end: original.length }];
  let current = document;
  const seen = new Set([original]);
  for (let round = 0; round < MAX_FIX_ALL_ROUNDS; round++) {
    const state = await read(current);
    if (!state || state.diagnostics.length === 0) break;
    const safe = computeCodeActions(state.context, wholeRange(current), state.diagnostics).filter(isSafeFix);
    const edits = compatibleEdits(current, safe);
    if (edits.length === 0) break;
    const text = current.getText();
    pieces = applyToPieces(pieces, original, text, edits);
    const next = textOf(pieces, original);
    // Fixes that undo each other: none of them is safe to apply.
    if (seen.has(next)) return [];
    seen.add(next);
    current = createNext(current, next);
  }
  return editsFrom(pieces, document);
}

/** An edit as offsets into the text it applies to. */
interface Span {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/**
 * The edits of the safe fixes that do not conflict with an earlier fix, in the order to
 * apply them. An action is taken whole or not at all.
 */
function compatibleEdits(document: TextDocument, actions: CodeAction[]): Span[] {
  const taken: Span[] = [];
  for (const action of actions) {
    const edits = action.edit?.changes?.[document.uri];
    if (!edits || edits.length === 0 || action.edit?.documentChanges || action.command) continue;
    const spans = edits.map((edit) => ({
      start: document.offsetAt(edit.range.start),
      end: document.offsetAt(edit.range.end),
      newText: edit.newText,
    }));
    // The same change asked twice (two diagnostics with one fix) is made once.
    const fresh = spans.filter((span) => !taken.some((other) => sameEdit(span, other)));
    if (fresh.length === 0) continue;
    if (fresh.some((span) => taken.some((other) => conflict(span, other)))) continue;
    taken.push(...fresh);
  }
  // Stable: insertions at one place keep the order of their fixes.
  return taken
    .map((span, index) => ({ span, index }))
    .sort((a, b) => a.span.start - b.span.start || a.index - b.index)
    .map(({ span }) => span);
}

/** The blanks that open the first line an inserted text adds. */
function indentOf(text: string): string {
  return /^(?:\r?\n)?( *)/.exec(text)![1];
}

function sameEdit(a: Span, b: Span): boolean {
  return a.start === b.start && a.end === b.end && a.newText === b.newText;
}

/**
 * Whether two edits cannot both be made: they overlap, or one inserts where the other replaces,
 * starts or ends (which comes first would be a guess). Edits that only touch can, and so can two
 * insertions at one place that add lines of the same indentation (in the order given): lines
 * of a nested group and of the top level at one place would put the group's after the top's.
 */
function conflict(a: Span, b: Span): boolean {
  if (a.start < b.end && a.end > b.start) return true;
  if (a.start === a.end && b.start === b.end)
    return a.start === b.start && indentOf(a.newText) !== indentOf(b.newText);
  if (a.start === a.end) return b.start <= a.start && a.start <= b.end;
  return b.start === b.end && a.start <= b.start && b.start <= a.end;
}

/**
 * The current text as pieces: spans of the original text (`start`–`end`, in order) and new
 * text (`text`). Fixes of later rounds split and replace pieces, so the changes from the
 * original text stay known exactly, however many rounds there were.
 */
type Piece = { readonly start: number; readonly end: number } | { readonly text: string };

function pieceLength(piece: Piece): number {
  return 'text' in piece ? piece.text.length : piece.end - piece.start;
}

/** The part of a piece from `from` to `to` (offsets inside the piece). */
function slicePiece(piece: Piece, from: number, to: number): Piece | undefined {
  if (to <= from) return undefined;
  return 'text' in piece
    ? { text: piece.text.slice(from, to) }
    : { start: piece.start + from, end: piece.start + to };
}

/** The pieces of the text after `edits` (sorted, offsets into the current text `text`). */
function applyToPieces(pieces: Piece[], original: string, text: string, edits: Span[]): Piece[] {
  const result: Piece[] = [];
  /** The pieces of the current text between two offsets. */
  const copy = (from: number, to: number) => {
    let at = 0;
    for (const piece of pieces) {
      const length = pieceLength(piece);
      const part = slicePiece(piece, Math.max(from, at) - at, Math.min(to, at + length) - at);
      if (part) result.push(part);
      at += length;
      if (at >= to) break;
    }
  };
  let done = 0;
  for (const edit of edits) {
    copy(done, edit.start);
    if (edit.newText !== '') result.push({ text: edit.newText });
    done = edit.end;
  }
  copy(done, text.length);
  if (textOf(result, original) !== applySpans(text, edits)) {
    throw new Error('fix-all lost track of the changes it made');
  }
  return result;
}

function applySpans(text: string, edits: Span[]): string {
  let result = '';
  let done = 0;
  for (const edit of edits) {
    result += text.slice(done, edit.start) + edit.newText;
    done = edit.end;
  }
  return result + text.slice(done);
}

function textOf(pieces: Piece[], original: string): string {
  return pieces
    .map((piece) => ('text' in piece ? piece.text : original.slice(piece.start, piece.end)))
    .join('');
}

/**
 * The edits from the original text to the pieces' text: one per place where the original was
 * changed, each trimmed to what really differs.
 */
function editsFrom(pieces: Piece[], document: TextDocument): TextEdit[] {
  const original = document.getText();
  const spans: Span[] = [];
  let done = 0;
  let inserted = '';
  const flush = (until: number) => {
    if (until > done || inserted !== '') spans.push(trimmed(original, done, until, inserted));
    inserted = '';
  };
  for (const piece of pieces) {
    if ('text' in piece) {
      inserted += piece.text;
      continue;
    }
    flush(piece.start);
    done = piece.end;
  }
  flush(original.length);
  return spans
    .filter((span) => span.start !== span.end || span.newText !== '')
    .map((span) => ({
      range: { start: document.positionAt(span.start), end: document.positionAt(span.end) },
      newText: span.newText,
    }));
}

/** The replacement of `start`–`end` by `newText`, without the characters both begin or end with. */
function trimmed(original: string, start: number, end: number, newText: string): Span {
  let head = 0;
  while (start + head < end && head < newText.length && original[start + head] === newText[head]) head++;
  let tail = 0;
  while (
    end - tail > start + head &&
    newText.length - tail > head &&
    original[end - 1 - tail] === newText[newText.length - 1 - tail]
  )
    tail++;
  let from = start + head;
  let to = end - tail;
  let textFrom = head;
  let textTo = newText.length - tail;
  // A position cannot fall between the two characters of a CRLF line break.
  if (from > 0 && original[from - 1] === '\r' && original[from] === '\n' && textFrom > 0) {
    from--;
    textFrom--;
  }
  if (original[to - 1] === '\r' && original[to] === '\n' && textTo < newText.length) {
    to++;
    textTo++;
  }
  return { start: from, end: to, newText: newText.slice(textFrom, textTo) };
}

function wholeRange(document: TextDocument) {
  return { start: { line: 0, character: 0 }, end: document.positionAt(document.getText().length) };
}

/** The next version of the text, as a document of the same kind under the same URI. */
function createNext(document: TextDocument, text: string): TextDocument {
  return TextDocument.create(document.uri, document.languageId, document.version + 1, text);
}

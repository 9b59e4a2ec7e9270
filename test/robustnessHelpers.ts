import assert from 'node:assert/strict';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  CodeAction,
  CompletionItem,
  CompletionList,
  DocumentLink,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Range,
  TextEdit,
} from 'vscode-languageserver-types';
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { readFastValues } from '../src/service/yaml/fastValues';
import { parseFastYaml, type FastYamlMemory } from '../src/service/yaml/fastYaml';
import { locateFrontMatter } from '../src/service/index';
import type { ArticleLogger, ArticleService } from '../src/service/types';

/** The real articles nobody here wrote: `../shared/corpus` beside the checkout (as in corpus.test.ts). */
export const CORPUS = process.env.ARTICLE_CORPUS ?? path.resolve(__dirname, '../../shared/corpus');

/** A logger that keeps what it is told, so a test can assert that nothing failed inside the service. */
export function recordingLogger(): ArticleLogger & { readonly errors: string[] } {
  const errors: string[] = [];
  return {
    errors,
    error(message, error) {
      errors.push(`${message}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    },
  };
}

/** The whole document, as a range. */
export function wholeRange(document: TextDocument): Range {
  return { start: { line: 0, character: 0 }, end: document.positionAt(document.getText().length) };
}

/**
 * A range lies inside the document: integer positions on existing lines, characters within the
 * line's text (not past its end, not inside its line break), start before end.
 */
export function assertRangeInside(document: TextDocument, range: Range | undefined, what: string): void {
  assert.ok(range, `${what}: no range`);
  for (const [name, position] of [
    ['start', range.start],
    ['end', range.end],
  ] as const) {
    const { line, character } = position;
    assert.ok(
      Number.isInteger(line) && Number.isInteger(character) && line >= 0 && character >= 0,
      `${what}: ${name} ${JSON.stringify(position)} is not a position`,
    );
    assert.ok(line < document.lineCount, `${what}: ${name} line ${line} of ${document.lineCount} lines`);
    const back = document.positionAt(document.offsetAt(position));
    assert.deepEqual(
      back,
      { line, character },
      `${what}: ${name} ${JSON.stringify(position)} is past its line`,
    );
  }
  assert.ok(
    document.offsetAt(range.start) <= document.offsetAt(range.end),
    `${what}: range ${JSON.stringify(range)} ends before it starts`,
  );
}

/** An edit's boundaries do not split a CRLF line break or a surrogate pair. */
export function assertCleanBoundaries(text: string, offset: number, what: string): void {
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  assert.ok(!(before === 13 && after === 10), `${what}: offset ${offset} splits a CRLF`);
  assert.ok(
    !(before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff),
    `${what}: offset ${offset} splits a surrogate pair`,
  );
}

/**
 * Markdown from the service shows only what it means to: no link or picture to anything but
 * `http:`/`https:` (so no `command:`, `javascript:`, `data:`, `file:`), no raw HTML outside code
 * spans, and no `isTrusted`/`supportHtml` flag that would let a file's text run commands.
 */
export function assertSafeMarkdown(content: unknown, what: string): void {
  if (content === undefined || content === null) return;
  if (typeof content === 'string') return assertSafeMarkdownText(content, what);
  if (Array.isArray(content)) {
    for (const part of content) assertSafeMarkdown(part, what);
    return;
  }
  assert.equal(typeof content, 'object', `${what}: unexpected content ${JSON.stringify(content)}`);
  const record = content as Record<string, unknown>;
  assert.ok(!('isTrusted' in record), `${what}: sets isTrusted`);
  assert.ok(!('supportHtml' in record), `${what}: sets supportHtml`);
  if (typeof record.value === 'string') {
    // A MarkedString `{ language, value }` is a code block: shown as text.
    if ('language' in record) return;
    assertSafeMarkdownText(record.value, what);
  }
}

function assertSafeMarkdownText(markdown: string, what: string): void {
  for (const scheme of ['command:', 'javascript:', 'data:', 'file:', 'vbscript:']) {
    assert.ok(!markdown.toLowerCase().includes(`](${scheme}`), `${what}: a ${scheme} link in ${markdown}`);
  }
  for (const target of linkTargets(markdown)) {
    assert.match(target, /^https?:\/\//i, `${what}: a link to ${JSON.stringify(target)} in ${markdown}`);
  }
  const outsideCode = withoutCodeSpans(markdown);
  assert.ok(!/(^|[^\\])(\\\\)*</.test(outsideCode), `${what}: raw < (HTML) in ${markdown}`);
}

/** The targets of the Markdown links and pictures (`[…](target)`) not escaped with a backslash. */
export function linkTargets(markdown: string): string[] {
  const text = withoutCodeSpans(markdown);
  const targets: string[] = [];
  const pattern = /\]\(\s*<?([^)\s>]*)/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    let slashes = 0;
    for (let i = match.index - 1; i >= 0 && text[i] === '\\'; i--) slashes++;
    if (slashes % 2 === 0) targets.push(match[1]);
  }
  return targets;
}

/** Markdown with its inline code spans blanked out (their content is shown literally). */
function withoutCodeSpans(markdown: string): string {
  return markdown.replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (span) => ' '.repeat(span.length));
}

/** Checks a hover: its range inside the document and its Markdown safe. */
export function assertHoverSafe(document: TextDocument, hover: Hover | null, what: string): void {
  if (!hover) return;
  if (hover.range) assertRangeInside(document, hover.range, `${what} range`);
  assertSafeMarkdown(hover.contents, `${what} contents`);
}

/** Checks completion proposals: every edit inside the document, documentation safe, no commands. */
export function assertCompletionSafe(
  document: TextDocument,
  result: CompletionItem[] | CompletionList | null | undefined,
  what: string,
): void {
  if (!result) return;
  const items = Array.isArray(result) ? result : result.items;
  assert.ok(Array.isArray(items), `${what}: no items list`);
  for (const item of items) {
    const label = `${what} item ${JSON.stringify(item.label)}`;
    const edit = item.textEdit;
    if (edit) {
      if ('range' in edit) assertRangeInside(document, edit.range, `${label} textEdit`);
      else {
        assertRangeInside(document, edit.insert, `${label} textEdit.insert`);
        assertRangeInside(document, edit.replace, `${label} textEdit.replace`);
      }
    }
    for (const extra of item.additionalTextEdits ?? [])
      assertRangeInside(document, extra.range, `${label} additionalTextEdit`);
    assertSafeMarkdown(item.documentation, `${label} documentation`);
    // Re-opening the suggestions is the only command a proposal may run.
    if (item.command)
      assert.equal(item.command.command, 'editor.action.triggerSuggest', `${label} runs a command`);
  }
}

/** Checks document links: inside the document, and only to `http:`/`https:` addresses. */
export function assertLinksSafe(document: TextDocument, links: DocumentLink[], what: string): void {
  for (const link of links) {
    assertRangeInside(document, link.range, `${what} link`);
    if (link.target !== undefined)
      assert.match(link.target, /^https?:\/\//i, `${what}: a link to ${JSON.stringify(link.target)}`);
  }
}

/** Checks the outline: every symbol's range inside the document, its selection range inside its range. */
export function assertSymbolsInside(document: TextDocument, symbols: DocumentSymbol[], what: string): void {
  for (const symbol of symbols) {
    const label = `${what} symbol ${JSON.stringify(symbol.name)}`;
    assertRangeInside(document, symbol.range, label);
    assertRangeInside(document, symbol.selectionRange, `${label} selection`);
    const [start, end] = [document.offsetAt(symbol.range.start), document.offsetAt(symbol.range.end)];
    const [from, to] = [
      document.offsetAt(symbol.selectionRange.start),
      document.offsetAt(symbol.selectionRange.end),
    ];
    assert.ok(start <= from && to <= end, `${label}: selection outside its range`);
    assertSymbolsInside(document, symbol.children ?? [], what);
  }
}

/** Checks folding ranges: on existing lines, ending after they start. */
export function assertFoldingInside(document: TextDocument, ranges: FoldingRange[], what: string): void {
  for (const range of ranges) {
    assert.ok(
      Number.isInteger(range.startLine) &&
        Number.isInteger(range.endLine) &&
        range.startLine >= 0 &&
        range.startLine < range.endLine &&
        range.endLine < document.lineCount,
      `${what}: folding range ${JSON.stringify(range)} of ${document.lineCount} lines`,
    );
  }
}

/** The edits a code action makes to the document, after checking it is a plain, safe quick fix. */
export function actionEdits(document: TextDocument, action: CodeAction, what: string): TextEdit[] {
  const label = `${what} "${action.title}"`;
  assert.equal(action.command, undefined, `${label} runs a command`);
  assert.equal(action.edit?.documentChanges, undefined, `${label} uses documentChanges`);
  const changes = action.edit?.changes ?? {};
  assert.deepEqual(Object.keys(changes), [document.uri], `${label} edits another file`);
  const edits = changes[document.uri];
  const text = document.getText();
  const spans: Array<[number, number]> = [];
  for (const edit of edits) {
    assert.equal(typeof edit.newText, 'string', `${label}: newText`);
    assertRangeInside(document, edit.range, `${label} edit`);
    const start = document.offsetAt(edit.range.start);
    const end = document.offsetAt(edit.range.end);
    assertCleanBoundaries(text, start, `${label} edit start`);
    assertCleanBoundaries(text, end, `${label} edit end`);
    spans.push([start, end]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < spans.length; i++)
    assert.ok(spans[i][0] >= spans[i - 1][1], `${label}: its own edits overlap`);
  return edits;
}

/**
 * A fix in a file where no front matter was found (`frontmatter-ignored`, `missing-frontmatter`)
 * may only make the front matter Jekyll reads: remove what comes before the first `---`, or
 * write an empty block at the top. Everything from that `---` on is kept.
 */
function assertFrontMatterMadeReadable(
  document: TextDocument,
  edits: TextEdit[],
  fixed: string,
  label: string,
): string {
  const text = document.getText();
  const opening = Math.max(text.indexOf('---'), 0);
  for (const edit of edits) {
    const [, end] = editSpan(document, edit);
    assert.ok(end <= opening, `${label}: edit ending at ${end}, after the first \`---\` (${opening})`);
  }
  assert.ok(locateFrontMatter(fixed), `${label}: still no front matter after the fix`);
  assert.ok(fixed.endsWith(text.slice(opening)), `${label}: the fix changed the file from its \`---\` on`);
  return fixed;
}

/** Offsets of an edit. */
export function editSpan(document: TextDocument, edit: TextEdit): [number, number] {
  return [document.offsetAt(edit.range.start), document.offsetAt(edit.range.end)];
}

/** YAML as the service reads it, for comparing values before and after a fix. */
function parseFrontMatter(text: string) {
  const block = locateFrontMatter(text);
  if (!block || !block.closed) return undefined;
  const yaml = parseDocument(text.slice(block.contentStart, block.contentEnd), {
    version: '1.2',
    uniqueKeys: true,
    prettyErrors: false,
    logLevel: 'error',
  });
  return { block, yaml };
}

/** The top-level values of a front matter, by key, or `undefined` when they cannot be read. */
function topLevelValues(yaml: ReturnType<typeof parseDocument>): Record<string, unknown> | undefined {
  try {
    const value: unknown = yaml.toJS({ maxAliasCount: 100 });
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One preferred quick fix changes only what it says:
 * - its edits stay inside the front matter (the body after the closing `---` is untouched,
 *   and the front matter still ends where it ended);
 * - on a document whose YAML reads without errors, it adds no YAML error, and every top-level
 *   field its edits do not touch keeps exactly its value.
 * Returns the fixed text.
 */
export function assertFixIsLocal(document: TextDocument, action: CodeAction, what: string): string {
  const text = document.getText();
  const edits = actionEdits(document, action, what);
  const label = `${what} "${action.title}"`;
  const fixed = TextDocument.applyEdits(document, edits);
  // Text outside the edits' ranges is kept, character for character.
  let spliced = text;
  for (const edit of [...edits].sort(
    (a, b) => document.offsetAt(b.range.start) - document.offsetAt(a.range.start),
  )) {
    const [start, end] = editSpan(document, edit);
    spliced = spliced.slice(0, start) + edit.newText + spliced.slice(end);
  }
  assert.equal(fixed, spliced, `${label}: changes text outside its edits`);
  const block = locateFrontMatter(text);
  if (!block) return assertFrontMatterMadeReadable(document, edits, fixed, label);
  const spans = edits.map((edit) => editSpan(document, edit));
  // The line break before the closing marker may go with the last line; the marker may not.
  const closingStart =
    block.contentEnd + (/^(?:\r\n|\r|\n)/.exec(text.slice(block.contentEnd))?.[0].length ?? 0);
  for (const [start, end] of spans) {
    assert.ok(
      start >= block.contentStart && end <= closingStart,
      `${label}: edit ${start}-${end} outside the front matter ${block.contentStart}-${closingStart}`,
    );
  }
  const fixedBlock = locateFrontMatter(fixed);
  assert.ok(fixedBlock, `${label}: the fix removed the front matter`);
  assert.equal(fixedBlock.closed, block.closed, `${label}: the fix changed where the front matter ends`);
  const closingOn = (from: string, end: number) => from.slice(end).replace(/^(?:\r\n|\r|\n)/, '');
  assert.equal(
    closingOn(fixed, fixedBlock.contentEnd),
    closingOn(text, block.contentEnd),
    `${label}: the fix changed the text after the front matter`,
  );
  assert.equal(
    fixed.slice(0, block.contentStart),
    text.slice(0, block.contentStart),
    `${label}: the opening`,
  );

  const before = parseFrontMatter(text);
  const after = parseFrontMatter(fixed);
  if (!before || !after || before.yaml.errors.length > 0) return fixed;
  assert.deepEqual(
    after.yaml.errors.map((error) => `${error.code} ${error.message.split('\n')[0]}`),
    [],
    `${label}: the fix breaks the YAML:\n${fixed.slice(block.contentStart, fixedBlock.contentEnd)}`,
  );
  const beforeValues = topLevelValues(before.yaml);
  const afterValues = topLevelValues(after.yaml);
  if (!isMap(before.yaml.contents) || !beforeValues || !afterValues) return fixed;
  for (const pair of before.yaml.contents.items) {
    const key = pair.key as Node | null;
    const value = pair.value as Node | null;
    if (!isScalar(key) || !key.range) continue;
    const from = key.range[0];
    const to = value?.range?.[2] ?? key.range[2];
    const touched = spans.some(
      ([start, end]) => start - block.contentStart <= to && end - block.contentStart >= from,
    );
    if (touched) continue;
    const name = key.value == null ? '' : String(key.value);
    assert.ok(name in afterValues, `${label}: the untouched field \`${name}\` is gone`);
    assert.ok(
      isDeepStrictEqual(afterValues[name], beforeValues[name]),
      `${label}: the untouched field \`${name}\` changed`,
    );
  }
  return fixed;
}

/** Greedily keeps the preferred fixes whose edits do not conflict with those already kept. */
export function nonOverlapping(document: TextDocument, actions: CodeAction[]): CodeAction[] {
  const taken: Array<[number, number]> = [];
  const kept: CodeAction[] = [];
  for (const action of actions) {
    const spans = (action.edit?.changes?.[document.uri] ?? []).map((edit) => editSpan(document, edit));
    if (spans.length === 0) continue;
    if (spans.some(([start, end]) => taken.some(([from, to]) => overlap(start, end, from, to)))) continue;
    taken.push(...spans);
    kept.push(action);
  }
  return kept;
}

/**
 * Whether two edits conflict: they overlap, or one inserts where the other replaces, starts or
 * ends (the order would be a guess). Edits that only touch do not, nor two insertions at one
 * place (each adds whole lines, in the order given).
 */
function overlap(start: number, end: number, from: number, to: number): boolean {
  if (start < to && end > from) return true;
  if (start === end && from === to) return false;
  if (start === end && from <= start && start <= to) return true;
  return from === to && start <= from && from <= end;
}

let version = 1;

/** A fresh document version, so the service's cache never mistakes one case for another. */
export function nextVersion(): number {
  return ++version;
}

/** Most rounds of "apply every preferred fix" a document may need before none is left. */
export const MAX_FIX_ROUNDS = 5;

/**
 * Fix-all converges: applying every non-overlapping preferred fix, validating again and
 * repeating leaves no preferred fix within MAX_FIX_ROUNDS rounds, and each round changes
 * the text (so a further round produces no edit at all). Returns the number of rounds.
 */
export async function assertFixAllConverges(
  service: ArticleService,
  uri: string,
  text: string,
  what: string,
): Promise<number> {
  let current = text;
  const history: string[] = [];
  for (let round = 0; ; round++) {
    const document = TextDocument.create(uri, 'markdown', nextVersion(), current);
    const diagnostics = await service.validate(document);
    const actions =
      diagnostics.length > 0 ? await service.codeActions(document, wholeRange(document), diagnostics) : [];
    const chosen = nonOverlapping(
      document,
      actions.filter((action) => action.isPreferred),
    );
    if (chosen.length === 0) return round;
    const titles = chosen.map((action) => `${action.title} [${action.diagnostics?.[0]?.code}]`);
    history.push(titles.join('; '));
    assert.ok(
      round < MAX_FIX_ROUNDS,
      `${what}: fix-all still offers fixes after ${MAX_FIX_ROUNDS} rounds:\n${history.join('\n')}`,
    );
    const next = TextDocument.applyEdits(
      document,
      chosen.flatMap((action) => actionEdits(document, action, what)),
    );
    assert.notEqual(next, current, `${what}: preferred fixes that change nothing: ${titles.join('; ')}`);
    current = next;
  }
}

/** A change that damages a text; places are fractions of its length or line count. */
export type Damage =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'replace'; at: number; length: number; text: string }
  | { kind: 'copy'; from: number; length: number; at: number }
  | { kind: 'duplicateLine'; line: number }
  | { kind: 'swapLines'; a: number; b: number }
  | { kind: 'indent'; line: number; by: string }
  | { kind: 'truncate'; at: number }
  | { kind: 'lineEndings'; style: 'crlf' | 'cr' | 'mixed' }
  | { kind: 'misspellKey'; line: number; at: number }
  | { kind: 'rewriteValue'; line: number; value: string };

/** Applies one damage to a text. */
export function applyDamage(text: string, change: Damage): string {
  const at = (where: number) => Math.floor(where * (text.length + 1));
  const lines = text.split(/(?<=\n)/);
  const line = (where: number) => Math.min(lines.length - 1, Math.floor(where * lines.length));
  switch (change.kind) {
    case 'delete':
      return text.slice(0, at(change.at)) + text.slice(at(change.at) + change.length);
    case 'insert':
      return text.slice(0, at(change.at)) + change.text + text.slice(at(change.at));
    case 'replace':
      return text.slice(0, at(change.at)) + change.text + text.slice(at(change.at) + change.length);
    case 'copy': {
      const from = at(change.from);
      return (
        text.slice(0, at(change.at)) + text.slice(from, from + change.length) + text.slice(at(change.at))
      );
    }
    case 'duplicateLine': {
      const index = line(change.line);
      lines.splice(index, 0, lines[index].endsWith('\n') ? lines[index] : lines[index] + '\n');
      return lines.join('');
    }
    case 'swapLines': {
      const [a, b] = [line(change.a), line(change.b)];
      [lines[a], lines[b]] = [lines[b], lines[a]];
      return lines.join('');
    }
    case 'indent': {
      const index = line(change.line);
      lines[index] = change.by + lines[index];
      return lines.join('');
    }
    case 'truncate':
      return text.slice(0, at(change.at));
    case 'misspellKey':
    case 'rewriteValue': {
      // Mistakes a writer makes on a `key: value` line (the YAML stays readable).
      const index = line(change.line);
      const field = /^([ \t]*(?:- )?)([A-Za-z_][\w-]*)(:[ \t]*)([^\r\n]*)/.exec(lines[index]);
      if (!field) return text;
      const [whole, indent, key, colon, value] = field;
      let next: string;
      if (change.kind === 'misspellKey') {
        const i = Math.min(key.length - 2, Math.floor(change.at * (key.length - 1)));
        if (i < 0) return text;
        next = indent + key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2) + colon + value;
      } else {
        next = indent + key + colon + change.value;
      }
      lines[index] = next + lines[index].slice(whole.length);
      return lines.join('');
    }
    case 'lineEndings':
      if (change.style === 'crlf') return text.replace(/\r?\n/g, '\r\n');
      if (change.style === 'cr') return text.replace(/\r?\n/g, '\r');
      return lines.map((part, index) => (index % 2 ? part.replace(/\n$/, '\r\n') : part)).join('');
  }
}

/**
 * The fast reader, when it does not leave a source to the yaml package, reads it exactly as
 * the yaml package does: no error there, the same values, the same nodes with the same ranges.
 * With `previous`, chunks it remembers from another version are reused.
 */
export function assertFastReaderAgrees(source: string, what: string, previous?: FastYamlMemory): void {
  assertValuesReaderAgrees(source, what);
  const fast = parseFastYaml(source, previous);
  if (!fast) return;
  const full = parseDocument(source, {
    version: '1.2',
    uniqueKeys: true,
    prettyErrors: false,
    logLevel: 'error',
  });
  const label = `${what}: the fast reader read ${JSON.stringify(source.length > 400 ? source.slice(0, 400) + '…' : source)}`;
  assert.deepEqual(
    full.errors.map((error) => error.message.split('\n')[0]),
    [],
    `${label}, which the yaml package finds broken`,
  );
  assert.deepEqual(fast.value, full.toJS({ maxAliasCount: 100 }), `${label} into other values`);
  assertSameTree(fast.document.contents, full.contents, label);
}

/**
 * The values reader reads only what the fast reader reads, into the same values; what it
 * leaves, the fast reader (or the yaml package) reads.
 */
export function assertValuesReaderAgrees(source: string, what: string): void {
  const values = readFastValues(source);
  if (!values) return;
  const nodes = parseFastYaml(source);
  const label = `${what}: ${JSON.stringify(source.length > 400 ? source.slice(0, 400) + '…' : source)}`;
  assert.ok(nodes, `${label}: the values reader read it, the fast reader leaves it`);
  assert.deepEqual(values.value, nodes.value, `${label}: other values`);
}

function assertSameTree(fast: unknown, full: unknown, where: string): void {
  if (isPair(full)) {
    assert.ok(isPair(fast), `${where}: not a pair`);
    assertSameTree(fast.key, full.key, `${where}.key`);
    assertSameTree(fast.value, full.value, `${where}.value`);
    return;
  }
  if (full === null || full === undefined) {
    assert.ok(fast === null || fast === undefined, `${where}: a node where there is none`);
    return;
  }
  const a = fast as Node;
  const b = full as Node;
  assert.equal(a?.constructor.name, b.constructor.name, `${where}: kind`);
  assert.deepEqual(a.range?.slice(0, 2), b.range?.slice(0, 2), `${where}: range`);
  if (isScalar(b)) {
    assert.ok(isScalar(a));
    assert.deepEqual(a.value, b.value, `${where}: value`);
    assert.equal(a.type, b.type, `${where}: scalar type`);
  } else if (isMap(b) || isSeq(b)) {
    const items = (a as unknown as { items: unknown[] }).items;
    assert.equal(items.length, b.items.length, `${where}: items`);
    b.items.forEach((item, index) => assertSameTree(items[index], item, `${where}[${index}]`));
  }
}

import { isMap, type Node, type YAMLError, type YAMLMap } from 'yaml';
import {
  CodeActionKind,
  RenameFile,
  type CodeAction,
  type Diagnostic,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-types';
import { parseFrontMatterYaml } from '../yaml/articleDocument';
import type { ArticleContext } from '../context';
import { DIAGNOSTIC_SOURCE, type DiagnosticData, type Rule } from '../rules/rule';
import type { CodeActionData, FixSafety } from '../types';
import { lineEnd, lineStart, nextLineStart } from '../util/lines';
import { ignoreActions } from './suppressionFix';
import { mapHoldingValueAt, pairWithKeyAt, type KeyedPair } from '../yaml/keyIndex';
import { keyText, nodeAtPath, scalarSource, type PathSegment } from '../yaml/nodes';

/**
 * Quick fixes for this service's diagnostics. Each fix is a minimal text edit that keeps
 * every other character of the file (comments, quoting, formatting) as it was; after the
 * fixes, "Ignore `<code>` on this line" for each (`suppressionFix.ts`).
 */
export function computeCodeActions(
  context: ArticleContext,
  _range: Range,
  diagnostics: Diagnostic[],
): CodeAction[] {
  return [...fixesFor(context, diagnostics), ...ignoreActions(context, diagnostics)];
}

function fixesFor(context: ArticleContext, diagnostics: Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  // YAML that cannot be read as written is misread around the error: a field may be there
  // but unseen, a key may be two lines run together. Fixing what was misread would edit the
  // writer's text blindly, so until the YAML reads (duplicate keys aside) no fix is offered.
  // The exceptions: the repairs that make the YAML readable (closing an unclosed `[` or quote,
  // quoting a value, a space after a `:`, spaces for tabs, a line indented too far).
  const yamlErrors = context.article.yaml?.errors.filter((error) => error.code !== 'DUPLICATE_KEY');
  if (yamlErrors?.length) {
    let checked = 0;
    for (const item of diagnostics) {
      const data = item.data as DiagnosticData | undefined;
      const replacement = data?.replacement;
      if (
        item.source !== DIAGNOSTIC_SOURCE ||
        (item.code !== 'yaml-syntax' && item.code !== 'tab-indentation') ||
        replacement === undefined
      )
        continue;
      const edit = { range: item.range, newText: replacement };
      // A repair must leave fewer errors: closing a quote at the end of its line, when the
      // writer's closing quote is lines below, leaves more. Checked for the first few.
      const better =
        checked++ < MAX_CHECKED_REPAIRS ? leavesFewerErrors(context, edit, yamlErrors) : undefined;
      if (better === false) continue;
      const title = data?.repair ?? `Close it with \`${replacement.slice(-1)}\``;
      // Safe only when reading the result showed it better, and it guesses nothing.
      const safety = better === true && data?.guess !== true ? ruleSafety(context, item) : 'unsafe';
      actions.push(fix(context, item, title, [edit], safety));
    }
    return actions;
  }
  // A carriage return alone breaks the line for the editor but not for YAML (it is text there),
  // so an edit placed by YAML offsets would land across what the writer sees as lines.
  if (/\r(?!\n)/.test(context.article.source)) return actions;
  // A missing field that renaming an unknown one would supply: renaming is the fix to prefer.
  const renamedTo = new Set(
    diagnostics
      .filter((item) => item.source === DIAGNOSTIC_SOURCE && item.code === 'unknown-field')
      .map((item) => (item.data as DiagnosticData | undefined)?.replacement),
  );
  const places = new Places(context);
  for (const item of diagnostics) {
    if (item.source !== DIAGNOSTIC_SOURCE) continue;
    const rule = context.rules.get(String(item.code));
    if (!rule) continue;
    const data = (item.data ?? {}) as DiagnosticData;
    const replacement = data.replacement;
    const providerEdit = data.provider
      ? providerReplacement(context, places, item.range, data.provider)
      : undefined;
    if (providerEdit && data.provider) {
      actions.push(
        fix(
          context,
          item,
          `Set the provider to ${data.provider.name} (${data.provider.domain}) from the site\u2019s catalogue`,
          [providerEdit],
          safetyOf(rule.fix),
        ),
      );
    }
    if (replacement !== undefined) {
      actions.push(
        fix(
          context,
          item,
          rule.fixTitle?.(replacement) ?? `Change to ${replacement}`,
          [{ range: item.range, newText: replacement }],
          // The catalogue's whole provider, where there is one, is the fix to make; a fix
          // that guesses what the writer meant is offered, never made by fix-all.
          providerEdit === undefined && data.guess !== true ? safetyOf(rule.fix) : 'unsafe',
        ),
      );
    }
    if (data.edits?.length)
      actions.push(fix(context, item, rule.fixTitle?.('') ?? 'Fix', data.edits, safetyOf(rule.fix)));
    const removal = rule.removal && removalFor(context, places, rule.removal.target, item.range, data.field);
    if (removal && rule.removal) {
      // Of two fixes for one diagnostic, the replacement is the one to make.
      const safety = replacement === undefined ? rule.removal.safety : 'unsafe';
      actions.push(fix(context, item, rule.removal.title(removal.field), [removal.edit], safety));
    }
    if (data.renameTo) {
      const rename = renameAction(context, item, data.renameTo);
      if (rename) actions.push(rename);
    }
    if (data.field && Array.isArray(data.group)) {
      const insertion = insertionFor(context, places, data.group, data.field, data.placeholder);
      if (insertion) {
        // A placeholder the schema refuses (`title: ""`) only moves the problem, and a field
        // that renaming an unknown one supplies is better renamed: offered, not made.
        const safety =
          !renamedTo.has(data.field) && data.placeholderAccepted === true ? safetyOf(rule.fix) : 'unsafe';
        actions.push(fix(context, item, `Add the field \`${data.field}\``, [insertion], safety));
      }
    }
  }
  return actions;
}

/**
 * Repairs of YAML checked by reading the result, per request: each reads the whole front
 * matter (about 40 ms for the largest real one, 142 KB); the rest are offered unchecked.
 */
const MAX_CHECKED_REPAIRS = 4;

/**
 * Whether the front matter, once `edit` is made, has fewer YAML errors than `errors`
 * (duplicate keys aside); `undefined` when that cannot be told: the parser ran out of stack
 * (its error count then varies from one read to the next).
 */
function leavesFewerErrors(
  context: ArticleContext,
  edit: TextEdit,
  errors: readonly YAMLError[],
): boolean | undefined {
  const { document, block } = context.article;
  if (!block) return false;
  if (errors.some((error) => error.code === 'RESOURCE_EXHAUSTION')) return undefined;
  const start = document.offsetAt(edit.range.start);
  const end = document.offsetAt(edit.range.end);
  if (start < block.contentStart || end > block.contentEnd) return false;
  const text = document.getText();
  const source = text.slice(block.contentStart, start) + edit.newText + text.slice(end, block.contentEnd);
  const after = parseFrontMatterYaml(source);
  if (after.errors.some((error) => error.code === 'RESOURCE_EXHAUSTION')) return undefined;
  return after.errors.filter((error) => error.code !== 'DUPLICATE_KEY').length < errors.length;
}

/**
 * A quick fix, with its safety declared: a safe one is also the preferred fix of its
 * diagnostic (the one Ctrl+. makes at once), and the one fix-all makes.
 */
function fix(
  context: ArticleContext,
  diagnostic: Diagnostic,
  title: string,
  edits: TextEdit[],
  safety: FixSafety,
): CodeAction {
  const data: CodeActionData = { safety };
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: safety === 'safe',
    edit: { changes: { [context.article.uri]: edits } },
    data,
  };
}

/**
 * Renames the article's file within its folder: a resource operation, which fix-all and the
 * CLI's `--fix` never make (a file's name is the writer's to change; links may point at it),
 * and which an editor without file renames in its workspace edits is not offered.
 */
function renameAction(context: ArticleContext, diagnostic: Diagnostic, name: string): CodeAction | undefined {
  const uri = context.article.uri;
  const slash = uri.lastIndexOf('/');
  if (slash < 0 || name.includes('/')) return undefined;
  const newUri = uri.slice(0, slash + 1) + encodeURIComponent(name).replace(/%40/g, '@');
  if (newUri === uri) return undefined;
  const data: CodeActionData = { safety: 'unsafe' };
  return {
    title: `Rename the file to \`${name}\``,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: false,
    edit: { documentChanges: [RenameFile.create(uri, newUri, { overwrite: false, ignoreIfExists: false })] },
    data,
  };
}

/** Whether a code action of this service is safe to make without looking. */
export function isSafeFix(action: CodeAction): boolean {
  return (action.data as CodeActionData | undefined)?.safety === 'safe';
}

/** A rule's declared safety as the safety of one fix (a rule without a fix offers none safely). */
function safetyOf(declared: Rule['fix']): FixSafety {
  return declared === 'safe' ? 'safe' : 'unsafe';
}

function ruleSafety(context: ArticleContext, item: Diagnostic): FixSafety {
  return safetyOf(context.rules.get(String(item.code))?.fix ?? 'none');
}

/** Removes a whole field, or a whole list entry: its lines and nothing else. */
function removalFor(
  context: ArticleContext,
  places: Places,
  target: NonNullable<Rule['removal']>['target'],
  range: Range,
  field: string | undefined,
): { field: string | undefined; edit: TextEdit } | undefined {
  const article = context.article;
  const yaml = article.yaml;
  const block = article.block;
  if (!yaml || !block) return undefined;
  const start = article.document.offsetAt(range.start) - block.contentStart;
  const text = article.text;
  let span: [number, number] | undefined;
  if (target === 'topic-entry') {
    const item = places.topicAt(start);
    if (!item) return undefined;
    const [itemStart, itemEnd] = [block.contentStart + item[0], block.contentStart + item[1]];
    const from = indentStart(text, itemStart);
    if (from !== undefined && /^[ \t]*-[ \t]+$/.test(text.slice(from, itemStart))) {
      // A `- item` line: the whole line.
      span = [from, nextLineStart(text, contentEnd(text, itemStart, itemEnd))];
    } else {
      // An item of a list in brackets after another: from the comma before it.
      const comma = /,[ \t]*$/.exec(text.slice(Math.max(block.contentStart, itemStart - 200), itemStart));
      if (!comma) return undefined;
      span = [itemStart - comma[0].length, contentEnd(text, itemStart, itemEnd)];
    }
  } else {
    let found = places.pairWithKeyAt(start);
    // Of a key written twice, Jekyll keeps the last: removing the earlier copy keeps what it reads.
    if (found && target === 'earlier-copy') found = places.earlierCopy(found);
    const key = found?.pair.key as Node | null | undefined;
    // Only the field the diagnostic names: never a key that is a list or group, never another field.
    const name = found && keyText(found.pair);
    if (!found || !key?.range || name === undefined || (field !== undefined && name !== field))
      return undefined;
    const keyStart = block.contentStart + key.range[0];
    const valueEnd = block.contentStart + ((found.pair.value as Node | null)?.range?.[1] ?? key.range[1]);
    const from = indentStart(text, keyStart);
    if (from === undefined) return undefined;
    const before = text.slice(from, keyStart);
    if (/^[ \t]*$/.test(before)) {
      span = [from, nextLineStart(text, contentEnd(text, keyStart, valueEnd))];
    } else if (/^[ \t]*(?:-[ \t]+)+$/.test(before)) {
      // The first field of a list entry (`- name: …`): the next field takes its place after the
      // `- `; an entry with no other field is left alone (removing it would remove the entry).
      const next = found.map.items[found.index + 1]?.key as Node | null | undefined;
      const nextStart = next?.range ? block.contentStart + next.range[0] : undefined;
      if (nextStart === undefined || lineStart(text, nextStart) === from) return undefined;
      span = [keyStart, nextStart];
    }
  }
  if (!span) return undefined;
  const [from, to] = span;
  return {
    field: target === 'topic-entry' ? field : (field ?? keyText(places.pairWithKeyAt(start)!.pair)),
    edit: {
      range: { start: article.document.positionAt(from), end: article.document.positionAt(to) },
      newText: '',
    },
  };
}

/**
 * Where the keys (indexed once per document, yaml/keyIndex) and the topics are, the topics
 * found once per request: a file can have thousands of diagnostics, and looking each one up
 * in the whole tree would take seconds.
 */
class Places {
  private topics: Map<number, [number, number]> | undefined;
  /** The document's line break, for the lines a fix adds. */
  readonly eol: string;

  constructor(private readonly context: ArticleContext) {
    this.eol = context.article.text.includes('\r\n') ? '\r\n' : '\n';
  }

  /** The pair whose key starts at an offset of the YAML, the mapping holding it and its index there. */
  pairWithKeyAt(offset: number): KeyedPair | undefined {
    const yaml = this.context.article.yaml;
    return yaml ? pairWithKeyAt(yaml, offset) : undefined;
  }

  /** The mapping holding the value that starts at an offset of the YAML. */
  mapHoldingValueAt(offset: number): YAMLMap | undefined {
    const yaml = this.context.article.yaml;
    return yaml ? mapHoldingValueAt(yaml, offset) : undefined;
  }

  /** The last pair before this one, in the same mapping, with the same key. */
  earlierCopy(found: KeyedPair): KeyedPair | undefined {
    const name = keyText(found.pair);
    for (let index = found.index - 1; index >= 0; index--) {
      const pair = found.map.items[index];
      if (keyText(pair) === name) return { pair, map: found.map, index };
    }
    return undefined;
  }

  /** The span of the `topics` entry starting at an offset of the YAML. */
  topicAt(offset: number): [number, number] | undefined {
    if (!this.topics) {
      const yaml = this.context.article.yaml;
      const list = yaml ? (nodeAtPath(yaml, ['topics'])?.node as { items?: Node[] } | undefined) : undefined;
      this.topics = new Map();
      for (const item of list?.items ?? []) {
        if (item?.range && !this.topics.has(item.range[0]))
          this.topics.set(item.range[0], [item.range[0], item.range[1]]);
      }
    }
    return this.topics.get(offset);
  }
}

/** Inserts `field: ` as the last field of the group at `group` (the front matter itself when empty). */
function insertionFor(
  context: ArticleContext,
  places: Places,
  group: readonly PathSegment[],
  field: string,
  placeholder: DiagnosticData['placeholder'],
): TextEdit | undefined {
  const { article } = context;
  /** `field: value`, or `field:` and its group's fields on the following lines. */
  const entry = (indent: string): string =>
    typeof placeholder === 'string' || placeholder === undefined
      ? `${field}: ${placeholder ?? ''}`
      : `${field}:${placeholder.map(([name, value]) => `${places.eol}${indent}  ${name}: ${value}`).join('')}`;
  const { yaml, block, text } = article;
  if (!yaml || !block) return undefined;
  if (group.length === 0) {
    // At top level the new line goes just before the closing marker, indented like the first field.
    const top = yaml.contents;
    if (top !== null && (!isMap(top) || top.flow)) return undefined;
    if (top?.items.some((pair) => keyText(pair) === field)) return undefined;
    if (block.contentEnd === block.contentStart)
      return { range: emptyAt(context, block.contentStart), newText: `${entry('')}${places.eol}` };
    const first = (top?.items[0]?.key as Node | null | undefined)?.range?.[0];
    const firstOffset = first === undefined ? undefined : block.contentStart + first;
    const indent = firstOffset === undefined ? '' : text.slice(lineStart(text, firstOffset), firstOffset);
    if (!/^ *$/.test(indent)) return undefined;
    return { range: emptyAt(context, block.contentEnd), newText: `${places.eol}${indent}${entry(indent)}` };
  }
  const map = nodeAtPath(yaml, group)?.node;
  if (!isMap(map) || map.flow || map.items.length === 0) return undefined;
  if (map.items.some((pair) => keyText(pair) === field)) return undefined;
  const firstKey = map.items[0].key as Node | null;
  const last = map.items[map.items.length - 1];
  const lastKey = last.key as Node | null;
  const lastEnd = (last.value as Node | null)?.range?.[1] ?? lastKey?.range?.[1];
  if (!firstKey?.range || !lastKey?.range || lastEnd === undefined) return undefined;
  const firstKeyOffset = block.contentStart + firstKey.range[0];
  const indent = ' '.repeat(firstKeyOffset - lineStart(text, firstKeyOffset));
  const end = contentEnd(text, block.contentStart + lastKey.range[0], block.contentStart + lastEnd);
  return {
    range: emptyAt(context, lineEnd(text, end)),
    newText: `${places.eol}${indent}${entry(indent)}`,
  };
}

/** The end of the last character of a node that is not a blank or a line break (block nodes end on the next line). */
function contentEnd(text: string, start: number, end: number): number {
  let at = end;
  while (at > start && /\s/.test(text[at - 1])) at--;
  return at;
}

function emptyAt(context: ArticleContext, offset: number): Range {
  const position = context.article.document.positionAt(offset);
  return { start: position, end: position };
}

/**
 * The start of the line holding `offset` when only blanks and `-` markers come before it there,
 * else `undefined` (found without walking a long line back to its start).
 */
function indentStart(text: string, offset: number): number | undefined {
  let at = offset;
  while (at > 0 && (text[at - 1] === ' ' || text[at - 1] === '\t' || text[at - 1] === '-')) at--;
  return at === 0 || text[at - 1] === '\n' || text[at - 1] === '\r' ? at : undefined;
}

/**
 * Replaces the whole `provider` group holding the flagged `domain` with the catalogue's
 * entry: name, domain and logos, indented like the group's first field.
 */
function providerReplacement(
  context: ArticleContext,
  places: Places,
  range: Range,
  provider: NonNullable<DiagnosticData['provider']>,
): TextEdit | undefined {
  const { article } = context;
  const { yaml, block, text } = article;
  if (!yaml || !block) return undefined;
  const offset = article.document.offsetAt(range.start) - block.contentStart;
  const holder = places.mapHoldingValueAt(offset);
  if (!holder || holder.flow || !holder.range) return undefined;
  const firstKey = holder.items[0]?.key as Node | null | undefined;
  if (!firstKey?.range) return undefined;
  const start = block.contentStart + holder.range[0];
  const indent = ' '.repeat(start - lineStart(text, start));
  const last = holder.items[holder.items.length - 1];
  const lastEnd = (last.value as Node | null)?.range?.[1] ?? (last.key as Node | null)?.range?.[1];
  if (lastEnd === undefined) return undefined;
  const end = contentEnd(
    text,
    block.contentStart + (last.key as Node).range![0],
    block.contentStart + lastEnd,
  );
  const lines = [`name: ${scalarText(provider.name)}`, `${indent}domain: ${scalarText(provider.domain)}`];
  if (provider.images.length > 0) {
    lines.push(`${indent}images:`);
    for (const image of provider.images) {
      lines.push(`${indent}  - url: ${scalarText(image.url)}`);
      if (image.width !== undefined) lines.push(`${indent}    width: ${image.width}`);
      if (image.height !== undefined) lines.push(`${indent}    height: ${image.height}`);
    }
  }
  return {
    range: { start: article.document.positionAt(start), end: article.document.positionAt(end) },
    newText: lines.join(places.eol),
  };
}

/** A catalogue value as YAML: plain when that reads back the same, quoted otherwise. */
function scalarText(value: string): string {
  return scalarSource(undefined, value);
}

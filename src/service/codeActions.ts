import { isMap, isPair, visit, type Node, type Pair } from 'yaml';
import {
  CodeActionKind,
  type CodeAction,
  type Diagnostic,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-types';
import type { FeatureContext } from './featureContext';
import { DIAGNOSTIC_SOURCE, type DiagnosticData, type RuleCode } from './rules';
import { nodeAtPath } from './yamlNodes';

/**
 * Quick fixes for this service's diagnostics. Each fix is a minimal text edit that keeps
 * every other character of the file (comments, quoting, formatting) as it was.
 */
export function computeCodeActions(
  context: FeatureContext,
  _range: Range,
  diagnostics: Diagnostic[],
): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const item of diagnostics) {
    if (item.source !== DIAGNOSTIC_SOURCE) continue;
    const code = String(item.code) as RuleCode;
    const data = (item.data ?? {}) as DiagnosticData;
    const replacement = data.replacement;
    if (replacement !== undefined) {
      actions.push(
        fix(
          context,
          item,
          replaceTitle(code, replacement),
          [{ range: item.range, newText: replacement }],
          true,
        ),
      );
    }
    const removal = removalFor(context, code, item.range);
    if (removal) actions.push(fix(context, item, removal.title, [removal.edit], replacement === undefined));
    if (code === 'missing-field' && data.field) {
      const insertion = insertionFor(context, item.range, data.field);
      if (insertion) actions.push(fix(context, item, `Add the field \`${data.field}\``, [insertion], true));
    }
  }
  return actions;
}

function fix(
  context: FeatureContext,
  diagnostic: Diagnostic,
  title: string,
  edits: TextEdit[],
  isPreferred: boolean,
): CodeAction {
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred,
    edit: { changes: { [context.article.uri]: edits } },
  };
}

function replaceTitle(code: RuleCode, replacement: string): string {
  switch (code) {
    case 'unknown-field':
      return `Rename to \`${replacement}\``;
    case 'amp-cache-url-mismatch':
      return 'Set `cdnAmpWebUrl` from `ampWebUrl`';
    case 'url-has-spaces':
      return 'Encode the spaces as `%20`';
    case 'provider-name-mismatch':
      return `Use the catalogue\u2019s name ${replacement}`;
    case 'jekyll-boolean':
      return replacement.startsWith('"') ? `Quote ${replacement}` : `Write \`${replacement}\``;
    default:
      return `Change to ${replacement}`;
  }
}

/** Removes a whole field, or a whole list entry: its lines and nothing else. */
function removalFor(
  context: FeatureContext,
  code: RuleCode,
  range: Range,
): { title: string; edit: TextEdit } | undefined {
  if (code !== 'unknown-field' && code !== 'duplicate-key' && code !== 'duplicate-topic') return undefined;
  const article = context.article;
  const yaml = article.yaml;
  const block = article.block;
  if (!yaml || !block) return undefined;
  const start = article.document.offsetAt(range.start) - block.contentStart;
  let target: [number, number] | undefined;
  if (code === 'duplicate-topic') {
    target = itemSpanAt(context, start);
  } else {
    const pair = pairWithKeyAt(yaml, start);
    const key = pair?.key as Node | null | undefined;
    if (pair && key?.range) target = [key.range[0], (pair.value as Node | null)?.range?.[1] ?? key.range[1]];
  }
  if (!target) return undefined;
  const text = article.text;
  const from = lineStart(text, block.contentStart + target[0]);
  // Only whole lines: the entry must start its line (after indentation and a `- `).
  if (!/^[ \t]*(?:-[ \t]+)*$/.test(text.slice(from, block.contentStart + target[0]))) return undefined;
  const to = nextLineStart(text, block.contentStart + target[1]);
  return {
    title:
      code === 'duplicate-topic'
        ? 'Remove the repeated topic'
        : code === 'duplicate-key'
          ? 'Remove this repeated field'
          : 'Remove this field',
    edit: {
      range: { start: article.document.positionAt(from), end: article.document.positionAt(to) },
      newText: '',
    },
  };
}

function itemSpanAt(context: FeatureContext, offset: number): [number, number] | undefined {
  const topics = context.article.yaml ? nodeAtPath(context.article.yaml, ['topics']) : undefined;
  const list = topics?.node as { items?: Node[] } | undefined;
  const item = list?.items?.find((node) => node.range?.[0] === offset);
  return item?.range ? [item.range[0], item.range[1]] : undefined;
}

/** Inserts `field: ` as the last field of the mapping the diagnostic is on (its key, or the opening `---`). */
function insertionFor(context: FeatureContext, range: Range, field: string): TextEdit | undefined {
  const { article } = context;
  const { yaml, block, text } = article;
  if (!yaml || !block) return undefined;
  if (range.start.line === article.document.positionAt(block.openStart).line) {
    // At top level the new line goes just before the closing marker.
    if (block.contentEnd === block.contentStart)
      return { range: emptyAt(context, block.contentStart), newText: `${field}: ${eol(text)}` };
    return { range: emptyAt(context, block.contentEnd), newText: `${eol(text)}${field}: ` };
  }
  const keyOffset = article.document.offsetAt(range.start) - block.contentStart;
  const map = pairWithKeyAt(yaml, keyOffset)?.value;
  if (!isMap(map) || map.flow || map.items.length === 0) return undefined;
  const firstKey = map.items[0].key as Node | null;
  const last = map.items[map.items.length - 1];
  const lastEnd = (last.value as Node | null)?.range?.[1] ?? (last.key as Node | null)?.range?.[1];
  if (!firstKey?.range || lastEnd === undefined) return undefined;
  const firstKeyOffset = block.contentStart + firstKey.range[0];
  const indent = ' '.repeat(firstKeyOffset - lineStart(text, firstKeyOffset));
  return {
    range: emptyAt(context, lineEnd(text, block.contentStart + lastEnd)),
    newText: `${eol(text)}${indent}${field}: `,
  };
}

function pairWithKeyAt(
  yaml: NonNullable<FeatureContext['article']['yaml']>,
  offset: number,
): Pair | undefined {
  let found: Pair | undefined;
  visit(yaml, {
    Pair(_key, pair) {
      const key = (pair as Pair).key as Node | null;
      if (isPair(pair) && key?.range?.[0] === offset) {
        found = pair;
        return visit.BREAK;
      }
    },
  });
  return found;
}

function emptyAt(context: FeatureContext, offset: number): Range {
  const position = context.article.document.positionAt(offset);
  return { start: position, end: position };
}

function eol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function lineStart(text: string, offset: number): number {
  let at = offset;
  while (at > 0 && text[at - 1] !== '\n' && text[at - 1] !== '\r') at--;
  return at;
}

function lineEnd(text: string, offset: number): number {
  let at = offset;
  while (at < text.length && text[at] !== '\n' && text[at] !== '\r') at++;
  return at;
}

/** The start of the line after the one holding `offset`. */
function nextLineStart(text: string, offset: number): number {
  const at = lineEnd(text, offset);
  return at + (text.startsWith('\r\n', at) ? 2 : at < text.length ? 1 : 0);
}

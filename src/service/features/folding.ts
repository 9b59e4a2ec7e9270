import { isMap, isPair, isSeq } from 'yaml';
import type { FoldingRange } from 'vscode-languageserver-types';
import type { ParsedArticle } from '../yaml/articleDocument';
import { entrySpan, pairSpan, type Span } from '../yaml/spans';

/**
 * What can be folded in an article: the whole front matter, and every field, group and list
 * entry written on more than one line (a `related` article, an image, a long excerpt).
 */
export function computeFoldingRanges(article: ParsedArticle): FoldingRange[] {
  const { block, yaml, document, text } = article;
  if (!block) return [];
  const ranges: FoldingRange[] = [];
  const add = (startLine: number, endLine: number) => {
    if (endLine > startLine) ranges.push({ startLine, endLine });
  };
  if (block.contentEnd > block.contentStart) {
    // Up to the line before the closing `---`, or to the last line of an unclosed block.
    let end = block.contentEnd;
    if (!block.closed) while (end > block.contentStart && /[\r\n]/.test(text.charAt(end - 1))) end--;
    add(document.positionAt(block.openStart).line, document.positionAt(end).line);
  }
  if (yaml) {
    const source = article.source;
    const addSpan = (span: Span | undefined) => {
      if (!span) return;
      const range = article.range(...span);
      add(range.start.line, range.end.line);
    };
    const visit = (node: unknown): void => {
      if (isMap(node)) {
        for (const pair of node.items) {
          addSpan(pairSpan(pair, source));
          visit(pair.value);
        }
      } else if (isSeq(node)) {
        for (const item of node.items) {
          addSpan(entrySpan(item, source));
          visit(isPair(item) ? item.value : item);
        }
      }
    };
    visit(yaml.contents);
  }
  return outermostPerLine(ranges);
}

/** One range per start line, the longest: the editor keeps only one there anyway. */
function outermostPerLine(ranges: FoldingRange[]): FoldingRange[] {
  const byStart = new Map<number, FoldingRange>();
  for (const range of ranges) {
    const kept = byStart.get(range.startLine);
    if (!kept || range.endLine > kept.endLine) byStart.set(range.startLine, range);
  }
  return [...byStart.values()].sort((a, b) => a.startLine - b.startLine);
}

import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import type { ArticleContext } from '../context';
import { DIAGNOSTIC_SOURCE } from '../rules/rule';
import { DISABLE_NEXT_LINE, SUPPRESSION_MARK } from '../rules/suppressions';
import type { CodeActionData } from '../types';

/**
 * Codes a comment cannot silence: the YAML around them is not read as written (so a comment
 * may be misread too), or there is no front matter to write it in.
 */
const UNSUPPRESSIBLE: ReadonlySet<string> = new Set([
  'frontmatter-unclosed',
  'frontmatter-too-large',
  'yaml-syntax',
  'tab-indentation',
  'unused-suppression',
]);

/**
 * "Ignore `<code>` on this line" for each diagnostic of this service: writes
 * `# article-frontmatter-disable-next-line <code>` above the flagged line, with its
 * indentation; for a problem of the whole front matter (reported on the opening `---`),
 * `# article-frontmatter-disable <code>` as its first line. Never made by fix-all.
 */
export function ignoreActions(context: ArticleContext, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const { article } = context;
  const block = article.block;
  if (!block?.closed || article.tooLarge) return [];
  // A carriage return alone ends a line for the editor but not for YAML: no line is certain.
  if (/\r(?!\n)/.test(article.source)) return [];
  const firstLine = article.document.positionAt(block.contentStart).line;
  const lastLine = article.document.positionAt(block.contentEnd).line;
  const actions: CodeAction[] = [];
  for (const item of diagnostics) {
    const code = String(item.code);
    if (item.source !== DIAGNOSTIC_SOURCE || UNSUPPRESSIBLE.has(code) || !context.rules.has(code)) continue;
    const line = item.range.start.line;
    if (line >= lastLine) continue;
    const wholeFrontMatter = line < firstLine;
    const at = wholeFrontMatter ? firstLine : line;
    const lineText = article.document.getText({
      start: { line: at, character: 0 },
      end: { line: at + 1, character: 0 },
    });
    const indentation = wholeFrontMatter ? '' : (/^[ \t]*/.exec(lineText)?.[0] ?? '');
    const newline = /\r\n$/.test(lineText) ? '\r\n' : '\n';
    const directive = wholeFrontMatter ? SUPPRESSION_MARK : DISABLE_NEXT_LINE;
    const data: CodeActionData = { safety: 'unsafe' };
    actions.push({
      title: wholeFrontMatter ? `Ignore ${code} in this front matter` : `Ignore ${code} on this line`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [item],
      isPreferred: false,
      edit: {
        changes: {
          [article.uri]: [
            {
              range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } },
              newText: `${indentation}# ${directive} ${code}${newline}`,
            },
          ],
        },
      },
      data,
    });
  }
  return actions;
}

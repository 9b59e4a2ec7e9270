/**
 * Which documents are articles, and how one diagnostic is told from another.
 * Nothing here imports `vscode`, so it is tested in plain Node.
 */

/** The first line of a text article: an opening `---`, as the service reads it. */
const OPENING_LINE = /^\uFEFF?---[ \t]*$/;

/** Whether a document whose first line is `firstLine` opens with front matter. */
export function startsWithFrontMatter(firstLine: string): boolean {
  return OPENING_LINE.test(firstLine);
}

/** Whether a path names a plain-text file that may be an article (`.txt`). */
export function isTextArticlePath(path: string): boolean {
  return /\.txt$/i.test(path);
}

/** The parts of a diagnostic, from VS Code or from the service, that identify it. */
export interface DiagnosticLike {
  readonly range: {
    readonly start: { readonly line: number; readonly character: number };
    readonly end: { readonly line: number; readonly character: number };
  };
  readonly message: string;
  readonly code?: string | number | { readonly value: string | number } | undefined;
}

/**
 * A key that is the same for a diagnostic the service produced and the one VS Code shows for it,
 * so a quick fix can get back the data the service attached to its diagnostic.
 */
export function diagnosticKey(diagnostic: DiagnosticLike): string {
  const { start, end } = diagnostic.range;
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return `${String(code ?? '')}|${start.line}:${start.character}-${end.line}:${end.character}|${diagnostic.message}`;
}

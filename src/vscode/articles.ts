/**
 * Which documents are articles, and how one diagnostic is told from another.
 * Nothing here imports `vscode`, so it is tested in plain Node.
 */

export { isTextArticlePath, startsWithFrontMatter } from '../host/index';

/** Whether text is an `http(s)` address with a host, as a writer would give an article's `webUrl`. */
export function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** `_news/2024-03-01-title.md` as the `n`th file of that name (`-2`, `-3`, …) when the first is taken. */
export function numberedFileName(fileName: string, n: number): string {
  return n <= 1 ? fileName : fileName.replace(/(\.[A-Za-z0-9]+)?$/, (extension) => `-${n}${extension}`);
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

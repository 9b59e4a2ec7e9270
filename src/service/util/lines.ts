// A line ends at `\n`, `\r\n` or a lone `\r`, as YAML and the editor count lines.

/** The offset where the line holding `offset` starts. */
export function lineStart(text: string, offset: number): number {
  let at = offset;
  while (at > 0 && text[at - 1] !== '\n' && text[at - 1] !== '\r') at--;
  return at;
}

/** The offset where the line holding `offset` ends, before its line break. */
export function lineEnd(text: string, offset: number): number {
  let at = offset;
  while (at < text.length && text[at] !== '\n' && text[at] !== '\r') at++;
  return at;
}

/** The start of the line after the one holding `offset` (the text's end on its last line). */
export function nextLineStart(text: string, offset: number): number {
  const at = lineEnd(text, offset);
  return at + (text.startsWith('\r\n', at) ? 2 : at < text.length ? 1 : 0);
}

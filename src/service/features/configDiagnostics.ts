import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { parseDocument } from 'yaml';
import { diagnostic } from '../rules/rule';
import { yamlSyntax } from '../rules/syntax/yamlSyntax';

/**
 * The problems of the site's `_config.yml` itself, read as Jekyll reads it (YAML 1.1, merge
 * keys): each YAML error, where it is. Jekyll stops on such a file; the articles are meanwhile
 * checked as if it were empty (no defaults, no collections), which the message says.
 */
export function computeConfigDiagnostics(document: TextDocument): Diagnostic[] {
  const text = document.getText();
  const parsed = parseDocument(text, { version: '1.1', merge: true, uniqueKeys: false, prettyErrors: false });
  return parsed.errors.map((error) => {
    const [start, end] = error.pos;
    const range = { start: document.positionAt(start), end: document.positionAt(Math.max(end, start + 1)) };
    const reason = error.message.split('\n')[0];
    return diagnostic(
      yamlSyntax,
      range,
      `Jekyll cannot read _config.yml: ${reason}. Until it is fixed, the articles are checked without its defaults and collections`,
    );
  });
}

import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';

/** A severity as printed. */
export type SeverityName = 'error' | 'warning' | 'information' | 'hint';

/** One finding as printed: the shape of an element of the JSON output's `diagnostics`. */
export interface ReportEntry {
  /** The file, relative to the current folder (absolute when outside it). */
  file: string;
  /** 1-based line of the start. */
  line: number;
  /** 1-based column of the start, in UTF-16 code units as the service reports them. */
  column: number;
  /** 1-based line of the end. */
  endLine: number;
  /** 1-based column of the end (exclusive). */
  endColumn: number;
  severity: SeverityName;
  code: string;
  message: string;
}

/** The whole JSON output. */
export interface JsonReport {
  /** How many files were checked. */
  files: number;
  diagnostics: ReportEntry[];
  /** With `--list-unpublished`: the files Jekyll will not publish, and why. */
  unpublished?: UnpublishedEntry[];
}

/** A file Jekyll will not publish (`--list-unpublished`), with the reasons in a writer's words. */
export interface UnpublishedEntry {
  /** The file, as the findings name it. */
  file: string;
  reasons: string[];
}

/** How many findings of each severity. */
export type SeverityCounts = Record<SeverityName, number>;

/**
 * Turns a file's diagnostics into printed entries, in document order.
 * @param file the file as shown to the user.
 */
export function toEntries(file: string, diagnostics: readonly Diagnostic[]): ReportEntry[] {
  return diagnostics
    .map((diagnostic): ReportEntry => ({
      file,
      line: diagnostic.range.start.line + 1,
      column: diagnostic.range.start.character + 1,
      endLine: diagnostic.range.end.line + 1,
      endColumn: diagnostic.range.end.character + 1,
      severity: severityName(diagnostic.severity),
      code: diagnostic.code === undefined ? 'unknown' : String(diagnostic.code),
      message: diagnostic.message,
    }))
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

/** The printed name of an LSP severity (a missing one is an error, as LSP clients read it). */
export function severityName(severity: DiagnosticSeverity | undefined): SeverityName {
  switch (severity) {
    case DiagnosticSeverity.Warning:
      return 'warning';
    case DiagnosticSeverity.Information:
      return 'information';
    case DiagnosticSeverity.Hint:
      return 'hint';
    default:
      return 'error';
  }
}

/** Counts the entries per severity. */
export function countSeverities(entries: readonly ReportEntry[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const entry of entries) counts[entry.severity]++;
  return counts;
}

/** Compiler-style lines, `file:line:column: severity code: message`, each ending with a line break. */
export function formatText(entries: readonly ReportEntry[]): string {
  return entries
    .map((entry) => {
      // One finding, one line: a multi-line message would break tools that read the output.
      const message = entry.message.replace(/\s*[\r\n]+\s*/g, ' ');
      return `${entry.file}:${entry.line}:${entry.column}: ${entry.severity} ${entry.code}: ${message}\n`;
    })
    .join('');
}

/** The JSON output, with a final line break. */
export function formatJson(
  files: number,
  entries: readonly ReportEntry[],
  unpublished?: readonly UnpublishedEntry[],
): string {
  const report: JsonReport = { files, diagnostics: [...entries] };
  if (unpublished) report.unpublished = [...unpublished];
  return JSON.stringify(report, null, 2) + '\n';
}

/** The list of `--list-unpublished` as text: a heading, then each file and its reasons. */
export function formatUnpublished(entries: readonly UnpublishedEntry[]): string {
  if (entries.length === 0) return 'Not published by Jekyll: none of the files checked.\n';
  const lines = [`Not published by Jekyll (${plural(entries.length, 'file', 'files')}):`];
  for (const entry of entries) {
    lines.push(`  ${entry.file}`);
    for (const reason of entry.reasons) lines.push(`    - ${reason.replace(/\s*[\r\n]+\s*/g, ' ')}`);
  }
  return lines.join('\n') + '\n';
}

/** The summary line, e.g. `12 files checked: 2 errors, 5 warnings` (information and hints when any). */
export function formatSummary(files: number, counts: SeverityCounts): string {
  const parts = [plural(counts.error, 'error', 'errors'), plural(counts.warning, 'warning', 'warnings')];
  if (counts.information > 0) parts.push(plural(counts.information, 'information', 'information'));
  if (counts.hint > 0) parts.push(plural(counts.hint, 'hint', 'hints'));
  return `${plural(files, 'file', 'files')} checked: ${parts.join(', ')}\n`;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

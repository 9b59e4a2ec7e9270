/**
 * `--format github`: one GitHub Actions workflow command per finding, so that a pull request
 * shows each one on its line (`::error file=…,line=…::message`).
 */
import path from 'node:path';
import type { ReportEntry, SeverityName } from '../report';

/** The workflow command of a severity: `information` and `hint` are `notice`. */
export function githubCommand(severity: SeverityName): 'error' | 'warning' | 'notice' {
  if (severity === 'error' || severity === 'warning') return severity;
  return 'notice';
}

/** A command's message, escaped as GitHub's toolkit does (`escapeData` in @actions/core). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A command's property value, escaped as GitHub's toolkit does (`escapeProperty`). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * One workflow command per finding, each on its own line:
 * `::error file=<path>,line=<n>,col=<c>,endLine=<n>,endColumn=<c>,title=<code>::<message>`.
 * Paths are the entries' own (relative to the current folder, which GitHub expects to be
 * the repository's root), with `/` separators.
 */
export function formatGithub(entries: readonly ReportEntry[]): string {
  return entries
    .map((entry) => {
      const file = path.sep === '/' ? entry.file : entry.file.split(path.sep).join('/');
      const properties = [
        `file=${escapeProperty(file)}`,
        `line=${entry.line}`,
        `col=${entry.column}`,
        `endLine=${entry.endLine}`,
        `endColumn=${entry.endColumn}`,
        `title=${escapeProperty(entry.code)}`,
      ].join(',');
      return `::${githubCommand(entry.severity)} ${properties}::${escapeData(entry.message)}\n`;
    })
    .join('');
}

/**
 * `--format sarif`: SARIF 2.1.0, the format GitHub code scanning and other result viewers
 * read. One run; one rule per diagnostic code; one result per finding.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { name, publisher } from '../../../package.json';
import { PROGRAM } from '../args';
import type { ReportEntry, SeverityName } from '../report';

/** The schema of the SARIF version written. */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/**
 * Where a reader of the results learns about the tool: its page in the Visual Studio
 * Marketplace (the project has no other public home).
 */
export const INFORMATION_URI = `https://marketplace.visualstudio.com/items?itemName=${publisher}.${name}`;

/** The base the results' relative URIs are relative to (`--root`, or the current folder). */
const ROOT_BASE = 'ROOT';

/** A SARIF level: `information` and `hint` are `note`. */
export type SarifLevel = 'error' | 'warning' | 'note';

/** What the SARIF log says besides the findings. */
export interface SarifContext {
  /** The program's version. */
  version: string;
  /** Every diagnostic code, with its default severity and what it means. */
  rules: Record<string, { severity: string; about: string }>;
  /** The folder the entries' paths are relative to. */
  cwd: string;
  /** `--root`, resolved: the results' paths are relative to it, else to `cwd`. */
  root?: string;
}

/** The level of a severity as printed. */
export function sarifLevel(severity: SeverityName | string): SarifLevel {
  if (severity === 'error' || severity === 'warning') return severity;
  return 'note';
}

/**
 * A SARIF 2.1.0 log of the findings, with a final line break.
 * Columns are UTF-16 code units (`columnKind`), as the findings count them.
 */
export function formatSarif(entries: readonly ReportEntry[], context: SarifContext): string {
  const base = context.root ?? context.cwd;
  const rules = Object.entries(context.rules).map(([id, rule]) => ({
    id,
    shortDescription: { text: rule.about },
    defaultConfiguration: { level: sarifLevel(rule.severity) },
  }));
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  // A code the list does not know (a stand-in service's) still gets a rule to point at.
  for (const entry of entries) {
    if (ruleIndex.has(entry.code)) continue;
    ruleIndex.set(entry.code, rules.length);
    rules.push({
      id: entry.code,
      shortDescription: { text: entry.code },
      defaultConfiguration: { level: 'warning' },
    });
  }
  const uris = new Map<string, { uri: string; uriBaseId?: string }>();
  const locationOf = (file: string): { uri: string; uriBaseId?: string } => {
    let location = uris.get(file);
    if (!location) {
      location = artifactLocation(path.resolve(context.cwd, file), base);
      uris.set(file, location);
    }
    return location;
  };
  const results = entries.map((entry) => ({
    ruleId: entry.code,
    ruleIndex: ruleIndex.get(entry.code)!,
    level: sarifLevel(entry.severity),
    message: { text: entry.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: locationOf(entry.file),
          region: {
            startLine: entry.line,
            startColumn: entry.column,
            endLine: entry.endLine,
            endColumn: entry.endColumn,
          },
        },
      },
    ],
  }));
  const log = {
    version: '2.1.0',
    $schema: SARIF_SCHEMA,
    runs: [
      {
        tool: {
          driver: { name: PROGRAM, version: context.version, informationUri: INFORMATION_URI, rules },
        },
        originalUriBaseIds: { [ROOT_BASE]: { uri: folderUri(base) } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/**
 * Where a file is: its path relative to `base` with `/` separators, each segment
 * percent-encoded as a URI needs (spaces and all); a `file:` URI when it is outside `base`.
 */
export function artifactLocation(file: string, base: string): { uri: string; uriBaseId?: string } {
  const relative = path.relative(base, file);
  if (
    relative === '' ||
    relative === '..' ||
    relative.startsWith('..' + path.sep) ||
    path.isAbsolute(relative)
  ) {
    return { uri: pathToFileURL(file).href };
  }
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: ROOT_BASE };
}

/** A folder's `file:` URI, ending with `/` as SARIF requires of a base. */
function folderUri(folder: string): string {
  const uri = pathToFileURL(folder).href;
  return uri.endsWith('/') ? uri : uri + '/';
}

import { parseSettings } from '../host/index';
import { closestName, type RuleSeverity } from '../service/index';

/** How the findings are printed. */
export type OutputFormat = 'text' | 'json' | 'sarif' | 'github';

/** What `--fix` (`write`) and `--fix-dry-run` (`dry-run`) do with the safe fixes. */
export type FixMode = 'write' | 'dry-run';

/** What `check` was asked to do. */
export interface CheckOptions {
  /** Files and folders to check, as typed; empty means the current folder. */
  paths: string[];
  /** `--root`: the site root for every file, instead of looking for `_config.yml`. */
  root?: string;
  /** `--schema`: one JSON Schema for every file, instead of the bundled ones. */
  schema?: string;
  /** `--format`. */
  format: OutputFormat;
  /** `--rule CODE=SEVERITY`, the last one winning per code. */
  rules: Record<string, RuleSeverity>;
  /** `--quiet`: errors only, no summary, no progress. */
  quiet: boolean;
  /** `--jobs N`: threads checking files (default: one per core, up to 4, from 4 000 files). */
  jobs?: number;
  /** `--fix` or `--fix-dry-run`: apply every safe fix, or print them as a diff. */
  fix?: FixMode;
  /** `--cross-file`: index each file's whole site (as `--root` does), not only the files checked. */
  crossFile?: boolean;
  /** `--list-unpublished`: list the files Jekyll will not publish, and why. */
  listUnpublished?: boolean;
}

/** What `init` was asked to do. */
export interface InitOptions {
  /** The site's folder, as typed; the current folder when omitted. */
  site?: string;
  /** `--force`: replace schemas and a team configuration that exist. */
  force: boolean;
  /** `--required-threshold`: the share of files (0–1) a key must be in to be required. */
  requiredThreshold?: number;
}

/** The command line, understood. */
export type CliCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'check'; options: CheckOptions }
  | { kind: 'init'; options: InitOptions }
  | { kind: 'lsp' };

/** A command line that cannot be understood; its message is shown as is (exit code 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The program's name, as users type it. */
export const PROGRAM = 'article-frontmatter';

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif', 'github'];
/** Options that take no value. */
const FLAGS = new Set(['--quiet', '--fix', '--fix-dry-run', '--cross-file', '--list-unpublished']);
const VALUE_OPTIONS = new Set(['--root', '--schema', '--format', '--rule', '--jobs']);

/**
 * Reads the command line (without `node` and the script).
 * @param argv the arguments, e.g. `['check', 'docs', '--format', 'json']`.
 * @param knownCodes the diagnostic codes `--rule` may name; any code is accepted when omitted.
 * @throws UsageError when an option, value or command is not understood.
 */
export function parseArgs(argv: readonly string[], knownCodes?: Iterable<string>): CliCommand {
  const end = argv.indexOf('--');
  const options = end === -1 ? argv : argv.slice(0, end);
  // Help and version win over everything else, as in most tools.
  if (options.includes('--help') || options.includes('-h')) return { kind: 'help' };
  if (options.includes('--version')) return { kind: 'version' };
  if (argv[0] === 'lsp') return parseLsp(argv.slice(1));
  if (argv[0] === 'init') return parseInit(argv.slice(1));

  const positionals: string[] = [];
  const result: CheckOptions = { paths: [], format: 'text', rules: {}, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const equals = arg.indexOf('=');
    const name = arg.startsWith('--') && equals !== -1 ? arg.slice(0, equals) : arg;
    if (FLAGS.has(name)) {
      if (equals !== -1) throw new UsageError(`option ${name} takes no value`);
      if (name === '--quiet') result.quiet = true;
      else if (name === '--cross-file') result.crossFile = true;
      else if (name === '--list-unpublished') result.listUnpublished = true;
      else result.fix = fixMode(result.fix, name === '--fix' ? 'write' : 'dry-run');
      continue;
    }
    if (!VALUE_OPTIONS.has(name)) throw new UsageError(`unknown option '${name}'`);
    let value: string;
    if (equals !== -1) {
      value = arg.slice(equals + 1);
    } else {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-')) {
        throw new UsageError(`option ${name} needs a value`);
      }
      value = next;
      i++;
    }
    switch (name) {
      case '--root':
        result.root = nonEmpty(name, value);
        break;
      case '--schema':
        result.schema = nonEmpty(name, value);
        break;
      case '--format':
        result.format = parseFormat(value);
        break;
      case '--rule': {
        const [code, severity] = parseRule(value, knownCodes);
        result.rules[code] = severity;
        break;
      }
      case '--jobs':
        result.jobs = parseJobs(value);
        break;
    }
  }

  const [command, ...paths] = positionals;
  if (command === undefined) throw new UsageError(`missing command: use '${PROGRAM} check [paths…]'`);
  if (command !== 'check')
    throw new UsageError(`unknown command '${command}' (use 'check', 'init' or 'lsp --stdio')`);
  if (result.fix === 'dry-run' && result.format !== 'text') {
    throw new UsageError(`--fix-dry-run prints a diff: it cannot be combined with --format ${result.format}`);
  }
  result.paths = paths;
  return { kind: 'check', options: result };
}

/**
 * `lsp --stdio`: the language server speaks over stdin and stdout, the only transport it has
 * (`--stdio` may be left out). `--clientProcessId` (sent by some clients) is accepted and ignored.
 */
function parseLsp(argv: readonly string[]): CliCommand {
  for (const arg of argv) {
    if (arg === '--stdio' || /^--clientProcessId(=\d+)?$/.test(arg) || /^\d+$/.test(arg)) continue;
    throw new UsageError(`lsp: unknown option '${arg}' (the language server speaks over --stdio)`);
  }
  return { kind: 'lsp' };
}

/** `init [site] [--force] [--required-threshold N]`. */
function parseInit(argv: readonly string[]): CliCommand {
  const options: InitOptions = { force: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--force') {
      options.force = true;
    } else if (arg === '--required-threshold' || arg.startsWith('--required-threshold=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (value === undefined) throw new UsageError('option --required-threshold needs a value');
      options.requiredThreshold = parseThreshold(value);
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`init: unknown option '${arg}' (init takes --force and --required-threshold)`);
    } else if (options.site === undefined) {
      options.site = arg;
    } else {
      throw new UsageError(`init takes one site folder, got '${options.site}' and '${arg}'`);
    }
  }
  return { kind: 'init', options };
}

/** A share of files: `0.9`, or `90%`. */
function parseThreshold(value: string): number {
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(value);
  const share = percent ? Number(percent[1]) / 100 : /^\d*\.?\d+$/.test(value) ? Number(value) : NaN;
  if (!(share > 0 && share <= 1)) {
    throw new UsageError(
      `--required-threshold expects a share of the files above 0 and up to 1 (0.9) or a percentage (90%), got '${value}'`,
    );
  }
  return share;
}

function fixMode(previous: FixMode | undefined, mode: FixMode): FixMode {
  if (previous !== undefined && previous !== mode)
    throw new UsageError('use --fix or --fix-dry-run, not both');
  return mode;
}

function nonEmpty(name: string, value: string): string {
  if (value === '') throw new UsageError(`option ${name} needs a value`);
  return value;
}

/** Most threads `--jobs` accepts: more only costs memory. */
const MAX_JOBS = 64;

function parseJobs(value: string): number {
  const jobs = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(jobs >= 1 && jobs <= MAX_JOBS)) {
    throw new UsageError(`--jobs expects a number of threads from 1 to ${MAX_JOBS}, got '${value}'`);
  }
  return jobs;
}

function parseFormat(value: string): OutputFormat {
  const format = FORMATS.find((known) => known === value);
  if (!format) {
    const known = `${FORMATS.slice(0, -1).join(', ')} or ${FORMATS[FORMATS.length - 1]}`;
    throw new UsageError(`unknown --format '${value}' (use ${known})`);
  }
  return format;
}

/** `--rule CODE=SEVERITY`, read as the setting `rules: { CODE: SEVERITY }` is. */
function parseRule(value: string, knownCodes: Iterable<string> | undefined): [string, RuleSeverity] {
  const equals = value.lastIndexOf('=');
  if (equals <= 0) throw new UsageError(`--rule expects CODE=SEVERITY, got '${value}'`);
  const code = value.slice(0, equals);
  const { settings, problems } = parseSettings(
    { rules: { [code]: value.slice(equals + 1) } },
    { ruleCodes: knownCodes && [...knownCodes], suggestCode: closestName },
  );
  if (problems.length > 0) throw new UsageError(`--rule ${value}: ${problems[0].message}`);
  return [code, settings.rules![code]];
}

/**
 * The text of `--help`.
 * @param rules the diagnostic codes and what they mean, listed at the end.
 */
export function usage(rules: Record<string, { severity: string; about: string }> = {}): string {
  const codes = Object.entries(rules);
  const width = Math.max(0, ...codes.map(([code]) => code.length));
  const lines = [
    `Usage: ${PROGRAM} check [paths…] [options]`,
    `       ${PROGRAM} init [site] [--force] [--required-threshold N]`,
    `       ${PROGRAM} lsp --stdio     (the language server, for any LSP editor)`,
    '',
    'Checks the YAML front matter of the articles of a Jekyll-style site.',
    'With no paths, checks the current folder. Folders are searched for *.md and *.markdown',
    '(skipping node_modules, .git, _site, .jekyll-cache, vendor, hidden folders and what',
    'Jekyll leaves out: exclude: of _config.yml, files named _x.md, #x.md or ~x.md); files',
    'named on the command line are checked whatever their extension.',
    '',
    'Options:',
    '  --root DIR               the site root (default: the nearest folder above each file',
    '                           holding _config.yml, else the folder of the path given)',
    '  --schema FILE            check every file against this JSON Schema instead of the bundled ones',
    '  --format FORMAT          text (default), json, sarif (SARIF 2.1.0, paths relative to',
    '                           --root or else the current folder) or github (GitHub Actions',
    '                           annotations, paths relative to the current folder)',
    "  --fix                    apply every safe fix (the editor's Fix All) and write the files",
    '                           that change; says per file how many problems the fixes removed,',
    '                           then reports what remains',
    '  --fix-dry-run            print the safe fixes as a unified diff instead of writing them',
    '                           (the diff alone on stdout; the summary counts what would remain)',
    '  --rule CODE=SEVERITY     change a rule: error, warning, information (or info), hint or off',
    '                           (repeatable)',
    '  --cross-file             read the whole site of each file (as --root does) for the rules',
    '                           across files (duplicate-article, stale-related); without it or',
    '                           --root, only the files checked are linked to each other',
    '  --list-unpublished       after the findings, list the files Jekyll will not publish and',
    '                           why: drafts, published: false, dates in the future (future:',
    "                           false, in the site's timezone), names in _posts without a date,",
    '                           collections with output: false (in JSON: "unpublished"; with',
    '                           --format sarif or github, or --fix-dry-run, on stderr)',
    '  --quiet                  report errors only; no summary, no progress',
    '  --jobs N                 threads checking files (default: one per core, up to 4, from',
    '                           4000 files; fewer files are checked faster by one thread)',
    '  -h, --help               show this help',
    '  --version                show the version',
    '',
    'Findings go to stdout (one "file:line:column: severity code: message" per line, one',
    'JSON or SARIF object, or one annotation per line); the summary, progress, fixes made',
    'and problems go to stderr. Files are read as UTF-8 (bytes that are not UTF-8 become',
    'U+FFFD; such a file is not fixed). A fixed file keeps its line endings, byte order mark',
    'and every byte the fixes do not change; a file changed by someone else while it was',
    'being fixed is left as it is.',
    '',
    'init infers a JSON Schema per kind of content of a site (its posts, each collection, its',
    'pages; a subfolder whose files have a shape of their own) from the front matter its files',
    'hold, writes each to schemas/<kind>.schema.yaml and the team configuration',
    '.article-frontmatter.yml that maps each kind to its schema, and prints the drift report:',
    'keys whose type differs between files of a kind, keys so rarely used they are likely typos.',
    'Every value seen is accepted, so check right after init finds no error.',
    '  --force                  replace schemas and a team configuration that exist (of an',
    '                           existing configuration only its schemas are replaced)',
    '  --required-threshold N   require keys present in this share of files (0.9 or 90%; default',
    '                           1, every file); the files without such a key get a warning',
    '',
    'Exit status: 0 no errors (warnings allowed), 1 errors found (after --fix: errors that',
    'remain), 2 bad usage, unreadable input or a fixed file that cannot be written.',
    'init: 0 when it wrote its files, 1 when every file it would write exists (no --force),',
    '2 bad usage or a site that cannot be read.',
  ];
  if (codes.length > 0) {
    lines.push('', 'Rules (default severity):');
    for (const [code, rule] of codes)
      lines.push(`  ${code.padEnd(width)}  ${rule.severity.padEnd(7)}  ${rule.about}`);
  }
  return lines.join('\n') + '\n';
}

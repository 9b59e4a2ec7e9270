// Synchronous calls only: loading fs/promises alone costs a CLI run about 2 ms.
import { readFileSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createNodeWorkspace, fileUri } from '../node/nodeWorkspace';
import { SchemaCatalog } from '../service/schemaCatalog';
import type { ArticleService, ArticleServiceOptions, ArticleSettings } from '../service/types';
import { parseArgs, PROGRAM, usage, UsageError, type CheckOptions } from './args';
import {
  collectFiles,
  describeError,
  displayPath,
  InputError,
  SiteRootFinder,
  type FoundFile,
} from './files';
import { createProgress, NO_PROGRESS, PROGRESS_THRESHOLD } from './progress';
import {
  countSeverities,
  formatJson,
  formatSummary,
  formatText,
  toEntries,
  type ReportEntry,
} from './report';

/** Files read and checked at the same time. */
export const CONCURRENCY = 16;

/** Everything the CLI needs from the outside world, so it can be run in a test. */
export interface CliEnvironment {
  /** The folder paths are relative to. */
  cwd: string;
  /** Receives the findings (and `--help`, `--version`). */
  stdout(text: string): void;
  /** Receives the summary, the progress line and problems. */
  stderr(text: string): void;
  /** Whether stderr is a terminal (the progress line is shown only then). */
  stderrIsTTY: boolean;
  /** The program's version, for `--version`. */
  version: string;
  /** Makes the service for one site. */
  createService(options: ArticleServiceOptions): ArticleService;
  /** The diagnostic codes, for `--help` and to check `--rule` (any code accepted when omitted). */
  rules?: Record<string, { severity: string; about: string }>;
}

/**
 * Runs the command line and returns the exit code: 0 no errors, 1 errors found,
 * 2 bad usage or unreadable input (with a one-line message on stderr).
 * @param argv the arguments without `node` and the script.
 */
export async function run(argv: readonly string[], env: CliEnvironment): Promise<number> {
  try {
    const command = parseArgs(argv, env.rules && Object.keys(env.rules));
    switch (command.kind) {
      case 'help':
        env.stdout(usage(env.rules));
        return 0;
      case 'version':
        env.stdout(env.version + '\n');
        return 0;
      case 'check':
        return await check(command.options, env);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      env.stderr(`${PROGRAM}: ${error.message} (see '${PROGRAM} --help')\n`);
    } else if (error instanceof InputError) {
      env.stderr(`${PROGRAM}: ${error.message}\n`);
    } else {
      env.stderr(`${PROGRAM}: internal error: ${describeError(error)}\n`);
    }
    return 2;
  }
}

async function check(options: CheckOptions, env: CliEnvironment): Promise<number> {
  const root = options.root === undefined ? undefined : await siteRootOption(options.root, env.cwd);
  const settings: Partial<ArticleSettings> = { rules: options.rules };
  if (options.schema !== undefined) {
    const schema = await schemaOption(options.schema, env.cwd);
    settings.schemas = [{ fileMatch: ['**/*'], url: fileUri(schema) }];
  }
  const files = await collectFiles(options.paths, env.cwd);

  const progress =
    env.stderrIsTTY && !options.quiet && files.length > PROGRESS_THRESHOLD
      ? createProgress(files.length, env.stderr)
      : NO_PROGRESS;
  const logger = {
    error(message: string, error?: unknown) {
      progress.done();
      env.stderr(`${PROGRAM}: ${message}${error === undefined ? '' : ': ' + describeError(error)}\n`);
    },
  };
  const finder = new SiteRootFinder();
  const uris = new FileUris();
  const services = new Map<string, ArticleService>();
  const serviceFor = async (file: FoundFile): Promise<ArticleService> => {
    const siteRoot = root ?? (await finder.find(path.dirname(file.path))) ?? file.fallbackRoot;
    let service = services.get(siteRoot);
    if (!service) {
      service = env.createService({ workspace: createNodeWorkspace(siteRoot), settings, logger });
      services.set(siteRoot, service);
    }
    return service;
  };

  let results: ReportEntry[][];
  try {
    results = await mapLimited(files, CONCURRENCY, async (file) => {
      const entries = await checkFile(file, await serviceFor(file), env.cwd, uris);
      progress.tick();
      return entries;
    });
  } finally {
    progress.done();
  }

  const all = results.flat();
  const counts = countSeverities(all);
  const shown = options.quiet ? all.filter((entry) => entry.severity === 'error') : all;
  if (options.format === 'json') env.stdout(formatJson(files.length, shown));
  else if (shown.length > 0) env.stdout(formatText(shown));
  if (!options.quiet) env.stderr(formatSummary(files.length, counts));
  return counts.error > 0 ? 1 : 0;
}

async function checkFile(
  file: FoundFile,
  service: ArticleService,
  cwd: string,
  uris: FileUris,
): Promise<ReportEntry[]> {
  let text: string;
  try {
    // Bytes that are not UTF-8 become U+FFFD and the rest is checked as usual. A synchronous
    // read: for many small files it is several times faster than fs/promises.
    text = readFileSync(file.path, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read '${displayPath(file.path, cwd)}': ${describeError(error)}`);
  }
  const uri = uris.of(file.path);
  const diagnostics = await service.validate(TextDocument.create(uri, 'markdown', 1, text));
  service.forget(uri);
  return toEntries(displayPath(file.path, cwd), diagnostics);
}

/**
 * The `file:` URIs of files, made from their folder's URI (made once per folder) where the
 * name needs no encoding: `pathToFileURL` on every file of a large folder costs.
 */
export class FileUris {
  private readonly folders = new Map<string, string>();

  of(file: string): string {
    const name = path.basename(file);
    if (!/^[\w.-]+$/.test(name)) return fileUri(file);
    const folder = path.dirname(file);
    let uri = this.folders.get(folder);
    if (uri === undefined) {
      uri = fileUri(folder).replace(/\/$/, '');
      this.folders.set(folder, uri);
    }
    return `${uri}/${name}`;
  }
}

async function siteRootOption(folder: string, cwd: string): Promise<string> {
  const absolute = path.resolve(cwd, folder);
  let info: Stats;
  try {
    info = statSync(absolute);
  } catch (error) {
    throw new InputError(`cannot read --root '${folder}': ${describeError(error)}`);
  }
  if (!info.isDirectory()) throw new InputError(`--root '${folder}' is not a folder`);
  return absolute;
}

async function schemaOption(file: string, cwd: string): Promise<string> {
  const absolute = path.resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read --schema '${file}': ${describeError(error)}`);
  }
  try {
    JSON.parse(text);
  } catch (error) {
    throw new InputError(`--schema '${file}' is not valid JSON: ${describeError(error)}`);
  }
  // Compiled as the service will compile it, so a schema it cannot use stops the run here,
  // once, rather than as an error on every file.
  const catalog = new SchemaCatalog(createNodeWorkspace(path.dirname(absolute)), []);
  const lookup = await catalog.customFor({ fileMatch: ['**/*'], url: fileUri(absolute) });
  if (!lookup.ok) {
    const reason = lookup.message.replace(/^The schema `[^`]*` /, '').replace(/\s*[\r\n]+\s*/g, ' ');
    throw new InputError(`--schema '${file}' ${reason}`);
  }
  return absolute;
}

/**
 * Maps `items` with at most `limit` calls in flight, keeping the order of the results.
 * Stops starting new calls after the first failure, and rethrows it once the running ones end.
 */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  map: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (!failure && next < items.length) {
      const index = next++;
      try {
        results[index] = await map(items[index], index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
  return results;
}

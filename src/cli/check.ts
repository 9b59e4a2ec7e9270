// Synchronous calls only: loading fs/promises alone costs a CLI run about 2 ms.
import { readFileSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createNodeWorkspace, fileUri } from '../node/nodeWorkspace';
import { SiteServices } from '../host/index';
import {
  SchemaCatalog,
  TEAM_CONFIG_NAMES,
  type ArticleService,
  type ArticleServiceOptions,
  type ArticleSettings,
} from '../service/index';
import { parseArgs, PROGRAM, usage, UsageError, type CheckOptions, type OutputFormat } from './args';
import type { FixFileSystem } from './fix';
import {
  collectFiles,
  withoutJekyllExcluded,
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
  formatUnpublished,
  toEntries,
  type ReportEntry,
  type UnpublishedEntry,
} from './report';
import { WorkQueue, type Helper, type HelperTask, type SharedIndexes } from './parallel';

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
  /** Whether stderr is a terminal (the progress line is shown only then); asked only for large runs. */
  stderrIsTTY: boolean;
  /** The program's version, for `--version`. */
  version: string;
  /** Makes the service for one site. */
  createService(options: ArticleServiceOptions): ArticleService;
  /** The diagnostic codes, for `--help` and to check `--rule` (any code accepted when omitted). */
  rules?: Record<string, { severity: string; about: string }>;
  /** The processor cores there are, for the default number of threads; asked only for large runs. */
  cores?: number;
  /** Starts a helper thread that checks files from the same queue (none: one thread only). */
  startHelper?(task: HelperTask, log: (text: string) => void): Helper;
  /** Starts the language server (`lsp --stdio`), which runs until its client exits. */
  startLanguageServer?(): void;
  /** The file system calls of `--fix` (Node's when omitted; tests make them fail). */
  fixFileSystem?: Partial<FixFileSystem>;
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
      case 'init': {
        // Loaded only for init: check stays as fast to start as ever.
        const { init } = await import('./init');
        return await init(command.options, env);
      }
      case 'lsp':
        if (!env.startLanguageServer) throw new InputError('the language server is not available here');
        env.startLanguageServer();
        return 0;
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
  const found = await withoutJekyllExcluded(await collectFiles(options.paths, env.cwd), root);

  let progress = NO_PROGRESS;
  const log = (text: string): void => {
    progress.done();
    env.stderr(text);
  };
  const checker = new FileChecker(root, settings, env.cwd, env.createService, (message, error) =>
    log(problemText(message, error)),
  );
  // The files the team configuration's `ignore` names are not checked, nor counted.
  const files = await checker.withoutIgnored(found);
  progress =
    !options.quiet && files.length > PROGRESS_THRESHOLD && env.stderrIsTTY
      ? createProgress(files.length, env.stderr)
      : NO_PROGRESS;

  // The site index the rules across files read: each whole site as CI checks it (`--root`,
  // `--cross-file`), else only the files checked, so a check of a few files stays fast.
  const wholeSites = root !== undefined || options.crossFile === true;

  const queue = new WorkQueue(files.length);
  const threads = Math.min(
    options.jobs ??
      defaultThreads(
        files.length,
        () => env.cores ?? 1,
        () => bytesUpTo(files, PARALLEL_BYTES),
      ),
    files.length,
  );
  // Helpers start while this thread builds the site index (they take a while to load), then
  // take in a copy of it: the site is read once, not once per thread.
  const helpers =
    env.startHelper && threads > 1
      ? Array.from({ length: threads - 1 }, () =>
          env.startHelper!({ files, queue: queue.buffer, cwd: env.cwd, root, settings, wholeSites }, log),
        )
      : [];
  try {
    await checker.link(files, wholeSites, helpers.length === 0);
  } catch (error) {
    await Promise.all(helpers.map((helper) => helper.stop()));
    throw error;
  }
  if (helpers.some((helper) => helper.shareIndexes)) {
    const indexes = checker.exportIndexes();
    for (const helper of helpers) helper.shareIndexes?.(indexes);
  }

  const results = new Array<ReportEntry[] | undefined>(files.length);
  let checkedHere = 0;
  let failure: { index: number; error: unknown } | undefined;
  try {
    // Several files in flight: a service may wait on the site's taxonomy while others go on.
    await Promise.all(
      Array.from({ length: Math.min(CONCURRENCY, files.length) }, async () => {
        for (let index = queue.take(); index >= 0; index = queue.take()) {
          try {
            results[index] = await checker.check(files[index]);
            checkedHere++;
            progress.tick();
          } catch (error) {
            if (!failure || index < failure.index) failure = { index, error };
            queue.stop();
          }
        }
      }),
    );
    // Helpers that took no file (still starting when the queue ran out) are not waited for.
    const waited = checkedHere === files.length ? [] : helpers;
    for (const helper of waited) {
      const found = await helper.finished();
      for (const [index, entries] of found.results) {
        results[index] = entries;
        progress.tick();
      }
      if (found.failure && (!failure || found.failure.index < failure.index)) {
        failure = { index: found.failure.index, error: new InputError(found.failure.message) };
      }
      if (found.stopped !== undefined) {
        log(problemText(`a checking thread stopped (${found.stopped}); its files are checked again`));
      }
    }
    // A file a helper took but did not answer for (it stopped abnormally) is checked here.
    if (!failure) {
      for (let index = 0; index < files.length; index++) {
        results[index] ??= await checker.check(files[index]);
      }
    }
  } finally {
    progress.done();
    await Promise.all(helpers.map((helper) => helper.stop()));
  }
  if (failure) throw failure.error;

  const perFile = Array.from(results, (entries) => entries ?? []);
  if (options.fix) {
    const { applyFixes } = await import('./fix');
    await applyFixes(files, perFile, {
      mode: options.fix,
      cwd: env.cwd,
      checker,
      stdout: env.stdout,
      stderr: env.stderr,
      quiet: options.quiet,
      fileSystem: env.fixFileSystem,
    });
  }

  const all = [...(await checker.teamConfigEntries()), ...perFile.flat()];
  const counts = countSeverities(all);
  const shown = options.quiet ? all.filter((entry) => entry.severity === 'error') : all;
  const unpublished = options.listUnpublished ? await checker.unpublished(files) : undefined;
  // A dry run's output is its diff.
  if (options.fix !== 'dry-run')
    env.stdout(await formatReport(options.format, files.length, shown, root, env, unpublished));
  // Text and JSON hold the list; the other outputs are read by tools: it goes beside them.
  if (unpublished && (options.fix === 'dry-run' || (options.format !== 'text' && options.format !== 'json')))
    env.stderr(formatUnpublished(unpublished));
  if (!options.quiet) env.stderr(formatSummary(files.length, counts));
  return counts.error > 0 ? 1 : 0;
}

/** The findings as `--format` asks; the SARIF and GitHub formatters are loaded only when asked for. */
async function formatReport(
  format: OutputFormat,
  files: number,
  shown: ReportEntry[],
  root: string | undefined,
  env: CliEnvironment,
  unpublished: UnpublishedEntry[] | undefined,
): Promise<string> {
  switch (format) {
    case 'text':
      return formatText(shown) + (unpublished ? formatUnpublished(unpublished) : '');
    case 'json':
      return formatJson(files, shown, unpublished);
    case 'sarif': {
      const { formatSarif } = await import('./formats/sarif');
      return formatSarif(shown, { version: env.version, rules: env.rules ?? {}, cwd: env.cwd, root });
    }
    case 'github': {
      const { formatGithub } = await import('./formats/github');
      return formatGithub(shown);
    }
  }
}

/**
 * Files from which more threads pay for their start. A helper thread takes about 70 ms to
 * start and load, and V8 already uses a second core to compile and collect. Measured on
 * 2 cores (`npm run bench`, interleaved): two threads were no faster than one at 1 300 and
 * 2 600 files, and 1.0 to 1.2 times faster (never slower) at 5 000 in four runs.
 */
export const PARALLEL_THRESHOLD = 4000;
/**
 * Bytes from which more threads pay for their start, however few the files: a helper's start
 * (about 70 ms, while this thread builds the site index) is the time one thread takes to
 * check about 1 MB of large articles.
 */
export const PARALLEL_BYTES = 2 * 1024 * 1024;
/** At most this many threads by default: past it, reading the disk is the limit. */
const MAX_THREADS = 4;

/**
 * Threads worth using for this many files on the cores there are.
 * @param cores asked only when more than one thread could pay (its answer costs a module load).
 * @param bytes the files' size (up to `PARALLEL_BYTES`), asked only below `PARALLEL_THRESHOLD` files.
 */
export function defaultThreads(fileCount: number, cores: () => number, bytes?: () => number): number {
  if (fileCount < 2) return 1;
  if (fileCount < PARALLEL_THRESHOLD && !(bytes && bytes() >= PARALLEL_BYTES)) return 1;
  return Math.min(cores(), MAX_THREADS);
}

/** The size of the files, counted until it reaches `limit` (a file that cannot be read counts nothing). */
export function bytesUpTo(files: readonly FoundFile[], limit: number): number {
  let total = 0;
  for (const file of files) {
    total += statSync(file.path, { throwIfNoEntry: false })?.size ?? 0;
    if (total >= limit) break;
  }
  return total;
}

/** A problem message (a rule that failed on a file) as the CLI prints it. */
export function problemText(message: string, error?: unknown): string {
  return `${PROGRAM}: ${message}${error === undefined ? '' : ': ' + describeError(error)}\n`;
}

/** Most text (in UTF-16 code units) kept between linking the files checked and checking them. */
const MAX_KEPT_TEXT = 32 * 1024 * 1024;

/**
 * Checks files one at a time, with one service per site (found by its `_config.yml`, or
 * `--root`). Each thread has its own.
 */
export class FileChecker {
  private readonly finder = new SiteRootFinder();
  private readonly uris = new FileUris();
  private readonly services: SiteServices;

  constructor(
    private readonly root: string | undefined,
    private readonly settings: Partial<ArticleSettings>,
    private readonly cwd: string,
    createService: (options: ArticleServiceOptions) => ArticleService,
    log: (message: string, error?: unknown) => void,
  ) {
    this.services = new SiteServices({
      // The rules read only the index's articles; the related entries serve navigation.
      createArticleService: (options) => createService({ ...options, indexLinks: false }),
      createWorkspace: (root) => {
        const workspace = createNodeWorkspace(root);
        const readFile = workspace.readFile.bind(workspace);
        // A file to check that the site index reads is kept for its check (see `link`).
        workspace.readFile = async (uri) => {
          const text = await readFile(uri);
          const path = this.wanted?.get(uri);
          if (path !== undefined && text !== undefined) this.keep(path, text);
          return text;
        };
        // A file the check will take from what the index read is read whole (and kept).
        const readFileWithout = workspace.readFileWithout?.bind(workspace);
        workspace.readFileWithout = async (uri, key) => {
          const path = this.wanted?.get(uri);
          if (path !== undefined && !this.keptFull) return undefined;
          return readFileWithout?.(uri, key);
        };
        return workspace;
      },
      logger: { error: (message, error) => log(message, error) },
    });
  }

  /** Texts read to link the files checked, by path, until their check takes them. */
  private readonly kept = new Map<string, string>();
  private keptLength = 0;
  /** Whether a text was not kept for the bound: the index then reads the other files without their links. */
  private keptFull = false;

  /** The last file's folder and fallback root, and its service: files come sorted, so mostly the same. */
  private last: { folder: string; fallbackRoot: string; service: ArticleService } | undefined;

  /** The service that checks `file` (the one of its site), and the URI it knows the file by. */
  async serviceOf(file: FoundFile): Promise<{ service: ArticleService; uri: string }> {
    const last = this.last;
    const service =
      last && last.folder === file.folder && last.fallbackRoot === file.fallbackRoot
        ? last.service
        : await this.serviceFor(file);
    return { service, uri: this.uris.of(file) };
  }

  /** What is wrong in one file, as report entries. */
  async check(file: FoundFile): Promise<ReportEntry[]> {
    const { service, uri } = await this.serviceOf(file);
    let text: string;
    try {
      // Bytes that are not UTF-8 become U+FFFD and the rest is checked as usual. A synchronous
      // read: for many small files it is several times faster than fs/promises.
      text = this.kept.get(file.path) ?? readFileSync(file.path, 'utf8');
      this.kept.delete(file.path);
    } catch (error) {
      throw new InputError(`cannot read '${displayPath(file.path, this.cwd)}': ${describeError(error)}`);
    }
    const diagnostics = await service.validate(TextDocument.create(uri, 'markdown', 1, text));
    service.forget(uri);
    return diagnostics.length === 0 ? [] : toEntries(displayPath(file.path, this.cwd), diagnostics);
  }

  /**
   * The files Jekyll will not publish, and why (`--list-unpublished`), in the order given. A
   * file that can no longer be read is left out: its check already said so.
   */
  async unpublished(files: readonly FoundFile[]): Promise<UnpublishedEntry[]> {
    const entries: UnpublishedEntry[] = [];
    for (const file of files) {
      const { service, uri } = await this.serviceOf(file);
      if (!service.unpublishedReasons) continue;
      let text: string;
      try {
        text = readFileSync(file.path, 'utf8');
      } catch {
        continue;
      }
      const reasons = await service.unpublishedReasons(TextDocument.create(uri, 'markdown', 1, text));
      service.forget(uri);
      if (reasons.length > 0) entries.push({ file: displayPath(file.path, this.cwd), reasons });
    }
    return entries;
  }

  /** The files whose site's team configuration (or settings) does not say to skip them. */
  async withoutIgnored(files: FoundFile[]): Promise<FoundFile[]> {
    const kept: FoundFile[] = [];
    for (const file of files) {
      const { service, uri } = await this.serviceOf(file);
      const ignored = service.ignores?.(uri) ?? false;
      if (!(ignored instanceof Promise ? await ignored : ignored)) kept.push(file);
    }
    return kept;
  }

  /** The mistakes of the team config file at the root of each site checked, as report entries. */
  async teamConfigEntries(): Promise<ReportEntry[]> {
    const entries: ReportEntry[] = [];
    for (const [root, service] of this.sitesChecked) {
      for (const name of TEAM_CONFIG_NAMES) {
        const file = path.join(root, name);
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch {
          continue;
        }
        const diagnostics = await service.validate(TextDocument.create(fileUri(file), 'yaml', 1, text));
        entries.push(...toEntries(displayPath(file, this.cwd), diagnostics));
        break;
      }
    }
    return entries;
  }

  /** The site index of each site of the files checked so far (`link`), for other threads. */
  exportIndexes(): SharedIndexes {
    const indexes: NonNullable<SharedIndexes> = [];
    for (const [root, service] of this.sitesChecked) {
      if (!service.exportIndex) return undefined;
      indexes.push([root, service.exportIndex()]);
    }
    return indexes;
  }

  /**
   * Takes in the site indexes another thread built (`exportIndexes`); without them, links as
   * that thread did (reading the sites again).
   */
  async adoptIndexes(
    indexes: SharedIndexes,
    files: readonly FoundFile[],
    wholeSites: boolean,
  ): Promise<void> {
    const services = indexes?.map(([root]) => this.services.serviceAt(root, this.settings));
    if (!indexes || !services!.every((service) => service.importIndex)) return this.link(files, wholeSites);
    indexes.forEach(([, snapshot], index) => services![index].importIndex!(snapshot));
  }

  /** The sites files were checked in, by root folder. */
  private readonly sitesChecked = new Map<string, ArticleService>();

  /**
   * Fills the site index of the services of these files: each one's whole site, or only
   * these files (a file that cannot be read is left to its check, which says so).
   */
  async link(files: readonly FoundFile[], wholeSites: boolean, keepWhole = false): Promise<void> {
    const sites = new Set<ArticleService>();
    // The whole site's walk reads the files checked too: with `keepWhole` (one thread, which
    // checks them all) their texts are kept, up to the bound, rather than read twice.
    if (wholeSites && keepWhole) this.wanted = new Map(files.map((file) => [this.uris.of(file), file.path]));
    try {
      for (const file of files) {
        const { service, uri } = await this.serviceOf(file);
        if (wholeSites) {
          if (!sites.has(service)) await service.indexSite();
          sites.add(service);
          continue;
        }
        let text: string;
        try {
          text = readFileSync(file.path, 'utf8');
        } catch {
          continue;
        }
        this.keep(file.path, text);
        await service.indexFile(uri, text);
      }
    } finally {
      this.wanted = undefined;
    }
  }

  /** The files to check by URI (their paths), while the site index is built with `keepWhole`. */
  private wanted: Map<string, string> | undefined;

  /** Keeps a text read to link a file, for its check, up to a bound: read once rather than twice. */
  private keep(path: string, text: string): void {
    if (this.keptLength + text.length > MAX_KEPT_TEXT) this.keptFull = true;
    if (this.keptFull || this.kept.has(path)) return;
    this.kept.set(path, text);
    this.keptLength += text.length;
  }

  private async serviceFor(file: FoundFile): Promise<ArticleService> {
    const siteRoot = this.root ?? (await this.finder.find(file.folder)) ?? file.fallbackRoot;
    const service = this.services.serviceAt(siteRoot, this.settings);
    this.sitesChecked.set(siteRoot, service);
    // The same folder and fallback root always give the same site root.
    this.last = { folder: file.folder, fallbackRoot: file.fallbackRoot, service };
    return service;
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
  if (text.trim() === '') throw new InputError(`--schema '${file}' is empty`);
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
 * The `file:` URIs of files, made from their folder's URI (made once per folder) where the
 * name needs no encoding: `pathToFileURL` on every file of a large folder costs.
 */
export class FileUris {
  private readonly folders = new Map<string, string>();

  of(file: Pick<FoundFile, 'path' | 'folder' | 'name'>): string {
    if (!/^[\w.-]+$/.test(file.name)) return fileUri(file.path);
    let uri = this.folders.get(file.folder);
    if (uri === undefined) {
      uri = fileUri(file.folder).replace(/\/$/, '');
      this.folders.set(file.folder, uri);
    }
    return `${uri}/${file.name}`;
  }
}

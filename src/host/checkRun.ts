/**
 * A check of many files at once (*Check All Articles*): what one file turns out to be, and
 * how a list of files is shared among checkers — helper threads, or the editor's own thread —
 * that take chunks of it and hand back their results a chunk at a time.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { ArticleService } from '../service/index';
import type { CancellationToken } from './types';

/** The first line of a text article: an opening `---`, as the service reads it. */
const OPENING_LINE = /^\uFEFF?---[ \t]*$/;

/** Whether a document whose first line is `firstLine` opens with front matter. */
export function startsWithFrontMatter(firstLine: string): boolean {
  return OPENING_LINE.test(firstLine);
}

/** The first line of a text, without its line break. */
export function firstLineOf(text: string): string {
  const end = text.search(/[\r\n]/);
  return end < 0 ? text : text.slice(0, end);
}

/** What one file turned out to be. */
export type FileOutcome = 'problems' | 'clean' | 'not-an-article';

/** A file of a run, by its place in the run's list. */
export interface FileToCheck {
  readonly index: number;
  readonly uri: string;
}

/** What was found in one file of a run. */
export interface FileChecked {
  readonly index: number;
  readonly outcome: FileOutcome;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Checks one file found in a folder, as *Check All Articles* and the CLI do: a file the team
 * configuration's `ignore` names, or one without front matter that the service has nothing to
 * say about, is not an article. The service forgets the file afterwards: a run keeps no text and no parsed article.
 * @param readText the file's text; throws when it cannot be read.
 */
export async function checkFoundFile(
  uri: string,
  service: ArticleService,
  readText: (uri: string) => Promise<string>,
): Promise<Omit<FileChecked, 'index'>> {
  if (await service.ignores?.(uri)) return { outcome: 'not-an-article', diagnostics: [] };
  const text = await readText(uri);
  // Checked even without front matter, as the CLI checks it: the service says whether Jekyll
  // missed a block after a blank line, or copies a collection's file unrendered.
  try {
    const diagnostics = await service.validate(TextDocument.create(uri, 'markdown', 0, text));
    if (diagnostics.length > 0) return { outcome: 'problems', diagnostics };
    return { outcome: startsWithFrontMatter(firstLineOf(text)) ? 'clean' : 'not-an-article', diagnostics };
  } finally {
    service.forget(uri);
  }
}

/** Something that checks a chunk of files: a helper thread, or the editor's own thread. */
export interface ChunkChecker {
  /** The results of the files given, in any order; rejects when the checker cannot go on. */
  check(files: readonly FileToCheck[]): Promise<FileChecked[]>;
}

/** How `runChecks` shares the files. */
export interface RunOptions {
  /** Files per chunk: one message each way per chunk. */
  readonly chunkSize: number;
  /** Chunks each checker holds at once, so that it never waits for the next one. */
  readonly inFlight: number;
  readonly token?: CancellationToken;
  /** Called with each chunk's results as they come. */
  onChecked(results: readonly FileChecked[]): void;
  /** A checker failed: its chunk goes back to the others. */
  onFailure?(error: unknown): void;
}

/**
 * Shares `files` among `checkers`, a chunk at a time, until all are checked or the run is
 * cancelled. A checker that fails takes no more chunks, and its chunk is taken by another.
 * @returns the files no checker could check (every checker failed), for the caller to check
 * some other way; none when the run was cancelled.
 */
export async function runChecks(
  files: readonly FileToCheck[],
  checkers: readonly ChunkChecker[],
  options: RunOptions,
): Promise<FileToCheck[]> {
  const chunks: FileToCheck[][] = [];
  for (let start = 0; start < files.length; start += options.chunkSize)
    chunks.push(files.slice(start, start + options.chunkSize));
  chunks.reverse(); // Taken from the end: the first files first.
  const cancelled = () => options.token?.isCancellationRequested === true;
  const failed = new Set<ChunkChecker>();
  const lane = async (checker: ChunkChecker): Promise<void> => {
    while (!failed.has(checker) && !cancelled()) {
      const chunk = chunks.pop();
      if (!chunk) return;
      let results: FileChecked[];
      try {
        results = await checker.check(chunk);
      } catch (error) {
        chunks.push(chunk);
        if (!failed.has(checker)) {
          failed.add(checker);
          options.onFailure?.(error);
        }
        return;
      }
      options.onChecked(results);
    }
  };
  await Promise.all(
    checkers.flatMap((checker) => Array.from({ length: Math.max(1, options.inFlight) }, () => lane(checker))),
  );
  return cancelled() ? [] : chunks.reverse().flat();
}

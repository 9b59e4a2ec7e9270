/**
 * *Check All Articles* on helper threads, in VS Code's Node extension host: each helper
 * (`dist/node/checker.js`, from `checkWorker.node.ts`) has services of its own, reads the
 * files from the disk, and answers a chunk of files with one message. The extension host's
 * thread only hands out chunks and shows results, so typing and completion stay quick, and
 * everything a helper read goes when it ends. Loaded by the Node entry only; nothing here
 * loads the service.
 */
import type { Worker } from 'node:worker_threads';
import type { ChunkChecker, FileChecked, FileToCheck } from '../host/index';
import type { ArticleSettings } from '../service/index';

/** What every helper of a run is given when it starts. */
export interface HelperSetup {
  /** The sites of the run: their root (a `file:` URI) and the settings of that folder. */
  readonly sites: ReadonlyArray<{ readonly root: string; readonly settings: Partial<ArticleSettings> }>;
  /** Whether each site's index is built before its files are checked, as the editor's own is. */
  readonly indexSites: boolean;
}

/** A file for a helper: its site, by its place in `HelperSetup.sites`. */
export interface HelperFile extends FileToCheck {
  readonly site: number;
}

/** The main thread's message: a chunk to check. */
export interface HelperRequest {
  readonly id: number;
  readonly files: readonly HelperFile[];
}

/** A helper's message: a chunk's results, a chunk it could not check, or a problem to log. */
export type HelperReply =
  | { readonly kind: 'checked'; readonly id: number; readonly results: FileChecked[] }
  | { readonly kind: 'failed'; readonly id: number; readonly message: string }
  | { readonly kind: 'log'; readonly message: string };

/** A running helper thread. */
export interface CheckHelper extends ChunkChecker {
  check(files: readonly HelperFile[]): Promise<FileChecked[]>;
  /** Ends the thread; what it was checking is dropped. */
  stop(): Promise<void>;
}

/**
 * Starts a helper thread running `script`.
 * @param log where the helper's problems go (a rule that failed on a file).
 */
export function startCheckHelper(
  script: string,
  setup: HelperSetup,
  log: (message: string) => void,
): CheckHelper {
  // Loaded on first need: most sessions never check all articles.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const threads = require('node:worker_threads') as typeof import('node:worker_threads');
  const worker: Worker = new threads.Worker(script, { workerData: setup, stdout: false, stderr: false });
  const pending = new Map<number, { resolve(results: FileChecked[]): void; reject(error: Error): void }>();
  let ended: Error | undefined;
  let nextId = 0;
  const end = (error: Error) => {
    ended ??= error;
    for (const waiting of pending.values()) waiting.reject(ended);
    pending.clear();
  };
  worker.on('message', (reply: HelperReply) => {
    if (reply.kind === 'log') {
      log(reply.message);
      return;
    }
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.kind === 'checked') waiting?.resolve(reply.results);
    else waiting?.reject(new Error(reply.message));
  });
  worker.on('error', (error) => end(error));
  worker.on('exit', (code) => end(new Error(`the checking thread exited (code ${code})`)));
  return {
    check(files) {
      if (ended) return Promise.reject(ended);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, files } satisfies HelperRequest);
      });
    },
    async stop() {
      end(new Error('the check was stopped'));
      await worker.terminate();
    },
  };
}

/** The cores the machine has, for the number of helpers. */
export function availableCores(): number {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const os = require('node:os') as typeof import('node:os');
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

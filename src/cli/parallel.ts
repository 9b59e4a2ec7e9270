/**
 * Checking on more than one core: helper threads take files from the same queue as the
 * main thread, check them with services of their own, and send back what they found.
 */
import type { MessagePort } from 'node:worker_threads';
import type { ArticleSettings, SiteIndexSnapshot } from '../service/index';
import type { FoundFile } from './files';
import type { ReportEntry } from './report';

/**
 * The files left to check, shared by the threads: each takes the next one with an atomic
 * add, so a thread that started late or got slow files simply takes fewer.
 */
export class WorkQueue {
  /** [0]: the next file to take; [1]: 1 once a thread has failed, so that all stop taking. */
  private readonly slots: Int32Array;

  constructor(
    readonly length: number,
    readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(8),
  ) {
    this.slots = new Int32Array(buffer);
  }

  /** The index of the next file to check, or -1 when there is none left (or a thread failed). */
  take(): number {
    if (Atomics.load(this.slots, 1) !== 0) return -1;
    const index = Atomics.add(this.slots, 0, 1);
    return index < this.length ? index : -1;
  }

  /** Stops every thread from taking more files. */
  stop(): void {
    Atomics.store(this.slots, 1, 1);
  }
}

/** What a helper thread is given. */
export interface HelperTask {
  readonly files: readonly FoundFile[];
  readonly queue: SharedArrayBuffer;
  readonly cwd: string;
  /** `--root`, resolved. */
  readonly root: string | undefined;
  readonly settings: Partial<ArticleSettings>;
  /** Whether each site is indexed whole (`--root`, `--cross-file`) or only the files checked are linked. */
  readonly wholeSites: boolean;
}

/** What a helper thread found: entries per file index, and the first file it could not read. */
export interface HelperResult {
  readonly results: Array<[index: number, entries: ReportEntry[]]>;
  readonly failure?: { index: number; message: string };
  /** Why the thread stopped before answering, if it did (its files are then checked again). */
  readonly stopped?: string;
}

/**
 * The site indexes the main thread built, by site root, for the helpers to take in rather than
 * each reading the sites again; `undefined` when they could not be copied (each helper then
 * builds its own).
 */
export type SharedIndexes = Array<[root: string, snapshot: SiteIndexSnapshot]> | undefined;

/** A helper thread, seen from the main thread. */
export interface Helper {
  /** Gives it the site indexes, once built: it takes no file before. */
  shareIndexes?(indexes: SharedIndexes): void;
  /** What it found, once it has no more files to take. */
  finished(): Promise<HelperResult>;
  /** Ends the thread (at once if it is still starting). */
  stop(): Promise<void>;
}

/** Set in a helper thread's environment: the launcher runs there too. */
export const HELPER_THREAD = 'ARTICLE_FRONTMATTER_HELPER_THREAD';

type HelperMessage = { kind: 'log'; text: string } | { kind: 'done'; result: HelperResult };
type MainMessage = { kind: 'indexes'; indexes: SharedIndexes };

/** The helper's side of `shareIndexes`: resolves with the indexes once the main thread sends them. */
export function receiveIndexes(port: MessagePort): Promise<SharedIndexes> {
  return new Promise((resolve) => {
    const listen = (message: MainMessage) => {
      if (message.kind !== 'indexes') return;
      port.off('message', listen);
      resolve(message.indexes);
    };
    port.on('message', listen);
  });
}

/**
 * Starts a helper thread running `script` (the CLI's launcher, which sees it is not the main
 * thread and calls `runHelper`).
 * @param log where the helper's problem messages go (the main thread's stderr).
 */
export function startHelper(script: string, task: HelperTask, log: (text: string) => void): Helper {
  // Loaded on first need: worker_threads costs about 3 ms to load, and most runs use one thread.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Worker } = require('node:worker_threads') as typeof import('node:worker_threads');
  const worker = new Worker(script, {
    workerData: task,
    env: { ...process.env, [HELPER_THREAD]: '1' },
    stdout: false,
    stderr: false,
  });
  const finished = new Promise<HelperResult>((resolve) => {
    worker.on('message', (message: HelperMessage) => {
      if (message.kind === 'log') log(message.text);
      else resolve(message.result);
    });
    worker.on('error', (error) => resolve({ results: [], stopped: error.message.split('\n')[0] }));
    worker.on('exit', (code) => resolve({ results: [], stopped: `it exited with code ${code}` }));
  });
  return {
    shareIndexes: (indexes) => worker.postMessage({ kind: 'indexes', indexes } satisfies MainMessage),
    finished: () => finished,
    stop: async () => {
      await worker.terminate();
    },
  };
}

/**
 * The helper thread's side: takes files from the shared queue until none is left, checking
 * each with `check`, then sends everything back in one message.
 */
export async function runHelper(
  task: HelperTask,
  port: MessagePort,
  check: (file: FoundFile) => Promise<ReportEntry[]>,
): Promise<void> {
  const queue = new WorkQueue(task.files.length, task.queue);
  const results: HelperResult['results'] = [];
  let failure: HelperResult['failure'];
  for (let index = queue.take(); index >= 0; index = queue.take()) {
    try {
      results.push([index, await check(task.files[index])]);
    } catch (error) {
      failure = { index, message: error instanceof Error ? error.message : String(error) };
      queue.stop();
    }
  }
  port.postMessage({ kind: 'done', result: { results, failure } } satisfies HelperMessage);
}

/** A helper's problem message (a rule that failed), for the main thread to print. */
export function sendLog(port: MessagePort, text: string): void {
  port.postMessage({ kind: 'log', text } satisfies HelperMessage);
}

/**
 * Pacing what a long run (*Check All Articles* over thousands of files) sends to the editor's
 * UI: results in batches, progress a few times a second, and turns given back to the event
 * loop between files. The UI pays for every message it gets, whatever its size: a file-by-file
 * stream of 5 000 results kept VS Code's window busier than the checking itself.
 */

/** The timers a pacer uses; tests hand in a fake clock. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The real clock. */
export const SYSTEM_CLOCK: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** How a `Batcher` paces its batches. */
export interface BatchOptions {
  /** The longest an item waits after the first one of its batch arrived. */
  readonly intervalMs: number;
  /** A batch this large goes at once. */
  readonly maxItems: number;
  readonly clock?: Clock;
}

/**
 * Collects items and hands them over in batches: `maxItems` at once, or whatever arrived in
 * the `intervalMs` since the first item of the batch, so that nothing waits longer than that.
 */
export class Batcher<T> {
  private items: T[] = [];
  private timer: unknown;
  private readonly clock: Clock;

  constructor(
    private readonly deliver: (items: T[]) => void,
    private readonly options: BatchOptions,
  ) {
    this.clock = options.clock ?? SYSTEM_CLOCK;
  }

  /** How many items wait. */
  get pending(): number {
    return this.items.length;
  }

  add(item: T): void {
    this.items.push(item);
    if (this.items.length >= this.options.maxItems) this.flush();
    else if (this.timer === undefined)
      this.timer = this.clock.setTimeout(() => {
        this.timer = undefined;
        this.flush();
      }, this.options.intervalMs);
  }

  /** Hands over what waits, now (nothing when nothing waits). */
  flush(): void {
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.items.length === 0) return;
    const items = this.items;
    this.items = [];
    this.deliver(items);
  }

  /** Drops what waits: nothing more is handed over. */
  dispose(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.items = [];
  }
}

/**
 * Passes on at most one value per `intervalMs`: the first at once, then the latest of those
 * that came during the interval, at its end. `flush` passes the last one now (the final
 * count must be shown).
 */
export class Throttle<T> {
  private last = -Infinity;
  private waiting: { value: T } | undefined;
  private timer: unknown;
  private readonly clock: Clock;

  constructor(
    private readonly deliver: (value: T) => void,
    private readonly intervalMs: number,
    clock: Clock = SYSTEM_CLOCK,
  ) {
    this.clock = clock;
  }

  update(value: T): void {
    const since = this.clock.now() - this.last;
    if (since >= this.intervalMs && this.timer === undefined) {
      this.send(value);
      return;
    }
    this.waiting = { value };
    this.timer ??= this.clock.setTimeout(
      () => {
        this.timer = undefined;
        this.flush();
      },
      Math.max(0, this.intervalMs - since),
    );
  }

  /** Passes on the value that waits, if any, now. */
  flush(): void {
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
    const waiting = this.waiting;
    if (waiting) this.send(waiting.value);
  }

  /** Drops the value that waits. */
  dispose(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.waiting = undefined;
  }

  private send(value: T): void {
    this.waiting = undefined;
    this.last = this.clock.now();
    this.deliver(value);
  }
}

/**
 * Resolves on a later turn of the event loop, after the events that wait (a keystroke, a
 * completion request): `setImmediate` in Node, a message to itself in a browser worker
 * (`setTimeout(0)` is clamped to 4 ms there after a few nested calls).
 */
export function nextTurn(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;
  if (immediate) return new Promise((resolve) => immediate(resolve));
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      // A browser's port: Node's types describe Node's, which has no `onmessage`.
      const port = channel.port1 as unknown as { onmessage: (() => void) | null; close(): void };
      port.onmessage = () => {
        port.close();
        resolve();
      };
      channel.port2.postMessage(undefined);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Gives the event loop a turn once `sliceMs` of work have passed since the last one: a run
 * of many small files then pays for a turn every few milliseconds, not for every file, and
 * what the editor asks meanwhile waits at most about `sliceMs` plus one file.
 */
export class TimeSlicer {
  private since: number;

  constructor(
    private readonly sliceMs: number,
    private readonly clock: Pick<Clock, 'now'> = SYSTEM_CLOCK,
    private readonly yieldTurn: () => Promise<void> = nextTurn,
  ) {
    this.since = clock.now();
  }

  /** Yields when the slice is used up; resolves at once otherwise. */
  async maybeYield(): Promise<void> {
    if (this.clock.now() - this.since < this.sliceMs) return;
    await this.yieldTurn();
    this.since = this.clock.now();
  }
}

/**
 * How many helper threads a run over this many files is worth, with `cores` cores: one for
 * any run large enough to be felt, so that the editor's own thread stays free for typing;
 * more only for a large run on a machine with cores to spare (each helper reads its sites'
 * data and builds their index again, and the window and the editor's thread need a core too).
 * @returns 0 to check on the editor's thread.
 */
export function helperThreadsFor(files: number, cores: number): number {
  if (files < MIN_FILES_FOR_A_HELPER) return 0;
  const spare = Math.min(MAX_HELPERS, cores - 2);
  return Math.max(1, Math.min(spare, Math.floor(files / FILES_PER_EXTRA_HELPER)));
}

/** Below this many files, starting a thread and its engine (≈100–200 ms) costs more than it saves. */
export const MIN_FILES_FOR_A_HELPER = 64;
/** Files that make another helper worth its start and its own site index. */
export const FILES_PER_EXTRA_HELPER = 2000;
const MAX_HELPERS = 4;

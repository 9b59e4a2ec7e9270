/** Files above which a progress line is worth showing. */
export const PROGRESS_THRESHOLD = 200;

/** Counts checked files on one updating terminal line. */
export interface Progress {
  /** One more file checked. */
  tick(): void;
  /** Erases the line; call before printing anything else. */
  done(): void;
}

/**
 * A `checked N/M files` line rewritten in place with `\r`, at most every `interval` ms.
 * @param write where the line goes: a terminal's stderr.
 */
export function createProgress(
  total: number,
  write: (text: string) => void,
  interval = 100,
  now: () => number = Date.now,
): Progress {
  let checked = 0;
  let last = -Infinity;
  let width = 0;
  const show = (): void => {
    const line = `checked ${checked}/${total} files`;
    write('\r' + line.padEnd(width));
    width = line.length;
    last = now();
  };
  return {
    tick() {
      checked++;
      if (checked === total || now() - last >= interval) show();
    },
    done() {
      if (width > 0) write('\r' + ' '.repeat(width) + '\r');
      width = 0;
    },
  };
}

/** A progress that shows nothing (not a terminal, few files, or `--quiet`). */
export const NO_PROGRESS: Progress = { tick() {}, done() {} };

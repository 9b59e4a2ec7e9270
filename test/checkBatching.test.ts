// Issue 16: Check All Articles tells the window its results in batches and its progress a few
// times a second, gives the editor turns between files, and shares files among checkers. The
// pacing is tested on a fake clock: time passes only when the test says so.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  Batcher,
  checkFoundFile,
  helperThreadsFor,
  runChecks,
  Throttle,
  TimeSlicer,
  type ChunkChecker,
  type Clock,
  type FileChecked,
  type FileToCheck,
} from '../src/host/index';
import type { ArticleService } from '../src/service/index';

/** A clock whose time moves only with `advance`, firing the timers that fall due, in order. */
class FakeClock implements Clock {
  time = 0;
  private timers: Array<{ at: number; callback: () => void; id: number }> = [];
  private nextId = 0;
  now(): number {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, callback, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }
  get waiting(): number {
    return this.timers.length;
  }
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((timer) => timer.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.time = due.at;
      due.callback();
    }
    this.time = end;
  }
}

describe('results go to the window in batches', () => {
  it('a batch waits at most the interval after its first item', () => {
    const clock = new FakeClock();
    const batches: number[][] = [];
    const batcher = new Batcher<number>((items) => batches.push(items), {
      intervalMs: 250,
      maxItems: 100,
      clock,
    });
    batcher.add(1);
    clock.advance(100);
    batcher.add(2);
    assert.deepEqual(batches, []);
    clock.advance(149);
    assert.deepEqual(batches, []);
    clock.advance(1);
    assert.deepEqual(batches, [[1, 2]]);
    // The next batch's interval starts with its own first item.
    clock.advance(1000);
    batcher.add(3);
    clock.advance(249);
    assert.deepEqual(batches, [[1, 2]]);
    clock.advance(1);
    assert.deepEqual(batches, [[1, 2], [3]]);
  });

  it('5 000 results in 2 s are a handful of messages, and a full batch goes at once', () => {
    const clock = new FakeClock();
    const batches: number[][] = [];
    const batcher = new Batcher<number>((items) => batches.push(items), {
      intervalMs: 250,
      maxItems: 1000,
      clock,
    });
    for (let item = 0; item < 5000; item++) {
      batcher.add(item);
      clock.advance(0.4);
    }
    batcher.flush();
    assert.equal(batches.flat().length, 5000);
    assert.deepEqual(
      batches.flat(),
      Array.from({ length: 5000 }, (_, item) => item),
      'in order, none lost',
    );
    assert.ok(batches.length <= 9, `${batches.length} batches`);
    const burst = new Batcher<number>((items) => batches.push(items), {
      intervalMs: 250,
      maxItems: 3,
      clock,
    });
    batches.length = 0;
    for (const item of [1, 2, 3, 4]) burst.add(item);
    assert.deepEqual(batches, [[1, 2, 3]]);
    assert.equal(burst.pending, 1);
  });

  it('flush sends what waits and cancels its timer; dispose drops it', () => {
    const clock = new FakeClock();
    const batches: number[][] = [];
    const batcher = new Batcher<number>((items) => batches.push(items), {
      intervalMs: 250,
      maxItems: 100,
      clock,
    });
    batcher.flush();
    assert.deepEqual(batches, [], 'nothing to send, nothing sent');
    batcher.add(1);
    batcher.flush();
    assert.deepEqual(batches, [[1]]);
    assert.equal(clock.waiting, 0);
    batcher.add(2);
    batcher.dispose();
    clock.advance(1000);
    assert.deepEqual(batches, [[1]]);
  });
});

describe('progress is shown a few times a second at most', () => {
  it('the first value at once, then the latest one per interval, and the last one on flush', () => {
    const clock = new FakeClock();
    const shown: Array<[number, number]> = [];
    const throttle = new Throttle<number>((value) => shown.push([clock.now(), value]), 250, clock);
    throttle.update(1);
    assert.deepEqual(shown, [[0, 1]]);
    for (let value = 2; value <= 10; value++) {
      clock.advance(50);
      throttle.update(value);
    }
    // 2 to 5 came within the first interval: 5 is shown at its end, 250 ms after 1.
    assert.deepEqual(shown, [
      [0, 1],
      [250, 5],
    ]);
    clock.advance(10);
    throttle.flush();
    assert.deepEqual(shown.at(-1), [460, 10]);
    assert.equal(clock.waiting, 0);
    throttle.flush();
    assert.equal(shown.length, 3, 'nothing new, nothing shown');
  });

  it('updates every millisecond for 10 s are shown at most 4 times a second', () => {
    const clock = new FakeClock();
    let shown = 0;
    const throttle = new Throttle<void>(() => shown++, 250, clock);
    for (let ms = 0; ms < 10_000; ms++) {
      throttle.update();
      clock.advance(1);
    }
    throttle.flush();
    assert.ok(shown <= 42 && shown >= 39, `${shown} reports`);
  });

  it('a quiet value after a long pause is shown at once', () => {
    const clock = new FakeClock();
    const shown: number[] = [];
    const throttle = new Throttle<number>((value) => shown.push(value), 250, clock);
    throttle.update(1);
    clock.advance(5000);
    throttle.update(2);
    assert.deepEqual(shown, [1, 2]);
    throttle.update(3);
    throttle.dispose();
    clock.advance(1000);
    assert.deepEqual(shown, [1, 2]);
  });
});

describe('the editor gets a turn between files', () => {
  it('once a slice of work is used up, not after every file', async () => {
    const clock = new FakeClock();
    let turns = 0;
    const slicer = new TimeSlicer(4, clock, async () => {
      turns++;
    });
    for (let file = 0; file < 100; file++) {
      clock.advance(1); // each file takes 1 ms
      await slicer.maybeYield();
    }
    assert.equal(turns, 25);
    clock.advance(10); // one large file
    await slicer.maybeYield();
    assert.equal(turns, 26);
  });

  it('a real turn lets a waiting event run first', async () => {
    const slicer = new TimeSlicer(0);
    const order: string[] = [];
    setImmediate(() => order.push('event'));
    await slicer.maybeYield();
    order.push('next file');
    assert.deepEqual(order, ['event', 'next file']);
  });
});

describe('helper threads', () => {
  it('one for a run large enough to be felt, more only with cores to spare and many files', () => {
    assert.equal(helperThreadsFor(10, 8), 0);
    assert.equal(helperThreadsFor(500, 2), 1);
    assert.equal(helperThreadsFor(5000, 2), 1, 'two cores: the window and the editor need one');
    assert.equal(helperThreadsFor(5000, 8), 2);
    assert.equal(helperThreadsFor(50_000, 8), 4);
    assert.equal(helperThreadsFor(50_000, 4), 2);
  });
});

describe('files are shared among checkers a chunk at a time', () => {
  const files = (n: number): FileToCheck[] =>
    Array.from({ length: n }, (_, index) => ({ index, uri: `file:///s/${index}.md` }));
  const checker = (seen: number[][], fail?: (call: number) => boolean): ChunkChecker => {
    let calls = 0;
    return {
      async check(chunk) {
        await new Promise((resolve) => setImmediate(resolve));
        if (fail?.(calls++)) throw new Error('thread died');
        seen.push(chunk.map((file) => file.index));
        return chunk.map((file): FileChecked => ({ index: file.index, outcome: 'clean', diagnostics: [] }));
      },
    };
  };

  it('every file once, first files first, the work spread over the checkers', async () => {
    const [a, b]: number[][][] = [[], []];
    const got: number[] = [];
    const left = await runChecks(files(100), [checker(a), checker(b)], {
      chunkSize: 8,
      inFlight: 2,
      onChecked: (results) => got.push(...results.map((result) => result.index)),
    });
    assert.deepEqual(left, []);
    assert.deepEqual(
      [...got].sort((x, y) => x - y),
      Array.from({ length: 100 }, (_, index) => index),
    );
    assert.ok(a.length >= 4 && b.length >= 4, `${a.length} and ${b.length} chunks`);
    assert.deepEqual(a[0], [0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('a checker that fails gives its chunk back; when all fail, the rest is returned', async () => {
    const [a, b]: number[][][] = [[], []];
    const failures: unknown[] = [];
    const got: number[] = [];
    const options = {
      chunkSize: 10,
      inFlight: 1,
      onChecked: (results: readonly FileChecked[]) => got.push(...results.map((result) => result.index)),
      onFailure: (error: unknown) => failures.push(error),
    };
    const left = await runChecks(files(50), [checker(a, (call) => call === 1), checker(b)], options);
    assert.deepEqual(left, []);
    assert.equal(failures.length, 1);
    assert.equal(got.length, 50);
    const none = await runChecks(files(30), [checker([], (call) => call >= 1)], options);
    assert.deepEqual(
      none.map((file) => file.index),
      Array.from({ length: 20 }, (_, index) => index + 10),
      'the files not checked, in order',
    );
  });

  it('with no checker at all (none could start), every file is handed back', async () => {
    const left = await runChecks(files(40), [], { chunkSize: 16, inFlight: 2, onChecked: () => {} });
    assert.deepEqual(
      left.map((file) => file.index),
      Array.from({ length: 40 }, (_, index) => index),
    );
  });

  it('a cancelled run takes no more chunks', async () => {
    const token = { isCancellationRequested: false };
    const seen: number[][] = [];
    const left = await runChecks(files(100), [checker(seen)], {
      chunkSize: 10,
      inFlight: 1,
      token,
      onChecked: () => {
        token.isCancellationRequested = seen.length >= 2;
      },
    });
    assert.equal(seen.length, 2);
    assert.deepEqual(left, []);
  });
});

describe('one file of the run', () => {
  /** The parts of a service a run's file uses, recording what it was asked. */
  const service = (ignored: string[] = []) => {
    const calls: string[] = [];
    const fake = {
      ignores: async (uri: string) => ignored.includes(uri),
      validate: async (document: { uri: string; getText(): string }) => {
        calls.push(`validate ${document.uri}`);
        return document.getText().includes('bad')
          ? [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } }, message: 'bad' }]
          : [];
      },
      forget: (uri: string) => calls.push(`forget ${uri}`),
    };
    return { calls, service: fake as unknown as ArticleService };
  };
  const texts: Record<string, string> = {
    'file:///s/clean.md': '---\ntitle: A\n---\n',
    'file:///s/bad.md': '\uFEFF--- \r\nbad: 1\n---\n',
    'file:///s/readme.md': '# Not an article\n',
    'file:///s/ignored.md': '---\nbad: 1\n---\n',
  };
  const read = async (uri: string) => {
    if (!(uri in texts)) throw new Error(`cannot read ${uri}`);
    return texts[uri];
  };

  it('checked and then forgotten: nothing of it is kept', async () => {
    const { calls, service: fake } = service();
    assert.deepEqual(await checkFoundFile('file:///s/clean.md', fake, read), {
      outcome: 'clean',
      diagnostics: [],
    });
    const bad = await checkFoundFile('file:///s/bad.md', fake, read);
    assert.equal(bad.outcome, 'problems');
    assert.equal(bad.diagnostics.length, 1);
    assert.deepEqual(calls, [
      'validate file:///s/clean.md',
      'forget file:///s/clean.md',
      'validate file:///s/bad.md',
      'forget file:///s/bad.md',
    ]);
  });

  it('a file without front matter the service says nothing of, or one the team configuration ignores, is not an article', async () => {
    const { calls, service: fake } = service(['file:///s/ignored.md']);
    for (const uri of ['file:///s/readme.md', 'file:///s/ignored.md'])
      assert.deepEqual(await checkFoundFile(uri, fake, read), { outcome: 'not-an-article', diagnostics: [] });
    // Checked all the same (a blank line before `---`, a collection's file without any), then forgotten.
    assert.deepEqual(calls, ['validate file:///s/readme.md', 'forget file:///s/readme.md']);
  });

  it('a file that cannot be read is an error for the caller to log', async () => {
    await assert.rejects(checkFoundFile('file:///s/gone.md', service().service, read), /cannot read/);
  });
});

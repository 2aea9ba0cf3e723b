import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { schedulerOf } from '../../engine/core/engine.ts';
import { createSignal, join, race, receive, sleep, spawn, wait, type Engine, type Thread } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/**
 * The weak references whose targets survive collection. A WeakRef keeps its target alive until the current job
 * ends, so each collection runs a turn later. V8 may hold a closure (with the scope it closes over) while it
 * optimises it on a helper thread, so it collects for up to ten turns: a leak survives them all, a compile does not.
 */
async function survivors(refs: readonly WeakRef<object>[]): Promise<string[]> {
  let alive = refs;
  for (let turn = 0; turn < 10 && alive.length > 0; turn++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
    alive = alive.filter((ref) => ref.deref() !== undefined);
  }
  return alive.map((ref) => String(ref.deref()));
}

/** Spawns n threads of every kind of wait and ending, and returns weak references to their handles. */
function spawnEveryKind(engine: Engine, n: number): WeakRef<object>[] {
  const refs: WeakRef<object>[] = [];
  const door = createSignal<number>('door');
  const keep = (t: object): void => void refs.push(new WeakRef(t));
  for (let i = 0; i < n; i++) {
    keep(engine.spawn(function* signalWaiter() {
      yield* wait(door); // cancelled while waiting on a signal
    }));
    const target = engine.spawn(function* longSleeper() {
      yield* sleep(1000);
    });
    keep(target);
    keep(engine.spawn(function* joiner() {
      yield* join(target); // cancelled while joining
    }));
    keep(engine.spawn(function* mailbox() {
      yield* receive(); // cancelled while waiting on its mailbox, with mail queued below
    }));
    keep(engine.spawn(function* failer() {
      yield* sleep(0.1);
      throw new Error('expected');
    }));
    keep(engine.spawn(function* parent() {
      yield* spawn(function* child() {
        yield* wait(function never() {
          return false;
        });
      });
      yield* race({ a: sleep(5), b: wait(door) });
    }));
    keep(engine.spawn(function* finisher() {
      yield* sleep(0.2);
      return i;
    }));
  }
  return refs;
}

/** Sends unread mail to the mailbox threads, then cancels every live thread. A function of its own, so no loop
 * variable stays in the async test's frame and keeps a thread alive across the await. */
function mailAndCancelAll(engine: Engine): void {
  for (const thread of [...engine.threads()]) {
    if (thread.name === 'mailbox') (thread as Thread<unknown, string>).send('unread'); // threads() does not know mail types
  }
  for (const thread of [...engine.threads()]) thread.cancel();
}

describe('nothing leaks', () => {
  it.each([
    ['callSites off', 'off', false],
    ['callSites frames', 'frames', false],
    ['callSites waits', 'waits', false],
    ['accounting timing every resume alone', 'off', true],
  ] as const)('holds no thread once every thread has ended, whether done, failed or cancelled mid-wait (%s)', async (_, callSites, accounting) => {
    const { engine, steps, takeErrors } = createTestEngine({ callSites });
    engine.accounting.enabled = accounting;
    engine.accounting.sampleEvery = 1;
    const refs = spawnEveryKind(engine, 500);
    steps(30);
    mailAndCancelAll(engine);
    steps(2);
    expect(engine.threadCount).toBe(0);
    expect(schedulerOf(engine).timers.size).toBe(0);
    // Mapped to strings, so no reported thread stays reachable from the assertion.
    expect(takeErrors().map((e) => `${e.thread.name}: ${(e.error as Error).message}`)).toEqual(Array(500).fill('failer: expected'));
    expect(await survivors(refs)).toEqual([]);
  });

  it('keeps no op or op result alive between ticks', async () => {
    const { engine, steps } = createTestEngine();
    let child: WeakRef<object> | null = null;
    engine.spawn(function* lastOpIsSpawn() {
      child = new WeakRef(yield* spawn(function* quick() {}));
    });
    steps(3);
    expect(engine.threadCount).toBe(0);
    expect(await survivors([child!])).toEqual([]);
  });
});

describe('an engine dropped', () => {
  it('gives the heap back once every thread has ended and the engine is dropped', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', 'test/fixtures/engine-heap.ts'],
      { cwd: process.cwd(), timeout: 60_000 },
    );
    const { before, after } = JSON.parse(stdout) as { before: number; after: number };
    expect(after / before).toBeLessThan(1.05);
  });
});

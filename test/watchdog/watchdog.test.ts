import { spawn as spawnProcess } from 'node:child_process';
import { join as joinPath } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HangWatcher, LoomError, Watchdog, join, script, spawn, type WatchdogShared, type WatchdogWorker } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';

// The watchdog in one process: the watcher, which would run in a worker, is polled by hand from inside a script's
// resume with a clock the test sets, so what a stuck main thread would look like to the worker is exact.

const LIMIT = 2000;

/** A watchdog whose worker is the test: it keeps what the engine posts, and a watcher reading the latest of it. */
function watched() {
  const posted: WatchdogShared[] = [];
  const worker: WatchdogWorker & { terminated: boolean } = {
    terminated: false,
    postMessage: (message) => posted.push(message),
    terminate() {
      this.terminated = true;
    },
  };
  const lines: string[] = [];
  let now = 0;
  const watcher = new HangWatcher((line) => lines.push(line), () => now);
  const test = createTestEngine({ watchdog: new Watchdog(worker, { limitMs: LIMIT }) });
  return {
    ...test,
    posted,
    lines,
    /** What the worker would see at `ms` on its clock, having received every message posted so far. */
    pollAt(ms: number): void {
      now = ms;
      watcher.receive(posted.at(-1)!);
      watcher.poll();
    },
  };
}

describe('watchdog', () => {
  it('names a resume that runs past the limit once, with the thread, its script and its top frame', () => {
    const { engine, steps, lines, pollAt } = watched();
    const walkTo = script(function* walkTo() {
      yield;
      for (const ms of [0, 1999, 2000, 5000]) pollAt(ms); // one resume, stuck for 5 s
      yield;
    });
    engine.spawn({ name: 'boss' }, function* bossScript() {
      yield* walkTo();
    });
    steps(3);
    expect(lines).toEqual(['[loom] #1 boss (script bossScript, in walkTo) has run 2.0 s without yielding']);
  });

  it('reports nothing for resumes that each yield within the limit, nor for the time between ticks', () => {
    const { engine, steps, lines, pollAt } = watched();
    engine.spawn(function* grunt() {
      pollAt(0);
      pollAt(1999);
      yield;
      pollAt(3000);
      pollAt(4999);
    });
    steps(2);
    pollAt(10_000);
    pollAt(20_000);
    expect(lines).toEqual([]);
  });

  it('names a new thread in a reused slot afresh, and a thread one frame deep by its script alone', () => {
    const { engine, steps, lines, pollAt } = watched();
    const first = engine.spawn(function* first() {
      yield* script(function* deeper() {
        yield;
      })();
    });
    const slot = first.slot;
    steps(2);
    const second = engine.spawn(function* second() {
      pollAt(0);
      pollAt(LIMIT);
    });
    expect(second.slot).toBe(slot); // the test means something only if the slot was reused
    steps(1);
    expect(lines).toEqual([`[loom] #2 second (script second) has run 2.0 s without yielding`]);
  });

  it('tells apart two resumes in one tick of threads that had the same slot', () => {
    const { engine, steps, lines, pollAt } = watched();
    const slot = engine.spawn(function* first() {
      pollAt(0); // then it ends, freeing its slot
    }).slot;
    let reusedSlot = -1;
    engine.spawn(function* spawner() {
      const reuser = yield* spawn(function* reuser() {
        for (const ms of [1500, 2000, 4000]) pollAt(ms);
      });
      reusedSlot = reuser.slot;
      yield* join(reuser);
    });
    steps(1);
    expect(reusedSlot).toBe(slot); // the test means something only if the slot was reused
    expect(lines).toEqual(['[loom] #3 reuser (script reuser) has run 2.5 s without yielding']);
  });

  it('names a thread afresh in the slot a shrink of the thread columns moved it to', () => {
    const { engine, steps, lines, pollAt } = watched();
    for (let i = 0; i < 3000; i++) {
      engine.spawn(function* brief() {
        yield; // named in slots 0 to 2999, then ends in tick 2
      });
    }
    const mover = engine.spawn({ name: 'mover' }, function* mover() {
      while (engine.tick < 63) yield;
      pollAt(0);
      pollAt(LIMIT);
    });
    steps(62); // the columns shrank before tick 62, a second after the crowd ended
    expect(mover.slot).toBe(0); // the test means something only if the thread moved into a slot named before
    steps(1);
    expect(lines).toEqual(['[loom] #3001 mover (script mover) has run 2.0 s without yielding']);
  });

  it('grows its tables into new buffers, posts them, and names a thread whose record is in the grown part', () => {
    const { engine, steps, lines, pollAt, posted } = watched();
    const idle = function* idle() {
      for (;;) yield;
    };
    for (let i = 0; i < 3000; i++) engine.spawn({ name: `idler with a long name ${i}` }, idle);
    const last = engine.spawn({ name: 'last' }, function* stuck() {
      pollAt(0);
      pollAt(LIMIT);
    });
    steps(1);
    expect([posted.length > 2, lines]).toEqual([true, [`[loom] #${last.id} last (script stuck) has run 2.0 s without yielding`]]);
  });

  it('also watches while accounting times each resume, and is idle once the resume is over', () => {
    const { engine, steps, lines, pollAt } = watched();
    engine.accounting.enabled = true;
    engine.spawn(function* first() {
      pollAt(0);
    });
    steps(1);
    pollAt(10_000);
    engine.spawn(function* second() {
      pollAt(20_000);
      pollAt(20_000 + LIMIT);
    });
    steps(1);
    expect(lines).toEqual(['[loom] #2 second (script second) has run 2.0 s without yielding']);
  });

  it('refuses to watch a second engine, as slots are per engine', () => {
    const { engine, steps } = watched();
    engine.spawn(function* first() {});
    steps(1);
    expect(() => createTestEngine({ watchdog: engine.watchdog! })).toThrow(/a watchdog watches one engine/);
    const other = createTestEngine().engine;
    expect(() => (other.watchdog = engine.watchdog)).toThrow(/a watchdog watches one engine/);
    expect(other.watchdog).toBe(null);
  });

  it('refuses a limit that is not a finite number of ms above 0', () => {
    const worker = { postMessage() {}, terminate() {} };
    for (const limitMs of [0, -1, NaN, Infinity]) expect(() => new Watchdog(worker, { limitMs })).toThrow(LoomError);
  });
});

// The real thing: a child process under nodeWatchdog whose script spins forever (see test/support/endless-script.ts).
describe('watchdog in a child process', () => {
  const REPORT = /^\[loom\] #1101 grunt \(script grunt, in walkTo\) has run (\d+\.\d) s without yielding$/m;

  it('names an endless script on stderr once the limit has passed, and leaves the process running', async () => {
    const child = await runChild(['hang', '300'], REPORT);
    expect(child.stderr).toMatch(REPORT);
    expect(Number(REPORT.exec(child.stderr)![1])).toBeGreaterThanOrEqual(0.3);
    expect(child.killedByTest).toBe(true);
  });

  it('with exit, ends the process after naming the script', async () => {
    const child = await runChild(['hang', '300', 'exit']);
    expect(child.stderr).toMatch(REPORT);
    expect([child.code, child.signal]).toEqual([null, 'SIGKILL']);
  });

  it('with exit, leaves alone a process whose scripts yield, which ends on its own', async () => {
    const child = await runChild(['yield', '300', 'exit']);
    expect([child.code, child.stderr, child.stdout]).toEqual([0, '', 'ran 200 ticks\n']);
  });
});

interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Whether the test killed it, having seen `until` on its stderr. */
  killedByTest: boolean;
}

/** Runs the fixture with `args` until it ends, or until its stderr matches `until`, then kills it. */
function runChild(args: string[], until?: RegExp): Promise<ChildResult> {
  const root = joinPath(import.meta.dirname, '../..');
  const child = spawnProcess(process.execPath, ['--import', 'tsx', 'test/support/endless-script.ts', ...args], { cwd: root });
  const result: ChildResult = { code: null, signal: null, stdout: '', stderr: '', killedByTest: false };
  child.stdout.on('data', (chunk: Buffer) => (result.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    result.stderr += chunk.toString();
    if (until?.test(result.stderr) && !result.killedByTest) {
      result.killedByTest = true;
      child.kill('SIGKILL');
    }
  });
  // The upper bound: a child still running by then has failed the test, and is not left behind.
  const bound = setTimeout(() => child.kill('SIGKILL'), 15_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', () => clearTimeout(bound));
    child.on('close', (code, signal) => resolve({ ...result, code, signal }));
  });
}

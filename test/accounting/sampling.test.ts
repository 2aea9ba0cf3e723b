import { describe, expect, it, vi } from 'vitest';
import type { Engine, Thread } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';
import { fakeClock } from './fake-clock.ts';

describe('accounting: sampled, and honest about whose time it is', () => {
  /** A fake clock that counts its reads. */
  function countingClock(engine: Engine): { spend(ms: number): void; reads: number } {
    const clock = { now: 0, reads: 0, spend: (ms: number) => void (clock.now += ms) };
    engine.accounting.now = () => {
      clock.reads++;
      return clock.now;
    };
    return clock;
  }

  /** Spawns `count` threads named `name`, the `i`th spending `ms(i)` of `clock` at each of its resumes; returns them. */
  function spenders(engine: Engine, clock: { spend(ms: number): void }, count: number, ms: (i: number) => number, name = 'light'): Thread[] {
    return Array.from({ length: count }, (_, i) =>
      engine.spawn({ name }, function* spend() {
        for (;;) {
          clock.spend(ms(i));
          yield;
        }
      }),
    );
  }

  it('reads the clock once per run of light resumes, and times a heavy thread alone, exactly', () => {
    const { engine, steps } = createTestEngine();
    const clock = countingClock(engine);
    engine.accounting.enabled = true;
    engine.accounting.sampleEvery = 0; // no samples of light threads: see the next test
    engine.accounting.runMs = 0.02; // over 1/1024 ms a resume: runs of 20
    const light = spenders(engine, clock, 1000, () => 1 / 1024); // about 1 µs, exact in binary
    const heavy = spenders(engine, clock, 1, () => 0.5, 'heavy')[0]!;
    steps(10);
    const before = clock.reads;
    steps(1);
    const { runLength, tickResumes, tickMs, timed } = engine.accounting;
    // Runs of 20: about 1001 / 20 clock reads, plus the heavy thread's own.
    expect(runLength).toBe(20);
    expect(clock.reads - before).toBeLessThanOrEqual(Math.ceil(1000 / 20) + 4);
    expect([tickResumes, tickMs]).toEqual([1001, 1000 / 1024 + 0.5]);
    expect(timed).toEqual([heavy]);
    expect([engine.accounting.threadMs(heavy), engine.accounting.threadMs(light[0]!)]).toEqual([0.5, 0]);
    expect(engine.accounting.resumesOf(light[0]!)).toBe(11); // counts stay exact
  });

  it('narrows a heavy run down to its heavy thread: split into runs of 16, then each of the heavy run alone', () => {
    const { engine, steps } = createTestEngine();
    const clock = countingClock(engine);
    engine.accounting.enabled = true;
    engine.accounting.sampleEvery = 0;
    engine.accounting.runMs = 0.02;
    const threads = spenders(engine, clock, 1000, (i) => (i === 500 && engine.tick >= 10 ? 0.5 : 1 / 1024)); // #501 turns heavy at tick 10
    steps(9);
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      const reads = clock.reads;
      steps(1);
      const { timed, unattributedMs } = engine.accounting;
      seen.push(`${engine.tick}: ${timed.map((t) => t.id).join(' ')} | ${unattributedMs} | ${clock.reads - reads} reads`);
    }
    // Runs of 20 (see above), one clock read each, and one to start the tick: #501 is in the run of #501 to #520,
    // then in the split run of #501 to #516.
    expect(seen).toEqual([
      `10:  | ${0.5 + 19 / 1024} | 51 reads`,
      `11:  | ${0.5 + 15 / 1024} | 52 reads`, // two split runs where there was one run
      `12: ${Array.from({ length: 16 }, (_, i) => 501 + i).join(' ')} | 0 | 67 reads`,
      '13: 501 | 0 | 52 reads', // the others are light again, back in runs
    ]);
    expect(engine.accounting.threadMs(threads[500]!)).toBe(0.5);
  });

  /**
   * 1,000 threads (#1 to #1000), the `i`th spending `ms(i)` a resume, with accounting on, one resume in 100
   * sampled and runs of 20.
   */
  function sampledLightThreads(engine: Engine, ms: (i: number) => number): void {
    const clock = countingClock(engine);
    engine.accounting.enabled = true;
    engine.accounting.sampleEvery = 100;
    engine.accounting.runMs = 0.02; // runs of 20
    spenders(engine, clock, 1000, ms);
  }

  it('samples light threads: one resume in sampleEvery timed alone and charged, unless it looks heavy', () => {
    const { engine, steps } = createTestEngine();
    // Pauses land in #451 at ticks 3 and 4, and in #458 at tick 5.
    const pauses = new Map([[3, 450], [4, 450], [5, 457]]);
    sampledLightThreads(engine, (i) => (pauses.get(engine.tick) === i ? 5 : 1 / 1024));
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) {
      steps(1);
      const { timed, unattributedMs } = engine.accounting;
      seen.push(`${timed.map((t) => `${t.id}:${engine.accounting.threadMs(t) * 1024}`).join(' ')} | ${unattributedMs}`);
    }
    const every100 = '100:1 200:1 300:1 400:1 500:1 600:1 700:1 800:1 900:1 1000:1';
    const alone = (from: number, to: number): string => Array.from({ length: to - from + 1 }, (_, i) => `${from + i}:1`).join(' ');
    expect(seen).toEqual([
      `1:1 ${every100} | 0`, // the first resume ever is a run of its own
      `${every100} | 0`,
      // #451 was in the run of #441 to #460: that run is charged to no thread, and split at its threads' next resumes.
      `${every100} | ${5 + 19 / 1024}`,
      // Split into #441 to #456 (heavy again: charged to no thread) and #457 to #460 (light: back into runs). Samples
      // skip the split runs.
      `100:1 200:1 300:1 400:1 520:1 620:1 720:1 820:1 920:1 | ${5 + 15 / 1024}`,
      // #441 to #456 are timed alone, each charged; the pause in #458 lands in the run of #457 to #476.
      `20:1 120:1 220:1 320:1 420:1 ${alone(441, 456)} 536:1 636:1 736:1 836:1 936:1 | ${5 + 19 / 1024}`,
      // #441 to #456, light when timed alone, are back in runs; #457 to #476 are split, and light.
      '36:1 136:1 236:1 336:1 436:1 556:1 656:1 756:1 856:1 956:1 | 0',
    ]);
  });

  it('charges a sampled resume that looks heavy to nobody, and times the thread alone at its next resume', () => {
    const { engine, steps } = createTestEngine();
    sampledLightThreads(engine, (i) => (engine.tick === 3 && i === 99 ? 1 : 1 / 1024)); // a pause in #100's resume, sampled at tick 3
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      steps(1);
      const { timed, unattributedMs } = engine.accounting;
      seen.push(`${timed.filter((t) => t.id === 100).map((t) => `${t.id}:${engine.accounting.threadMs(t) * 1024}`).join(' ')} | ${unattributedMs}`);
    }
    expect(seen).toEqual(['100:1 | 0', '100:1 | 0', ' | 1', '100:1 | 0']);
  });

  it('charges a pause landing in a light thread\'s resume to nobody, and never reports it', () => {
    const { engine, steps } = createTestEngine();
    const clock = countingClock(engine);
    engine.accounting.enabled = true;
    const slow: string[] = [];
    engine.accounting.onSlowResume = (thread, ms) => slow.push(`${engine.tick} ${thread.name} ${ms}`);
    // Pauses of 6 ms (a GC, say) land in the movers' resumes, one mover after the other, some of them twice.
    const pauses = new Map([[3, 0], [4, 1], [5, 2], [6, 2], [8, 5], [9, 6], [30, 7]]);
    const movers = Array.from({ length: 8 }, (_, i) =>
      engine.spawn({ name: `mover${i}` }, function* mover() {
        const at = { x: 0 };
        for (;;) {
          at.x += 1;
          if (pauses.get(engine.tick) === i) clock.spend(6);
          yield;
        }
      }),
    );
    const busy = engine.spawn(function* busy() {
      for (;;) {
        clock.spend(10);
        yield;
      }
    });
    let topWasBusy = true;
    for (let i = 0; i < 40; i++) {
      steps(1);
      const top = [...movers, busy].sort((a, b) => engine.accounting.threadAverageMs(b) - engine.accounting.threadAverageMs(a));
      if (engine.tick >= 3) topWasBusy &&= top[0] === busy && engine.accounting.threadAverageMs(top[1]!) === 0;
    }
    // Busy ran in a run at tick 1 (which showed it heavy), was timed alone from tick 2, confirmed at 3: every resume
    // since is reported.
    expect(slow).toEqual(['3 busy 10', ...Array.from({ length: 38 }, (_, i) => `${i + 3} busy 10`)]);
    expect(topWasBusy).toBe(true);
    expect(movers.map((m) => engine.accounting.threadAverageMs(m))).toEqual(movers.map(() => 0));
  });

  it('prints an error thrown by onTick or onSlowResume and goes on: step() never throws it', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    const clock = fakeClock(engine);
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
    engine.accounting.enabled = true;
    engine.accounting.onTick = () => {
      throw new Error('tick hook broke');
    };
    engine.accounting.onSlowResume = () => {
      throw new Error('slow hook broke');
    };
    const order: string[] = [];
    for (const name of ['a', 'b']) {
      engine.spawn(function* slow() {
        for (;;) {
          order.push(`${name}${engine.tick}`);
          clock.spend(10);
          yield;
        }
      });
    }
    expect(() => steps(2)).not.toThrow();
    expect(order).toEqual(['a1', 'b1', 'a2', 'b2']);
    expect(printed.mock.calls.map((call) => `${call[0]} ${(call[1] as Error).message}`)).toEqual([
      '[loom] accounting.onTick threw: tick hook broke',
      '[loom] accounting.onSlowResume threw: slow hook broke',
      '[loom] accounting.onSlowResume threw: slow hook broke',
      '[loom] accounting.onSlowResume threw: slow hook broke',
      '[loom] accounting.onSlowResume threw: slow hook broke',
      '[loom] accounting.onTick threw: tick hook broke',
    ]);
    expect(takeErrors()).toEqual([]);
    printed.mockRestore();
  });

  it('times a heavy thread alone at each resume even when a sample falls due on it: a sample is a light thread\'s', () => {
    const { engine, steps } = createTestEngine();
    const clock = countingClock(engine);
    engine.accounting.enabled = true;
    engine.accounting.sampleEvery = 2; // due at the heavy thread's turn in every tick from the second on
    const heavy = spenders(engine, clock, 1, () => 0.5, 'heavy')[0]!;
    spenders(engine, clock, 3, () => 1 / 1024);
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      steps(1);
      seen.push(`${engine.accounting.threadMs(heavy)} | ${engine.accounting.unattributedMs}`);
    }
    expect(seen).toEqual(['0.5 | 0', '0.5 | 0', '0.5 | 0', '0.5 | 0']);
  });

  it('calls a run of exactly timeAloneMs heavy, and keeps a thread alone while its resumes take half that or more', () => {
    const { engine, steps } = createTestEngine();
    const clock = countingClock(engine);
    engine.accounting.enabled = true;
    engine.accounting.sampleEvery = 0;
    engine.accounting.timeAloneMs = 0.5;
    engine.accounting.runMs = 10; // both threads in one run once the first tick has set the run length
    const costs: Record<string, number[]> = { x: [1, 1, 3, 2, 1, 1], y: [1, 1, 1, 1, 1, 1] }; // eighths of a ms, by tick
    for (const name of ['x', 'y']) spenders(engine, clock, 1, () => costs[name]![engine.tick - 1]! / 8, name);
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) {
      steps(1);
      const { timed, unattributedMs } = engine.accounting;
      seen.push(`${engine.tick}: ${timed.map((t) => `${t.name}:${engine.accounting.threadMs(t)}`).join(' ')} | ${unattributedMs}`);
    }
    expect(seen.slice(2)).toEqual([
      '3:  | 0.5', // x and y in one run of 0.5 ms: heavy, so each is timed alone from its next resume
      '4: x:0.25 y:0.125 | 0', // x took half of timeAloneMs: still alone; y less: back into runs
      '5: x:0.125 | 0',
      '6:  | 0',
    ]);
  });

  it('sets the run length from the light resumes\' cost, moving a quarter of the way a run, and to an eighth of the budget at most', () => {
    const { engine, steps } = createTestEngine();
    const clock = countingClock(engine);
    engine.accounting.enabled = true;
    engine.accounting.sampleEvery = 0;
    engine.accounting.runMs = 0.02; // runs of 20 at 1/1024 ms a resume
    const seen: number[] = [];
    spenders(engine, clock, 60, (i) => {
      if (engine.tick === 10 && i % 20 === 0) seen.push(engine.accounting.runLength); // at each run's start
      return (engine.tick >= 10 ? 2 : 1) / 1024; // twice the cost from tick 10
    });
    steps(10);
    // 20, then 20.48 / 1.25 (the cost a quarter of the way from 1 to 2), then 20.48 / 1.4375.
    expect(seen).toEqual([20, 16, 14]);
    engine.accounting.budgetMs = 0.08; // an eighth of it is 0.01 ms: runs of 5 at 2/1024
    for (const thread of engine.threads().slice(20)) thread.cancel(); // 20 left: 0.04 ms a tick, within the budget
    steps(20);
    expect(engine.accounting.runLength).toBe(5);
  });

  it('takes a lower sampleEvery from the next tick: the countdown starts at most that far', () => {
    const { engine, steps } = createTestEngine();
    const clock = countingClock(engine);
    engine.accounting.enabled = true;
    engine.accounting.sampleEvery = 0;
    expect(engine.accounting.timed).toEqual([]);
    const threads = spenders(engine, clock, 10, () => 0);
    steps(3);
    engine.accounting.sampleEvery = 3;
    steps(1);
    expect(engine.accounting.timed.map((t) => threads.indexOf(t))).toEqual([2, 5, 8]);
  });

  it('names a script without a name "anonymous" when it warns of a slow resume', () => {
    const { engine, steps } = createTestEngine();
    const clock = countingClock(engine);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    engine.accounting.enabled = true;
    const [unnamed] = [
      function* () {
        for (;;) {
          clock.spend(10);
          yield;
        }
      },
    ];
    engine.spawn({ name: 'stutter' }, unnamed!);
    steps(2);
    expect(warn.mock.calls.map((c) => c[0])).toEqual(['[loom] slow resume: #1 stutter (script anonymous) ran 10.00 ms']);
    warn.mockRestore();
  });
});

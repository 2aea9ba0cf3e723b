import { describe, expect, it } from 'vitest';
import { Engine } from '../../engine/index.ts';
import { churnFloor, frameFloor, runOnceFloor, sleepersFloor, sleepersOpFloor } from '../../bench/floors.ts';
import { Body, WORKLOAD_NAMES, WORLD_SIZE, isWorkloadName, workloads, type WorkloadName } from '../../harness/workloads.ts';
import { createTestEngine } from '../helpers.ts';

const COUNT = 40;

/** Runs `ticks` ticks of a workload and returns what a test looks at. */
function run(name: WorkloadName, seed: number, ticks: number) {
  const { engine, takeErrors, steps } = createTestEngine({ seed });
  const positions = new Float32Array(2 * COUNT).fill(Number.NaN);
  const tally = workloads[name].spawn(engine, COUNT, positions);
  steps(ticks);
  return { engine, errors: takeErrors(), positions, tally, resumes: engine.resumes };
}

describe('workloads', () => {
  it('lists every workload by name', () => {
    expect(WORKLOAD_NAMES).toEqual(['frame', 'sleepers', 'mixed', 'churn']);
    expect(WORKLOAD_NAMES.every(isWorkloadName)).toBe(true);
    expect(isWorkloadName('toString')).toBe(false);
    for (const name of WORKLOAD_NAMES) expect(workloads[name].name).toBe(name);
  });

  // Sleepers sleep up to 10 s: 700 ticks lets every one of them wake at least once.
  describe.each(WORKLOAD_NAMES)('%s', (name) => {
    it('keeps its threads alive, without errors, and every thread writes its position', () => {
      const { engine, errors, positions } = run(name, 1, 700);
      expect(errors).toEqual([]);
      // mixed adds its drummer and the short-lived children in flight
      if (name === 'mixed') expect(engine.threadCount).toBeGreaterThan(COUNT);
      else expect(engine.threadCount).toBe(COUNT);
      expect(positions.every((v) => v >= 0 && v < WORLD_SIZE)).toBe(true);
    });

    it('makes progress tick after tick', () => {
      const { engine } = run(name, 1, 60);
      const before = engine.resumes;
      for (let t = 0; t < 300; t++) engine.step(); // 5 s: some sleepers wake
      expect(engine.resumes).toBeGreaterThan(before);
    });

    it('repeats exactly with the same seed, and differs with another', () => {
      const a = run(name, 7, 400);
      const b = run(name, 7, 400);
      const c = run(name, 8, 400);
      expect(Array.from(b.positions)).toEqual(Array.from(a.positions));
      expect(b.resumes).toBe(a.resumes);
      expect(b.tally).toEqual(a.tally);
      expect(Array.from(c.positions)).not.toEqual(Array.from(a.positions));
    });
  });

  it('frame resumes every thread once a tick', () => {
    const { engine } = run('frame', 1, 1);
    expect(engine.resumes).toBe(COUNT);
    engine.step();
    expect(engine.resumes).toBe(2 * COUNT);
  });

  it('churn ends threads and starts their successors, keeping the count', () => {
    const { engine, tally } = run('churn', 1, 100);
    expect(tally.endedThreads).toBeGreaterThan(COUNT);
    expect(engine.threadCount).toBe(COUNT);
    expect(engine.resumes).toBeGreaterThan(COUNT * 100);
  });

  it('mixed joins short-lived children, so some have ended', () => {
    const { tally } = run('mixed', 1, 300);
    expect(tally.endedThreads).toBeGreaterThan(0);
  });
});

describe('floors', () => {
  const bodies = (n: number): Body[] => {
    const engine = new Engine({ seed: 3 });
    return Array.from({ length: n }, (_, i) => Body.random(engine, i, undefined));
  };

  it('frame floor resumes every generator once a tick and moves its body', () => {
    const all = bodies(5);
    const x0 = all.map((b) => b.x);
    const floor = frameFloor(all);
    expect(floor.tick()).toBe(5);
    expect(all.map((b) => b.x)).not.toEqual(x0);
  });

  it('sleepers floor wakes every generator within the longest sleep, once per sleep', () => {
    const all = bodies(50);
    const floor = sleepersFloor(all, new Engine({ seed: 3 }).random);
    let woken = 0;
    for (let t = 0; t < 600; t++) woken += floor.tick();
    expect(woken).toBeGreaterThanOrEqual(50);
    expect(woken).toBeLessThanOrEqual(50 * 100); // no sleep is shorter than 6 ticks
  });

  it('sleepers floor with ops wakes its generators on the same ticks as the plain one', () => {
    const plain = sleepersFloor(bodies(50), new Engine({ seed: 3 }).random);
    const withOps = sleepersOpFloor(bodies(50), new Engine({ seed: 3 }).random);
    const wakes = (floor: typeof plain): number[] => Array.from({ length: 600 }, () => floor.tick());
    const woken = wakes(plain);
    expect(wakes(withOps)).toEqual(woken);
    expect(woken.reduce((a, b) => a + b)).toBeGreaterThanOrEqual(50);
  });

  it('churn floor refills a slot as soon as its generator ends', () => {
    const floor = churnFloor(bodies(10), new Engine({ seed: 3 }).random);
    let resumes = 0;
    for (let t = 0; t < 100; t++) resumes += floor.tick();
    expect(resumes).toBeGreaterThan(10 * 100);
  });

  it('spawn floor runs each generator to completion', () => {
    expect(runOnceFloor(bodies(7))).toBe(7);
  });
});

import { describe, expect, it } from 'vitest';
import { Random, createSignal, join, receive, sleep, spawn, useEngine, wait } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';

/** A scenario with randomness in every kind of wait; returns the full trace of what happened when. */
function runScenario(seed: number): string[] {
  const { engine, steps } = createTestEngine({ seed });
  const trace: string[] = [];
  const alarm = createSignal<number>('alarm');
  const log = (what: string): void => void trace.push(`${engine.tick}:${what}`);
  function* wanderer(name: string) {
    const rng = useEngine().random;
    for (let i = 0; i < 5; i++) {
      yield* sleep(rng.range(0.05, 0.5));
      log(`${name} step ${i}`);
      if (rng.chance(0.3)) alarm.emit(rng.int(0, 100));
    }
    return name.length;
  }
  function* guard() {
    for (;;) log(`guard heard ${yield* wait(alarm)}`);
  }
  function* boss() {
    const kids = [];
    for (let i = 0; i < 4; i++) kids.push(yield* spawn({ name: `w${i}` }, wanderer, `w${i}`));
    for (const kid of kids) log(`joined ${kid.name}: ${yield* join(kid)}`);
    const reply = yield* receive<string>(0.2);
    log(`reply ${String(reply)}`);
  }
  engine.spawn(guard);
  const b = engine.spawn(boss);
  steps(20);
  if (engine.random.chance(0.5)) b.send('early');
  steps(200);
  return trace;
}

describe('determinism', () => {
  it('repeats a run exactly for the same seed and inputs', () => {
    const first = runScenario(7);
    expect(first.length).toBeGreaterThan(20);
    expect(runScenario(7)).toEqual(first);
    expect(runScenario(8)).not.toEqual(first);
  });

  it('gives the same sequence for the same seed and stays in range', () => {
    const a = new Random(42);
    const b = new Random(42);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(Array.from({ length: 1000 }, () => b.next())).toEqual(xs);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const ints = Array.from({ length: 1000 }, () => a.int(3, 6));
    expect(new Set(ints)).toEqual(new Set([3, 4, 5]));
    expect(a.pick(['only'])).toBe('only');
  });
});

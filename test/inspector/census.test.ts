import { describe, expect, it } from 'vitest';
import { countStates } from '../../engine/index.ts';
import { Census } from '../../inspector/census.ts';
import { populated } from './populated.ts';

describe('Census: state counts', () => {
  it('counts the threads per state like countStates, cancelling ones apart, over a sweep split into slices', () => {
    const engine = populated(10_000);
    const sleepers = engine.threads().filter((thread) => thread.name === 'sleeper').slice(0, 5);
    for (const thread of sleepers) thread.cancel();
    const census = new Census(engine);
    census.step(4000);
    census.step(4000);
    expect(census.latest).toBeNull();
    census.step(4000);
    expect(census.latest!.states).toEqual(countStates(engine));
    expect(census.latest!.total).toBe(10_000);
    expect(census.latest!.states.cancelling).toBe(5);
  });

  it('starts a new sweep at most every everyMs, finishing the one under way regardless', () => {
    const engine = populated(10_000);
    const census = new Census(engine, 250);
    const published: string[] = [];
    let last = census.latest;
    for (const nowMs of [0, 10, 20, 30, 100, 249, 250, 260, 270, 300]) {
      census.step(4000, nowMs);
      if (census.latest !== last) published.push(`${nowMs}`);
      last = census.latest;
    }
    // Sweeps of 3 slices: from 0 (published at 20), and from 250 (published at 270).
    expect(published).toEqual(['20', '270']);
  });
});

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../engine/index.ts';
import { sleepersFloor, type Floor } from '../../bench/floors.ts';
import { columnSleepers, recordSleepers, type MinimalEngine } from '../../bench/minimal-engines.ts';
import { Body } from '../../harness/workloads.ts';
import { REPO_ROOT } from '../support/browser.ts';

const bodies = (count: number): Body[] => Body.placed(1, count, new Float32Array(2 * count));
const ticks = (floor: Floor, count: number): number[] => Array.from({ length: count }, () => floor.tick());
const random = () => new Engine({ seed: 3 }).random;

describe.each([
  ['records', recordSleepers],
  ['columns', columnSleepers],
])('sleepers on the minimal engine of %s', (_, make) => {
  it('wakes its threads on the same ticks as the floor', () => {
    const woken = ticks(sleepersFloor(bodies(50), random()), 600);
    expect(ticks(make(bodies(50), random()), 600)).toEqual(woken);
    expect(woken.reduce((a, b) => a + b)).toBeGreaterThanOrEqual(50);
  });

  it('never wakes a thread cancelled while it waits', () => {
    const all = make(bodies(50), random());
    for (let slot = 0; slot < 50; slot++) all.cancel(slot);
    expect(ticks(all, 600).every((woken) => woken === 0)).toBe(true);
  });

  // Until the cancelled thread was due, the twins draw the same sleeps; at that tick one wakes one thread fewer.
  it('wakes one thread fewer, at its tick, for a thread cancelled while it waits', () => {
    const twin = make(bodies(50), random());
    const cancelled: MinimalEngine = make(bodies(50), random());
    cancelled.cancel(7);
    let tick = 0;
    let [a, b] = [twin.tick(), cancelled.tick()];
    for (; a === b && tick < 600; tick++) [a, b] = [twin.tick(), cancelled.tick()];
    expect(a - b).toBe(1);
  });
});

describe('bench/design-probe.ts', () => {
  const probe = (...args: string[]): string =>
    execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(REPO_ROOT, 'bench/design-probe.ts'), ...args], { cwd: REPO_ROOT, encoding: 'utf8', stdio: 'pipe' });

  it('prints a design and its floor, measured in its process, as one JSON line', () => {
    const result = JSON.parse(probe('columns', '2000', '1', '1')) as Record<string, number>;
    expect(Object.keys(result).sort()).toEqual(['engine', 'floor', 'ratio', 'ticks']);
    expect(result.engine! > 0 && result.floor! > 0 && result.ratio! > 0 && result.ticks! >= 120).toBe(true);
  }, 30_000);

  it('refuses a design it does not know, naming the ones it does', () => {
    expect(() => probe('queued', '2000', '1', '1')).toThrow(/\(designs: op floor, columns, records, loom\)/);
  }, 30_000);
});

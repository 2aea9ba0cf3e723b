import { describe, expect, it } from 'vitest';
import { parseConfig, recordedConfig } from '../../game/config.ts';

describe('parseConfig', () => {
  it('reads the seed, the swarm size, the first wave and the watchdog limit from the URL', () => {
    expect(parseConfig('?seed=7&swarm=5000&wave=3&watchdog=1.5&rerun', 99)).toEqual({ seed: 7, swarm: 5000, wave: 3, watchdog: 1.5, rerun: true });
  });

  it('falls back to defaults, with the fallback seed, for missing or malformed values', () => {
    expect(parseConfig('', 99)).toEqual({ seed: 99, swarm: 500, wave: 1, watchdog: null, rerun: false });
    expect(parseConfig('?seed=abc&swarm=1.5&wave=&watchdog=-1', 42)).toEqual({ seed: 42, swarm: 500, wave: 1, watchdog: null, rerun: false });
  });

  it('keeps values in range', () => {
    expect(parseConfig('?swarm=-4&wave=0&seed=-1', 1)).toEqual({ seed: 0, swarm: 0, wave: 1, watchdog: null, rerun: false });
    expect(parseConfig('?swarm=99999999', 1).swarm).toBe(100_000);
  });
});

describe('recordedConfig', () => {
  const header = { seed: 7, tickRate: 60, checkpointEvery: 60, traceEvery: 300, inputSize: 3 };

  it('takes the seed, swarm and first wave from a recording, and the watchdog from the page', () => {
    expect(recordedConfig({ ...header, meta: { swarm: 60, wave: 3 } }, { watchdog: 2, rerun: true })).toEqual({ seed: 7, swarm: 60, wave: 3, watchdog: 2, rerun: true });
  });

  it('keeps the recording\'s seed, swarm and wave when given the whole page config', () => {
    const page = { seed: 3, swarm: 10, wave: 5, watchdog: 2, rerun: true };
    expect(recordedConfig({ ...header, meta: { swarm: 60, wave: 3 } }, page)).toEqual({ seed: 7, swarm: 60, wave: 3, watchdog: 2, rerun: true });
  });

  it('falls back to the defaults for a recording without them', () => {
    expect(recordedConfig({ ...header, meta: {} }, { watchdog: null, rerun: false })).toEqual({ seed: 7, swarm: 500, wave: 1, watchdog: null, rerun: false });
  });
});

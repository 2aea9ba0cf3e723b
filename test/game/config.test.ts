import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../game/config.ts';

describe('parseConfig', () => {
  it('reads the seed, the swarm size and the first wave from the URL', () => {
    expect(parseConfig('?seed=7&swarm=5000&wave=3', 99)).toEqual({ seed: 7, swarm: 5000, wave: 3 });
  });

  it('falls back to defaults, with the fallback seed, for missing or malformed values', () => {
    expect(parseConfig('', 99)).toEqual({ seed: 99, swarm: 500, wave: 1 });
    expect(parseConfig('?seed=abc&swarm=1.5&wave=', 42)).toEqual({ seed: 42, swarm: 500, wave: 1 });
  });

  it('keeps values in range', () => {
    expect(parseConfig('?swarm=-4&wave=0&seed=-1', 1)).toEqual({ seed: 0, swarm: 0, wave: 1 });
    expect(parseConfig('?swarm=99999999', 1).swarm).toBe(100_000);
  });
});

import type { Kind, WaveRole } from './kind.ts';

/** Every BOSS_EVERY-th wave is a boss wave. */
export const BOSS_EVERY = 3;

/** One kind's share of a wave. */
export interface WaveGroup {
  kind: Kind;
  /** `kind.wave`. */
  role: WaveRole;
  count: number;
}

/** Whether `wave` (from 1) is a boss wave. */
export function isBossWave(wave: number): boolean {
  return wave % BOSS_EVERY === 0;
}

/** The boss's tier on a boss wave: 1 on wave 3, 2 on wave 6, ... */
export function bossTier(wave: number): number {
  return Math.floor(wave / BOSS_EVERY);
}

/**
 * The enemies of an ordinary wave: each kind with a wave role, in the order given, with how many of it come
 * (its role's `count`, none left out, even at 0).
 *
 * @example
 * ```ts
 * waveMix(world.kinds.all, 1, 500); // [{ kind: GRUNT, role: GRUNT.wave, count: 3 }, ...]
 * ```
 */
export function waveMix(kinds: readonly Kind[], wave: number, swarm: number): WaveGroup[] {
  return kinds.flatMap((kind) => (kind.wave ? [{ kind, role: kind.wave, count: kind.wave.count(wave, swarm) }] : []));
}

/** Every BOSS_EVERY-th wave is a boss wave. */
export const BOSS_EVERY = 3;

/** What a wave is made of. */
export interface WaveMix {
  grunts: number;
  scouts: number;
  hives: number;
  critters: number;
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
 * The enemies of an ordinary wave: more of everything as waves go by; the swarm grows to `swarm` critters
 * by wave 5.
 *
 * @example
 * ```ts
 * waveMix(1, 500); // { grunts: 3, scouts: 1, hives: 0, critters: 100 }
 * ```
 */
export function waveMix(wave: number, swarm: number): WaveMix {
  return {
    grunts: 2 + wave,
    scouts: 1 + Math.floor(wave / 4),
    hives: wave < 2 ? 0 : Math.floor((wave + 1) / 3),
    critters: Math.round(swarm * Math.min(1, 0.2 * wave)),
  };
}

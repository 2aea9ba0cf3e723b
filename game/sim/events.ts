import type { Point } from './geometry.ts';

/**
 * Something the view should show once: the simulation appends these, the view drains them each frame and plays
 * them from `time` (simulated seconds), so effects pause with the game.
 */
export type GameEvent =
  /** Particles flying out from a point: a death, a hit, a muzzle flash. */
  | { type: 'burst'; time: number; x: number; y: number; color: number; count: number; speed: number }
  /** A bullet glanced off armour. */
  | { type: 'ricochet'; time: number; x: number; y: number }
  /** Points scored at a point. */
  | { type: 'score'; time: number; x: number; y: number; points: number }
  /** The camera shakes by `amount` units. */
  | { type: 'shake'; time: number; amount: number }
  /** An expanding ring: a scout's radio ping (with the grunts it reached), a shockwave. */
  | { type: 'ring'; time: number; x: number; y: number; radius: number; color: number; to: readonly Point[] };

/** A game event without its time: the world stamps it. */
export type GameEventInput = GameEvent extends infer E ? (E extends GameEvent ? Omit<E, 'time'> : never) : never;

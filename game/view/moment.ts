import type { Engine } from 'loom-threads';

/**
 * The instant a frame shows. The view draws one tick behind the simulation, between the last two ticks:
 * positions are `lerp(previous, current, alpha)`, and effects are timed by `time`, the simulated second that
 * blend stands for, so everything freezes with the game when it pauses.
 */
export interface Moment {
  alpha: number;
  time: number;
}

/** What a moment is read from: an engine, or a client's clock of the server's ticks. */
export type TickClock = Pick<Engine, 'alpha' | 'tick' | 'dt'>;

/** The moment to draw now. */
export function momentOf(engine: TickClock): Moment {
  const alpha = engine.alpha;
  return { alpha, time: (engine.tick - 1 + alpha) * engine.dt };
}

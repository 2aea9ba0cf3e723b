/** Options of {@link FixedStep}. */
export interface FixedStepOptions {
  /** Ticks per simulated second. */
  tickRate: number;
  /** The most ticks one `advance` runs; the rest of a longer gap is dropped and counted. Default 4. */
  maxCatchUp?: number;
}

// A sum of float frame times can fall a hair short of a whole tick: this much is forgiven.
const TOLERANCE = 1e-6;

/**
 * Turns wall-clock time into whole ticks at a fixed rate: each `advance` adds the elapsed milliseconds, runs the
 * whole ticks now due and keeps the rest for the next call. After a stall it runs at most `maxCatchUp` ticks and
 * drops the others (counted in `dropped`), so a slow room falls behind real time instead of running a burst.
 * Colyseus's simulation interval is a plain `setInterval`: this is what makes it a fixed step.
 *
 * @example
 * ```ts
 * const step = new FixedStep({ tickRate: 60 });
 * room.setSimulationInterval((elapsedMs) => step.advance(elapsedMs, () => session.tick()));
 * ```
 */
export class FixedStep {
  /** Milliseconds per tick. */
  readonly stepMs: number;
  readonly maxCatchUp: number;
  /** Ticks run so far. */
  ticks = 0;
  /** Ticks that were due but dropped by the catch-up cap. */
  dropped = 0;
  // Milliseconds fed but not yet run as a whole tick.
  private carry = 0;

  constructor(options: FixedStepOptions) {
    if (!(options.tickRate > 0)) throw new RangeError(`FixedStep: tickRate must be > 0, got ${options.tickRate}`);
    const cap = options.maxCatchUp ?? 4;
    if (!Number.isInteger(cap) || cap < 1) throw new RangeError(`FixedStep: maxCatchUp must be a whole number ≥ 1, got ${cap}`);
    this.stepMs = 1000 / options.tickRate;
    this.maxCatchUp = cap;
  }

  /** Milliseconds fed that have not made a whole tick yet. */
  get pendingMs(): number {
    return this.carry;
  }

  /** Adds `elapsedMs` (negative counts as 0) and runs `tick` once per whole tick due, at most `maxCatchUp` times. */
  advance(elapsedMs: number, tick: () => void): number {
    this.carry += Math.max(0, elapsedMs);
    let due = Math.floor(this.carry / this.stepMs + TOLERANCE);
    if (due > this.maxCatchUp) {
      this.dropped += due - this.maxCatchUp;
      this.carry -= (due - this.maxCatchUp) * this.stepMs;
      due = this.maxCatchUp;
    }
    for (let i = 0; i < due; i++) {
      this.carry -= this.stepMs;
      this.ticks++;
      tick();
    }
    if (this.carry < 0) this.carry = 0;
    return due;
  }
}

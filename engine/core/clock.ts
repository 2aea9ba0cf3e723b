/**
 * The fixed-step clock behind `engine.advance`: real elapsed time, scaled and clamped, accumulates into whole
 * ticks; what is left over is the renderer's interpolation fraction.
 */
export class FixedStepClock {
  /** Seconds of simulated time per tick. */
  readonly dt: number;
  /** Simulated seconds per real second: 0.5 is slow motion. Applies to real time fed in, not to `step()`. */
  timeScale = 1;
  /** While paused, real time fed in is dropped: no ticks run, sleeping threads stay frozen. */
  paused = false;
  /** A real gap longer than this (a hidden tab, a breakpoint) counts as this long: no spiral of death. */
  maxFrameTime: number;
  private accumulator = 0;

  constructor(tickRate: number, maxFrameTime: number) {
    if (!(tickRate > 0) || !Number.isFinite(tickRate)) throw new RangeError(`tickRate must be > 0, got ${tickRate}`);
    this.dt = 1 / tickRate;
    this.maxFrameTime = maxFrameTime;
  }

  /** Feeds `realSeconds` of wall time; returns how many whole ticks are now due. */
  feed(realSeconds: number): number {
    if (this.paused || !(realSeconds > 0)) return 0;
    this.accumulator += Math.min(realSeconds, this.maxFrameTime) * this.timeScale;
    // The epsilon absorbs float error, so 1/60 s fed sixty times is exactly sixty ticks.
    const ticks = Math.floor(this.accumulator / this.dt + 1e-9);
    this.accumulator = Math.max(0, this.accumulator - ticks * this.dt);
    return ticks;
  }

  /** How far real time is past the last tick, in [0, 1): interpolate rendering between the last two ticks by it. */
  get alpha(): number {
    return Math.min(this.accumulator / this.dt, 1 - Number.EPSILON);
  }
}

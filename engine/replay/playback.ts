import type { Replayer } from './replayer.ts';
import type { Simulation } from './simulation.ts';

/**
 * Plays a replay in real time for a viewer: `advance(realSeconds)` from the frame loop runs the ticks due at
 * `speed` (1 = as recorded, 4 = four times as fast), none while `paused`; `step()` runs one tick by hand.
 *
 * @example
 * ```ts
 * const playback = new Playback(new Replayer(recording, createGameSimulation));
 * playback.speed = 4;
 * requestAnimationFrame(function frame(now) { playback.advance(elapsedSeconds(now)); render(); requestAnimationFrame(frame); });
 * ```
 */
export class Playback<S extends Simulation = Simulation> {
  /** Simulated seconds per real second. */
  speed = 1;
  paused = false;
  // Simulated seconds fed but not yet run as a whole tick.
  private carry = 0;

  /**
   * `replayer`: the replay played; a seek back puts a rebuilt one in its place (see `Seek`).
   * `maxFrameTime`: the longest real gap honoured, so a stalled tab does not come back to a burst of ticks.
   */
  constructor(public replayer: Replayer<S>, private readonly maxFrameTime = 0.25) {}

  /** Whether the replay has reached the end of its recording. */
  get done(): boolean {
    return this.replayer.tick >= this.replayer.recording.ticks;
  }

  /** Feeds real elapsed seconds and runs the whole ticks now due; returns how many ran. */
  advance(realSeconds: number): number {
    if (this.paused || this.done) return 0;
    const dt = this.replayer.sim.engine.dt;
    this.carry += Math.min(Math.max(0, realSeconds), this.maxFrameTime) * this.speed;
    let ticks = 0;
    // The tolerance keeps a sum of float frame times from falling a hair short of a whole tick.
    for (; this.carry >= dt - 1e-9 && !this.done; ticks++) {
      this.replayer.step();
      this.carry -= dt;
    }
    if (this.done) this.carry = 0;
    return ticks;
  }

  /** Runs one tick (the usual way to move while paused); false at the end of the recording. */
  step(): boolean {
    if (this.done) return false;
    this.replayer.step();
    return true;
  }
}

import { checkRecordedTick } from './recorded-tick.ts';
import type { Replayer } from './replayer.ts';
import type { Simulation } from './simulation.ts';

/**
 * A re-simulation to one tick of a recording, run a slice at a time so that a page stays responsive: each
 * `run(budgetMs)` runs ticks until the target or until `now` says the budget is spent (at least one tick a call).
 * Going forward it carries on the replay it was given; going back it starts a {@link Replayer.fresh} one, since a
 * script's generator cannot be copied to go back to. Nothing is drawn: `replayer` is the replay to show once `done`.
 *
 * @example
 * ```ts
 * const seek = new Seek(replayer, 3600, () => performance.now());
 * requestAnimationFrame(function slice() {
 *   if (seek.run(8)) show(seek.replayer); else { drawProgress(seek.progress); requestAnimationFrame(slice); }
 * });
 * ```
 */
export class Seek<S extends Simulation = Simulation> {
  /** The replay being run to the target: the one given, or a fresh one when the target is behind it. */
  readonly replayer: Replayer<S>;
  private readonly from: number;

  /** `now`: a clock in milliseconds, read after each tick to keep to a slice's budget. */
  constructor(replayer: Replayer<S>, readonly target: number, private readonly now: () => number) {
    checkRecordedTick(replayer.recording, target, 'seek');
    this.replayer = target < replayer.tick ? replayer.fresh() : replayer;
    this.from = this.replayer.tick;
  }

  /** Whether the replay is at the target. */
  get done(): boolean {
    return this.replayer.tick >= this.target;
  }

  /** How far the seek has come, from 0 to 1 (1 once done). */
  get progress(): number {
    return this.done ? 1 : (this.replayer.tick - this.from) / (this.target - this.from);
  }

  /** Runs ticks towards the target for about `budgetMs` of `now` time (at least one tick); returns `done`. */
  run(budgetMs: number): boolean {
    if (this.done) return true;
    const start = this.now();
    do this.replayer.step();
    while (!this.done && this.now() - start < budgetMs);
    return this.done;
  }
}

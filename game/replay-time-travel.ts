import { Seek, branch, type Playback, type Recording, type Replayer, type Simulation } from 'loom-threads';
import type { TimelineHost } from 'loom-threads/inspector';

/** What {@link ReplayTimeTravel} asks of the page. */
export interface TimeTravelHooks<S extends Simulation> {
  /** A clock in milliseconds, for the seek's slices. */
  now(): number;
  /** A seek is done: `replayer` (the playback's now, maybe rebuilt) is at the tick sought; show it. */
  shown(replayer: Replayer<S>): void;
  /** Plays on live from the branched recording (the page leaves the replay). */
  resume(recording: Recording): void;
}

/**
 * Time travel through a replay being watched: the {@link TimelineHost} of a {@link Playback}. A seek pauses the
 * playback; the page's frame loop calls `runSlice` each frame, and draws nothing new while it says a seek runs.
 * One `step` serves the timeline and the replay controls alike.
 *
 * @example
 * ```ts
 * const travel = new ReplayTimeTravel(playback, { now: () => performance.now(), shown: rebuildView, resume: keep });
 * // each frame: if (!travel.runSlice(12)) { playback.advance(seconds); render(); }
 * ```
 */
export class ReplayTimeTravel<S extends Simulation> implements TimelineHost {
  private seek: Seek<S> | null = null;

  constructor(private readonly playback: Playback<S>, private readonly hooks: TimeTravelHooks<S>) {}

  get ticks(): number {
    return this.playback.replayer.recording.ticks;
  }

  get tick(): number {
    return this.playback.replayer.tick;
  }

  get tickRate(): number {
    return this.playback.replayer.recording.header.tickRate;
  }

  get seeking(): number | null {
    return this.seek?.progress ?? null;
  }

  // A seek already running is replaced; its replay carries on if it starts nearer the new tick than the playback's.
  seekTo(tick: number): void {
    this.playback.paused = true;
    const shown = this.playback.replayer;
    const running = this.seek?.replayer;
    // Where a seek from a replay starts: where the replay is, or tick 0 if that is past the tick sought.
    const start = (replayer: Replayer<S>): number => (replayer.tick <= tick ? replayer.tick : 0);
    this.seek = new Seek(running !== undefined && start(running) > start(shown) ? running : shown, tick, this.hooks.now);
  }

  step(): void {
    if (this.seek !== null) return;
    this.playback.paused = true;
    this.playback.step();
  }

  resumeLive(tick: number): void {
    this.hooks.resume(branch(this.playback.replayer.recording, tick));
  }

  /** Runs a slice of the seek, if one runs, for about `budgetMs`; true while the seek is not done. */
  runSlice(budgetMs: number): boolean {
    const seek = this.seek;
    if (seek === null) return false;
    if (!seek.run(budgetMs)) return true;
    this.seek = null;
    this.playback.replayer = seek.replayer;
    this.hooks.shown(seek.replayer);
    return false;
  }
}

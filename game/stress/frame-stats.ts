import { Series } from './series.ts';

/** The parts of `drive`'s frame info that the stats use. */
export interface FrameSample {
  ticks: number;
  frameMs: number;
  scriptMs: number;
}

/** Frames kept for the charts: 20 s at 60 fps, more than the charts show. */
const HISTORY = 1200;

/** Totals over a measured stretch of frames. */
export interface Measurement {
  frames: number;
  ticks: number;
  /** Engine time (scripts and scheduling) per frame, ms: what `drive` reports as `scriptMs`, averaged. */
  scriptMsPerFrame: number;
  /** Engine time per tick run, ms. */
  scriptMsPerTick: number;
  /**
   * The median over frames that ran ticks of each one's engine time per tick, ms: on a shared machine, a frame the
   * process was preempted in moves the mean, not this.
   */
  medianMsPerTick: number;
  /** Real time per frame, ms. */
  frameMs: number;
  /** Live threads at the end. */
  threads: number;
}

/** Sums frames for a {@link Measurement}. */
export class FrameTotals {
  frames = 0;
  ticks = 0;
  scriptMs = 0;
  frameMs = 0;
  threads = 0;
  private readonly msPerTick: number[] = [];

  add(frame: FrameSample, threads: number): void {
    this.frames++;
    if (frame.ticks > 0) this.msPerTick.push(frame.scriptMs / frame.ticks);
    this.ticks += frame.ticks;
    this.scriptMs += frame.scriptMs;
    this.frameMs += frame.frameMs;
    this.threads = threads;
  }

  result(): Measurement {
    return {
      frames: this.frames,
      ticks: this.ticks,
      scriptMsPerFrame: this.frames === 0 ? 0 : this.scriptMs / this.frames,
      scriptMsPerTick: this.ticks === 0 ? 0 : this.scriptMs / this.ticks,
      medianMsPerTick: this.msPerTick.length === 0 ? 0 : [...this.msPerTick].sort((a, b) => a - b)[this.msPerTick.length >> 1]!,
      frameMs: this.frames === 0 ? 0 : this.frameMs / this.frames,
      threads: this.threads,
    };
  }
}

/**
 * What the stress page records of each frame: series for the live charts (script time, frame time, live threads),
 * running totals, and any number of open measurements.
 */
export class FrameStats {
  readonly scriptMs = new Series(HISTORY);
  readonly frameMs = new Series(HISTORY);
  readonly threads = new Series(HISTORY);
  /** Totals since the page (re)started the run. */
  readonly total = new FrameTotals();
  private readonly open = new Set<FrameTotals>();

  /** Records one frame at `nowMs`. The first frame of a run has no previous frame: it is left out of frame time. */
  record(nowMs: number, frame: FrameSample, threads: number): void {
    this.scriptMs.push(nowMs, frame.scriptMs);
    if (frame.frameMs > 0) this.frameMs.push(nowMs, frame.frameMs);
    this.threads.push(nowMs, threads);
    this.total.add(frame, threads);
    for (const totals of this.open) totals.add(frame, threads);
  }

  /** Starts summing frames; call the returned function to stop and get the totals. */
  begin(): () => Measurement {
    const totals = new FrameTotals();
    this.open.add(totals);
    return () => {
      this.open.delete(totals);
      return totals.result();
    };
  }
}

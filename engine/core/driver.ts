import type { Engine } from './engine.ts';

/** Where frames come from: `requestAnimationFrame` in a browser, a timer or a hand-driven fake elsewhere. */
export interface FrameSource {
  /** Calls `callback` with a timestamp in ms at the next frame; returns an id for `cancel`. */
  request(callback: (nowMs: number) => void): number;
  cancel(id: number): void;
  /** A clock in ms for measuring the engine's own work (`performance.now`). */
  now(): number;
}

/** What one frame did, handed to `onFrame`. */
export interface FrameInfo {
  /** Ticks run this frame. */
  ticks: number;
  /** Interpolation fraction for rendering between the last two ticks. */
  alpha: number;
  /** Real ms since the previous frame. */
  frameMs: number;
  /** Ms spent in the engine's ticks this frame (scripts and scheduling). */
  scriptMs: number;
  /** Ticks due this frame that the engine could not afford, dropped (see `drive`). */
  dropped: number;
}

/** Options of {@link drive}. */
export interface DriveOptions {
  /**
   * The most engine time to spend in a frame, ms: the ticks due beyond what fits (by the cost of recent ticks) are
   * dropped, the game running slower instead of each long frame making the next longer. At least one tick due
   * always runs. Default 10 (of a 16.7 ms frame, leaving the rest to rendering); Infinity to never drop.
   */
  budgetMs?: number;
  /**
   * Runs one tick, in place of `engine.step` (see `engine.advance`): a recorded game passes its recorder's `step`,
   * so each tick's input is read and recorded before it runs.
   */
  step?: () => void;
}

/** A running frame loop. */
export interface Driver {
  /** Ends the loop. */
  stop(): void;
  /**
   * Forgets the last frame's time, so the next frame counts as no time passed: call it when the page becomes
   * visible again, so the hidden time is not fed to the engine as a clamped burst of ticks.
   */
  resync(): void;
  /** Ticks dropped since the loop started. */
  readonly dropped: number;
}

// How fast the cost estimate of a tick follows the last frame's: half-way each frame, so a load going away is
// noticed within a few frames.
const FOLLOW = 0.5;

/**
 * Drives an engine from a frame source: each frame feeds the real time elapsed to `engine.advance` (which runs
 * the whole ticks due, clamped and scaled), then calls `onFrame`, where a renderer draws at `alpha`. When the ticks
 * due cost more than `budgetMs` (by what recent ticks cost), it runs as many as fit and drops the rest, so a long
 * frame does not make the next one longer (the spiral); `onFrame` and `dropped` say how many.
 *
 * @example
 * ```ts
 * const browser: FrameSource = {
 *   request: (cb) => requestAnimationFrame(cb), cancel: (id) => cancelAnimationFrame(id), now: () => performance.now(),
 * };
 * const driver = drive(engine, browser, (frame) => render(frame.alpha), { budgetMs: 10 });
 * drive(recorder.sim.engine, browser, render, { step: () => recorder.step() }); // every tick recorded
 * ```
 */
export function drive(
  engine: Engine,
  source: FrameSource,
  onFrame: (frame: FrameInfo) => void = () => {},
  options: DriveOptions = {},
): Driver {
  const budgetMs = options.budgetMs ?? 10;
  let last: number | null = null;
  let id = 0;
  let running = true;
  let msPerTick = -1;
  let dropped = 0;
  const frame = (nowMs: number): void => {
    if (!running) return;
    const frameMs = last === null ? 0 : Math.max(0, nowMs - last);
    last = nowMs;
    const affordable = msPerTick > 0 ? Math.max(1, Math.floor(budgetMs / msPerTick)) : Infinity;
    const due = ticksDue(engine, frameMs / 1000);
    const skip = Math.max(0, due - affordable);
    // Feeding exactly the time of the ticks that fit leaves no interpolation fraction: the dropped time is gone.
    const seconds = skip > 0 ? ((affordable - engine.alpha) * engine.dt) / engine.timeScale : frameMs / 1000;
    const start = source.now();
    const ticks = engine.advance(seconds, options.step);
    const scriptMs = source.now() - start;
    if (ticks > 0) msPerTick = msPerTick < 0 ? scriptMs / ticks : msPerTick + (scriptMs / ticks - msPerTick) * FOLLOW;
    dropped += skip;
    onFrame({ ticks, alpha: engine.alpha, frameMs, scriptMs, dropped: skip });
    if (running) id = source.request(frame);
  };
  id = source.request(frame);
  return {
    stop() {
      running = false;
      source.cancel(id);
    },
    resync() {
      last = null;
    },
    get dropped() {
      return dropped;
    },
  };
}

/** The whole ticks `realSeconds` more would make due, as `advance` counts them (unclamped). */
function ticksDue(engine: Engine, realSeconds: number): number {
  if (engine.paused || !(realSeconds > 0)) return 0;
  return Math.floor(engine.alpha + (realSeconds * engine.timeScale) / engine.dt + 1e-9);
}

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
}

/**
 * Drives an engine from a frame source: each frame feeds the real time elapsed to `engine.advance` (which runs
 * the whole ticks due, clamped and scaled), then calls `onFrame`, where a renderer draws at `alpha`.
 *
 * @example
 * ```ts
 * const browser: FrameSource = {
 *   request: (cb) => requestAnimationFrame(cb), cancel: (id) => cancelAnimationFrame(id), now: () => performance.now(),
 * };
 * const driver = drive(engine, browser, (frame) => render(frame.alpha));
 * ```
 */
export function drive(engine: Engine, source: FrameSource, onFrame: (frame: FrameInfo) => void = () => {}): Driver {
  let last: number | null = null;
  let id = 0;
  let running = true;
  const frame = (nowMs: number): void => {
    if (!running) return;
    const frameMs = last === null ? 0 : Math.max(0, nowMs - last);
    last = nowMs;
    const start = source.now();
    const ticks = engine.advance(frameMs / 1000);
    const scriptMs = source.now() - start;
    onFrame({ ticks, alpha: engine.alpha, frameMs, scriptMs });
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
  };
}

import { drive, type Driver, type FrameInfo, type FrameSource, type Recorder } from 'loom-threads';

/**
 * The frame loop of a recorded game, with the two ways it stops: the pause key, and the tab being hidden. Every
 * tick runs through the recorder (which reads the input first), and either pause is set through it, so the
 * recording holds it. Showing the tab again resyncs the driver, so the game resumes where it was instead of
 * catching up on the gap.
 *
 * @example
 * ```ts
 * const loop = new GameLoop(recorder, browserFrames, (frame) => view.render(frame));
 * loop.start();
 * document.addEventListener('visibilitychange', () => loop.setHidden(document.hidden));
 * ```
 */
export class GameLoop {
  private driver: Driver | null = null;
  // A restored save made while paused starts paused.
  private pausedByPlayer: boolean;
  private hidden = false;

  constructor(
    private readonly recorder: Recorder,
    private readonly frames: FrameSource,
    private readonly onFrame: (frame: FrameInfo) => void,
  ) {
    this.pausedByPlayer = recorder.paused;
  }

  /** Ticks the driver dropped since the loop started (see `drive`). */
  get dropped(): number {
    return this.driver?.dropped ?? 0;
  }

  /** Whether the player paused the game (the tab being hidden does not count). */
  get paused(): boolean {
    return this.pausedByPlayer;
  }

  start(): void {
    this.driver ??= drive(this.recorder.sim.engine, this.frames, this.onFrame, { step: () => this.recorder.step() });
  }

  stop(): void {
    this.driver?.stop();
    this.driver = null;
  }

  togglePause(): void {
    this.pausedByPlayer = !this.pausedByPlayer;
    this.apply();
  }

  setHidden(hidden: boolean): void {
    if (hidden === this.hidden) return;
    this.hidden = hidden;
    if (!hidden) this.driver?.resync();
    this.apply();
  }

  // Recorded only when it changes: a pause changes no tick, but a replay shown at the original pace keeps it.
  private apply(): void {
    const paused = this.pausedByPlayer || this.hidden;
    if (this.recorder.paused !== paused) this.recorder.paused = paused;
  }
}

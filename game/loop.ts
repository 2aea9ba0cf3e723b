import { drive, type Driver, type Engine, type FrameInfo, type FrameSource } from 'loom';

/**
 * The frame loop, with the two ways the game stops: the pause key, and the tab being hidden. Either pauses the
 * engine (sleeps freeze). Showing the tab again resyncs the driver, so the game resumes where it was instead of
 * catching up on the gap.
 *
 * @example
 * ```ts
 * const loop = new GameLoop(engine, browserFrames, (frame) => view.render(frame));
 * loop.start();
 * document.addEventListener('visibilitychange', () => loop.setHidden(document.hidden));
 * ```
 */
export class GameLoop {
  private driver: Driver | null = null;
  private pausedByPlayer = false;
  private hidden = false;

  constructor(
    private readonly engine: Engine,
    private readonly frames: FrameSource,
    private readonly onFrame: (frame: FrameInfo) => void,
  ) {}

  /** Ticks the driver dropped since the loop started (see `drive`). */
  get dropped(): number {
    return this.driver?.dropped ?? 0;
  }

  /** Whether the player paused the game (the tab being hidden does not count). */
  get paused(): boolean {
    return this.pausedByPlayer;
  }

  start(): void {
    this.driver ??= drive(this.engine, this.frames, this.onFrame);
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

  private apply(): void {
    this.engine.paused = this.pausedByPlayer || this.hidden;
  }
}

import type { Engine } from 'loom-threads';
import { takeSnapshot, type FeedSnapshot } from './feed-snapshot.ts';
import { ScriptTimeWindow } from './script-time-window.ts';

/** Options of {@link EngineFeed}. */
export interface EngineFeedOptions {
  /** The least time between two snapshots taken, ms: asking sooner gets the last one again. Default 200. */
  minIntervalMs?: number;
  /** With no request for this long, ms, the feed stops watching: accounting goes back off. Default 5,000. */
  idleMs?: number;
  /** The most threads listed in a snapshot. Default 10,000. */
  maxThreads?: number;
  /** Cut off the front of source files (the server's directory). */
  root?: string;
}

/**
 * The inspection feed of one engine: snapshots of what the inspector panel shows, taken only when asked for and at
 * most every `minIntervalMs`. Nothing runs on the engine's ticks until the first request: then it turns the
 * engine's accounting on (the panel does the same while open) and sums the top list's script time each tick, until
 * no request came for `idleMs` (`idle`, called from a timer) or `close`. It reads the engine and never changes
 * anything a script sees.
 *
 * @example
 * ```ts
 * const feed = new EngineFeed(engine);
 * const snap = feed.snapshot(null, performance.now()); // on each request
 * feed.idle(performance.now()); // from a timer
 * ```
 */
export class EngineFeed {
  private recent: ScriptTimeWindow | null = null;
  private accountingBefore = false;
  private last: { at: number; selected: number | null; snapshot: FeedSnapshot } | null = null;
  private lastAsked = -Infinity;

  constructor(
    readonly engine: Engine,
    private readonly options: EngineFeedOptions = {},
  ) {}

  /** Whether the feed is watching (accounting on, the top list summed): since a request, until idle. */
  get watching(): boolean {
    return this.recent !== null;
  }

  /** The engine as the panel shows it now, with `selected`'s details; at `nowMs`, on a clock in ms. */
  snapshot(selected: number | null, nowMs: number): FeedSnapshot {
    this.lastAsked = nowMs;
    this.recent ??= this.watch();
    const last = this.last;
    if (last !== null && last.selected === selected && nowMs - last.at < (this.options.minIntervalMs ?? 200)) return last.snapshot;
    const snapshot = takeSnapshot(this.engine, this.recent, { selected, maxThreads: this.options.maxThreads, root: this.options.root });
    this.last = { at: nowMs, selected, snapshot };
    return snapshot;
  }

  /** Stops watching if nobody asked for `idleMs`. */
  idle(nowMs: number): void {
    if (this.recent !== null && nowMs - this.lastAsked >= (this.options.idleMs ?? 5000)) this.close();
  }

  /** Stops watching now: the engine's accounting is as it was before. */
  close(): void {
    if (this.recent === null) return;
    this.recent.stop();
    this.recent = null;
    this.last = null;
    this.engine.accounting.enabled = this.accountingBefore;
  }

  private watch(): ScriptTimeWindow {
    this.accountingBefore = this.engine.accounting.enabled;
    this.engine.accounting.enabled = true;
    const recent = new ScriptTimeWindow(this.engine);
    recent.start();
    return recent;
  }
}

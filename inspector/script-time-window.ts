import type { Engine, Thread } from 'loom-threads';

/** One thread of the top list and its script time. */
export interface TopEntry {
  thread: Thread;
  /** Its script time over the window, ms: the sum of its measured time in each tick of the window. */
  ms: number;
}

/** A thread's script time in the window, and how many of the window's ticks it adds up. */
interface Total {
  thread: Thread;
  ms: number;
  ticks: number;
  /** The last tick added (a thread counts once per tick). */
  lastTick: number;
}

/** What one tick added: the totals it went into, and how much to each. */
interface TickRecord {
  totals: Total[];
  ms: number[];
}

/**
 * The script time of the threads accounting timed alone (the heavy ones: see `Accounting`), summed over a sliding
 * window of the last ticks (a second of them by default), exactly: at the end of each measured tick
 * (`engine.accounting.onTick`), each timed thread's `threadMs` is added in, and taken out again when that tick
 * leaves the window. Accounting must be on. Every tick is read, however many a frame runs.
 *
 * @example
 * ```ts
 * engine.accounting.enabled = true;
 * const recent = new ScriptTimeWindow(engine);
 * recent.start();
 * // ... ticks run ...
 * recent.top(8); // [{ thread, ms }, ...], most first
 * ```
 */
export class ScriptTimeWindow {
  private readonly totals = new Map<Thread, Total>();
  /** The window, by tick number modulo its length. */
  private readonly ring: TickRecord[];
  private firstTick = 0;
  private lastTick = 0;
  private readonly onTick = (tick: number): void => this.add(tick);

  constructor(
    private readonly engine: Engine,
    /** The window's length in ticks. Default: one second of ticks. */
    readonly windowTicks = Math.round(1 / engine.dt),
  ) {
    this.ring = Array.from({ length: windowTicks }, () => ({ totals: [], ms: [] }));
  }

  /** Ticks in the window so far: it fills up over the first `windowTicks` ticks after `start`. */
  get ticks(): number {
    return Math.min(this.windowTicks, this.lastTick - this.firstTick);
  }

  /** Empties the window and reads every tick from the next one on, until `stop`. */
  start(): void {
    this.clear();
    this.firstTick = this.lastTick = this.engine.tick;
    this.engine.accounting.onTick = this.onTick;
  }

  /** Stops reading ticks; the window keeps what it holds. */
  stop(): void {
    if (this.engine.accounting.onTick === this.onTick) this.engine.accounting.onTick = null;
  }

  /** A thread's script time over the window, ms. */
  msOf(thread: Thread): number {
    return this.totals.get(thread)?.ms ?? 0;
  }

  /** The `count` live threads with the most script time over the window, most first. */
  top(count: number): TopEntry[] {
    const top: TopEntry[] = [];
    for (const total of this.totals.values()) {
      if (!total.thread.alive) continue;
      if (top.length === count && total.ms <= top[top.length - 1]!.ms) continue;
      // The list is tiny (a handful of rows), so a sorted insert beats a heap.
      let at = top.length;
      while (at > 0 && top[at - 1]!.ms < total.ms) at--;
      top.splice(at, 0, { thread: total.thread, ms: total.ms });
      if (top.length > count) top.pop();
    }
    return top;
  }

  /** Adds tick `tick`, whose measurements `accounting.timed` holds now, and drops the ticks leaving the window. */
  private add(tick: number): void {
    if (tick <= this.lastTick) return;
    // Every slot between the last tick added and this one holds a tick that is now out of the window.
    for (let t = Math.max(this.lastTick + 1, tick - this.windowTicks + 1); t <= tick; t++) this.evict(this.ring[t % this.windowTicks]!);
    this.lastTick = tick;
    const record = this.ring[tick % this.windowTicks]!;
    const accounting = this.engine.accounting;
    for (const thread of accounting.timed) {
      const ms = accounting.threadMs(thread);
      if (ms <= 0) continue;
      let total = this.totals.get(thread);
      if (total === undefined) this.totals.set(thread, (total = { thread, ms: 0, ticks: 0, lastTick: -1 }));
      else if (total.lastTick === tick) continue; // threadMs is the thread's whole time in the tick
      total.ms += ms;
      total.ticks++;
      total.lastTick = tick;
      record.totals.push(total);
      record.ms.push(ms);
    }
  }

  private evict(record: TickRecord): void {
    const { totals, ms } = record;
    for (let i = 0; i < totals.length; i++) {
      const total = totals[i]!;
      total.ms -= ms[i]!;
      if (--total.ticks === 0) this.totals.delete(total.thread);
    }
    totals.length = 0;
    ms.length = 0;
  }

  private clear(): void {
    for (const record of this.ring) this.evict(record);
  }
}

import { PerformanceObserver, constants, type PerformanceEntry } from 'node:perf_hooks';

/** GC pauses seen while a {@link GcWatch} was on, from perf_hooks 'gc' entries. */
export interface GcReport {
  /** Every pause: scavenges, mark-compacts, incremental marking steps, weak callbacks. */
  pauses: number;
  /** Mark-compact (major) collections. */
  major: number;
  /** Scavenges (minor collections). */
  minor: number;
  /** The longest single pause, ms. */
  longestMs: number;
  /** The longest major pause, ms (0 if none). */
  longestMajorMs: number;
  /** All pauses added up, ms. */
  totalMs: number;
}

interface GcDetail {
  kind?: number;
}

/**
 * Counts GC pauses by kind. perf_hooks delivers 'gc' entries from the event loop, so a synchronous measuring loop
 * must yield now and then (`await` anything) and call {@link GcWatch.stop} with `await` for the tail to arrive.
 *
 * @example
 * ```ts
 * const gc = GcWatch.start();
 * await runTicks();
 * const report = await gc.stop(); // { pauses, major, minor, longestMs, ... }
 * ```
 */
export class GcWatch {
  private readonly report: GcReport = { pauses: 0, major: 0, minor: 0, longestMs: 0, longestMajorMs: 0, totalMs: 0 };
  private readonly observer: PerformanceObserver;
  private readonly startedAt: number;

  private constructor() {
    this.startedAt = performance.now();
    this.observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) this.record(entry);
    });
    this.observer.observe({ entryTypes: ['gc'] });
  }

  /** Starts counting pauses that begin from now on. */
  static start(): GcWatch {
    return new GcWatch();
  }

  /** The counts so far (entries not yet delivered are missing). */
  get current(): Readonly<GcReport> {
    return this.report;
  }

  /** Lets pending entries arrive, stops observing and returns the counts. */
  async stop(): Promise<GcReport> {
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 5));
    for (const entry of this.observer.takeRecords()) this.record(entry);
    this.observer.disconnect();
    return { ...this.report };
  }

  private record(entry: PerformanceEntry): void {
    if (entry.startTime < this.startedAt) return;
    const kind = (entry as { detail?: GcDetail | null }).detail?.kind ?? 0;
    const r = this.report;
    r.pauses++;
    r.totalMs += entry.duration;
    r.longestMs = Math.max(r.longestMs, entry.duration);
    if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
      r.major++;
      r.longestMajorMs = Math.max(r.longestMajorMs, entry.duration);
    } else if (kind === constants.NODE_PERFORMANCE_GC_MINOR) r.minor++;
  }
}

/** Runs a full, forced collection (needs `node --expose-gc`); throws with a hint when gc is not exposed. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== 'function') {
    throw new Error('global.gc is missing: run node with --expose-gc (npm run stress and npm run bench do)');
  }
  gc();
  gc();
}

/** Whether `global.gc` is available. */
export function canCollectGarbage(): boolean {
  return typeof (globalThis as { gc?: unknown }).gc === 'function';
}

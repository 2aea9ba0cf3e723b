import {
  FRAME, ID, IDLE, NAME, NO_FRAME, RECORD_LENGTH, SCRIPT, SEQ, SLOT, readString, type WatchdogShared,
} from './shared-layout.ts';

/**
 * The worker side of a {@link Watchdog}: reads what the engine publishes and reports a resume that has run past the
 * limit, once per resume. It cannot know when a resume began, only when it first saw it, so the time it reports
 * is a lower bound, short by at most one poll period. Runs in a Node worker thread or a browser Web Worker alike.
 *
 * @example
 * ```ts
 * const watcher = new HangWatcher((line) => console.error(line));
 * onmessage = (event) => watcher.receive(event.data);
 * setInterval(() => watcher.poll(), 50);
 * ```
 */
export class HangWatcher {
  private header: Int32Array<SharedArrayBuffer> | null = null;
  private records = new Float64Array(new SharedArrayBuffer(0));
  private strings = new Uint16Array(new SharedArrayBuffer(0));
  private limitMs = Infinity;
  private seenSeq = 0;
  private seenSlot = IDLE;
  private seenAt = 0;
  private reported = false;

  constructor(
    private readonly report: (line: string) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** How often to poll, ms: a twentieth of the limit, within [1, 100], so the time reported is within 5% of it. */
  get periodMs(): number {
    return Math.min(100, Math.max(1, this.limitMs / 20));
  }

  /** Takes the engine's shared memory (first, and again whenever a table grew). */
  receive(shared: WatchdogShared): void {
    this.header = new Int32Array(shared.header);
    this.records = new Float64Array(shared.records);
    this.strings = new Uint16Array(shared.strings);
    this.limitMs = shared.limitMs;
  }

  /** Looks once: reports the running thread if the same resume (the same count and slot) has run for the limit. */
  poll(): void {
    const header = this.header;
    if (header === null) return;
    const slot = Atomics.load(header, SLOT);
    const seq = Atomics.load(header, SEQ);
    const now = this.now();
    if (slot === IDLE || seq !== this.seenSeq || slot !== this.seenSlot) {
      this.seenSeq = seq;
      this.seenSlot = slot;
      this.seenAt = now;
      this.reported = false;
      return;
    }
    if (this.reported || now - this.seenAt < this.limitMs) return;
    this.reported = true;
    this.report(`[loom] ${this.describe(slot)} has run ${((now - this.seenAt) / 1000).toFixed(1)} s without yielding`);
  }

  // `#12 grunt (script grunt, in walkTo)`, as the engine labels threads.
  private describe(slot: number): string {
    const at = slot * RECORD_LENGTH;
    const records = this.records;
    const name = readString(this.strings, records[at + NAME]!);
    const script = readString(this.strings, records[at + SCRIPT]!);
    const frame = records[at + FRAME]!;
    const inFrame = frame === NO_FRAME ? '' : `, in ${readString(this.strings, frame)}`;
    return `#${records[at + ID]} ${name} (script ${script}${inFrame})`;
  }
}

/**
 * Runs a {@link HangWatcher} in the current worker: `listen` hands it each message the engine posts, and it polls
 * from the first one on. `report` receives each report line.
 *
 * @example
 * ```ts
 * // a module Web Worker
 * startWatcher((take) => { onmessage = (event) => take(event.data); }, (line) => console.error(line));
 * ```
 */
export function startWatcher(listen: (take: (shared: WatchdogShared) => void) => void, report: (line: string) => void): void {
  const watcher = new HangWatcher(report);
  let polling = false;
  listen((shared) => {
    watcher.receive(shared);
    if (polling) return;
    polling = true;
    setInterval(() => watcher.poll(), watcher.periodMs);
  });
}

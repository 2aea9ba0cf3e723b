import { LoomError } from '../core/errors.ts';
import type { Engine } from '../core/engine.ts';
import type { Scheduler } from '../core/scheduler.ts';
import type { ReadyQueue } from '../core/ready-queue.ts';
import { run } from '../core/switch.ts';
import type { ScriptGenerator } from '../core/thread.ts';
import {
  FRAME, HEADER_LENGTH, ID, IDLE, NAME, NO_FRAME, RECORD_LENGTH, SCRIPT, SEQ, SLOT, type WatchdogShared,
} from './shared-layout.ts';

/**
 * The worker a watchdog talks to: a Node `worker_threads` Worker or a browser Web Worker both fit. It receives
 * {@link WatchdogShared} messages; `terminate` ends it.
 */
export interface WatchdogWorker {
  postMessage(message: WatchdogShared): void;
  terminate(): unknown;
}

/** Options of {@link Watchdog}. */
export interface WatchdogOptions {
  /** How long one resume may run before the worker reports it, in ms. Default 2000. */
  limitMs?: number;
}

/**
 * Names a script that never yields. While the engine runs a thread, it publishes in shared memory which thread
 * runs; a worker, which runs while the main thread is stuck, reports a resume that has lasted `limitMs`, once:
 * `[loom] #12 grunt (script grunt, in walkTo) has run 2.0 s without yielding`. Names are written to shared memory
 * the first time a thread runs under the watchdog, and again when its top frame changed since its last resume: the
 * frame named is the one the stuck resume started in (a sub-script entered during it is not seen). Predicates of
 * `wait` run outside resumes and are not watched. Needs `SharedArrayBuffer` (in a browser, a cross-origin isolated
 * page). Give it to the engine with the `watchdog` option, or set `engine.watchdog`. It costs a compare and a store
 * a resume, and naming each new thread (`npm run bench:watchdog` measures it); with none set, nothing.
 *
 * Use `nodeWatchdog` (engine/watchdog/node-watchdog.ts) in Node; in a browser, make a module Web Worker that calls
 * `startWatcher` (engine/watchdog/hang-watcher.ts) and pass it here.
 *
 * @example
 * ```ts
 * const worker = new Worker(new URL('../watchdog-worker.ts', import.meta.url), { type: 'module' });
 * const engine = new Engine({ watchdog: new Watchdog(worker, { limitMs: 2000 }) });
 * ```
 */
export class Watchdog {
  /** How long one resume may run before it is reported, in ms. */
  readonly limitMs: number;
  /** @internal Runs the thread in `slot` under watch: for loops that run threads one at a time (accounting). */
  readonly run = (scheduler: Scheduler, slot: number): void => {
    this.nextBatch();
    this.publish(scheduler, slot);
    run(scheduler, slot);
    this.header[SLOT] = IDLE;
  };
  private readonly worker: WatchdogWorker;
  private readonly header: Int32Array<SharedArrayBuffer>;
  private records: Float64Array<SharedArrayBuffer>;
  private strings: Uint16Array<SharedArrayBuffer>;
  private stringsUsed = 0;
  private readonly offsets = new Map<string, number>();
  // The top frame each slot had when its names were last written: a different one means a new thread in the slot,
  // or a frame pushed or popped since. A free slot keeps its last thread's frame until the slot is reused.
  private named: (ScriptGenerator | null)[] = [];
  private seq = 0;
  private engine: Engine | null = null;

  constructor(worker: WatchdogWorker, options: WatchdogOptions = {}) {
    const limitMs = options.limitMs ?? 2000;
    if (!(limitMs > 0) || !Number.isFinite(limitMs)) throw new LoomError(`watchdog limitMs must be a finite number > 0, got ${limitMs}`);
    if (typeof SharedArrayBuffer !== 'function') {
      throw new LoomError('the watchdog needs SharedArrayBuffer: in a browser, serve the page cross-origin isolated (COOP and COEP headers)');
    }
    this.limitMs = limitMs;
    this.worker = worker;
    this.header = new Int32Array(new SharedArrayBuffer(HEADER_LENGTH * 4));
    this.header[SLOT] = IDLE;
    this.records = new Float64Array(new SharedArrayBuffer(INITIAL_SLOTS * RECORD_LENGTH * 8));
    this.named = nulls(INITIAL_SLOTS);
    this.strings = new Uint16Array(new SharedArrayBuffer(4096 * 2));
    this.share();
  }

  /** @internal `engine` takes this watchdog: slots are per scheduler, so it watches that one only. */
  attach(engine: Engine): void {
    if (engine !== (this.engine ??= engine)) {
      throw new LoomError('a watchdog watches one engine: give each engine a watchdog of its own');
    }
  }

  /** Ends the worker; the engine must no longer use this watchdog (set `scheduler.watchdog = null` first). */
  stop(): void {
    this.worker.terminate();
  }

  /** @internal Drains `ready`, publishing each resume: the engine's bare loop plus a compare and a store. */
  runAll(scheduler: Scheduler, ready: ReadyQueue): void {
    this.nextBatch();
    for (let slot = this.runNamed(scheduler, ready); slot >= 0; slot = this.runNamed(scheduler, ready)) {
      this.name(scheduler, slot);
      this.header[SLOT] = slot;
      run(scheduler, slot);
      scheduler.resumes++;
    }
    this.header[SLOT] = IDLE;
  }

  // Runs ready threads while their names are published; returns the first one whose are not (not run yet), or -1
  // once `ready` is empty. Naming is kept out of this loop: inlined into it, as V8 did when the first tick named
  // every thread, it slowed every later resume (BENCHMARKS.md, the watchdog's cost).
  private runNamed(scheduler: Scheduler, ready: ReadyQueue): number {
    const header = this.header;
    const named = this.named;
    const columns = scheduler.columns;
    let resumes = 0;
    let slot = ready.shift();
    for (; slot >= 0; slot = ready.shift()) {
      if (named[slot] !== columns.gens[slot]) break;
      header[SLOT] = slot;
      run(scheduler, slot);
      resumes++;
    }
    scheduler.resumes += resumes;
    return slot;
  }

  // A resume is known to the worker by the pair (SEQ, SLOT). SEQ moves once per batch of resumes (a tick), and
  // again whenever a slot's thread is named: a thread runs at most once a tick, so within a batch the pair can only
  // repeat for a new thread in a reused slot, and that one is named. Most resumes thus store only their slot.
  // Plain stores, not Atomics: the worker acts only on values that stayed put for the whole limit, long after any
  // store has become visible to it.
  private nextBatch(): void {
    this.header[SEQ] = this.seq = (this.seq + 1) | 0;
  }

  private publish(scheduler: Scheduler, slot: number): void {
    if (this.named[slot] !== scheduler.columns.gens[slot]) this.name(scheduler, slot);
    this.header[SLOT] = slot;
  }

  private name(scheduler: Scheduler, slot: number): void {
    const columns = scheduler.columns;
    const thread = columns.threads[slot]!;
    if ((slot + 1) * RECORD_LENGTH > this.records.length) this.growRecords(columns.flags.length);
    const at = slot * RECORD_LENGTH;
    const frames = thread.frames;
    this.records[at + ID] = thread.id;
    this.records[at + NAME] = this.intern(thread.name);
    this.records[at + SCRIPT] = this.intern(frames[0]!);
    this.records[at + FRAME] = frames.length > 1 ? this.intern(frames[frames.length - 1]!) : NO_FRAME;
    this.named[slot] = columns.gens[slot]!;
    this.header[SEQ] = this.seq = (this.seq + 1) | 0;
  }

  // Each distinct name is stored once: names come from script functions and spawn options, so they are few.
  private intern(text: string): number {
    let offset = this.offsets.get(text);
    if (offset !== undefined) return offset;
    offset = this.stringsUsed;
    const end = offset + 1 + text.length;
    if (end > this.strings.length) this.growStrings(end);
    this.strings[offset] = text.length;
    for (let i = 0; i < text.length; i++) this.strings[offset + 1 + i] = text.charCodeAt(i);
    this.stringsUsed = end;
    this.offsets.set(text, offset);
    return offset;
  }

  private growRecords(slots: number): void {
    const records = new Float64Array(new SharedArrayBuffer(slots * RECORD_LENGTH * 8));
    records.set(this.records);
    this.records = records;
    const named = nulls(slots);
    for (let i = 0; i < this.named.length; i++) named[i] = this.named[i]!;
    this.named = named;
    this.share();
  }

  private growStrings(atLeast: number): void {
    let length = this.strings.length * 2;
    while (length < atLeast) length *= 2;
    const strings = new Uint16Array(new SharedArrayBuffer(length * 2));
    strings.set(this.strings);
    this.strings = strings;
    this.share();
  }

  // A grown table is a new buffer, posted before any record points into it; a message reaches the worker without
  // the main thread's help, so the worker has it before any hang could be reported.
  private share(): void {
    this.worker.postMessage({
      header: this.header.buffer,
      records: this.records.buffer,
      strings: this.strings.buffer,
      limitMs: this.limitMs,
    });
  }
}

// Slots the tables hold at first; they grow to the engine's thread columns.
const INITIAL_SLOTS = 1024;

// Pushed one by one, so the array is packed: a read from an array made with holes checks for one.
function nulls(length: number): (ScriptGenerator | null)[] {
  const array: (ScriptGenerator | null)[] = [];
  for (let i = 0; i < length; i++) array.push(null);
  return array;
}

import { ThreadState, cancel, isFinal, supervisor, type Engine, type Thread } from '../../engine/index.ts';
import { FailureLedger } from './failures.ts';
import { ThreadContext } from './thread-context.ts';

interface FinallyRecord {
  where: string;
  shielded: boolean;
  /** It began while its thread was cancelling: it must complete. */
  cancelling: boolean;
  exit: 'ok' | 'threw' | 'cancelled' | null;
}

/** A thread's spawn, for "threads spawned in the same tick first run in spawn order". */
export interface SpawnToken {
  seq: number;
  tick: number;
  startedAt: number;
}

/**
 * Everything a run observes: the threads, the points scripts reach, finally blocks, frames, signal wake-ups,
 * failures; and the invariants checked as it goes. Violations are kept as `invariant: detail` lines.
 */
export class Recorder {
  readonly violations: string[] = [];
  /** Every point scripts reached, in order, as `tick thread point`: what the scripts did, to compare runs by. */
  readonly trace: string[] = [];
  readonly failures = new FailureLedger();
  /** Every thread seen, in the order first seen. */
  readonly known: Thread[] = [];
  /**
   * The program's threads (roots, spawned, branches) in the order the program first sees them: `thread[i]` of a
   * program. (Not `known`: that also holds a timeout's timer thread, in the engine's slot order.)
   */
  readonly programThreads: Thread[] = [];
  /** What the program's threads saw, `tick s<spawn> what`: compared with the reference model (reference/). */
  readonly observations: string[] = [];
  private readonly spawnOf = new Map<Thread, number>();
  private readonly seen = new Set<Thread>();
  private readonly contexts = new Map<Thread, ThreadContext>();
  private readonly finalStates = new Map<Thread, ThreadState>();
  private readonly finallies: FinallyRecord[] = [];
  private readonly openFrames = new Map<number, string>();
  private readonly spawns: SpawnToken[] = [];
  private readonly signalWakes: { emission: number; waitSeq: number; runSeq: number }[] = [];
  private frameSerial = 0;
  private spawnSeq = 0;
  private runSeq = 0;
  /** Serial of `wait(signal)` starts, in order. */
  signalWaitSeq = 0;
  /** Serial of emits, each one's value. */
  emissions = 0;
  /** Serial of messages sent (by programs, the host, sendAfter, calls): each one's text is `kind#serial`. */
  private messages = 0;

  constructor(readonly engine: Engine) {}

  /** Notes a broken invariant; two lines per invariant are enough to read a counterexample. */
  violate(invariant: string, detail: string): void {
    const same = this.violations.filter((line) => line.startsWith(`${invariant}:`)).length;
    if (same < 2) this.violations.push(`${invariant}: ${detail}`);
  }

  contextOf(thread: Thread): ThreadContext {
    let context = this.contexts.get(thread);
    if (!context) {
      context = new ThreadContext(thread, this);
      this.contexts.set(thread, context);
      this.see(thread);
    }
    return context;
  }

  /** A thread of the program, numbered by its spawn, is seen by the program. */
  seeProgram(thread: Thread, token: SpawnToken): void {
    this.see(thread);
    if (this.spawnOf.has(thread)) return;
    this.spawnOf.set(thread, token.seq);
    this.programThreads.push(thread);
  }

  /** The tick observations are stamped with: the host's acts before a tick belong to it. */
  stamp = 0;

  /** Notes an observation of `thread` (numbered by its spawn; 0 for a thread the program does not see). */
  observe(thread: Thread, line: string): void {
    this.observations.push(`${this.stamp} s${this.spawnOf.get(thread) ?? 0} ${line}`);
  }

  /** A new message's text: `kind#serial`, numbered in the order messages are made. */
  message(kind: string): string {
    return `${kind}#${++this.messages}`;
  }

  /** The spawn number of a program thread (0 for one the program does not see). */
  seqOf(thread: Thread): number {
    return this.spawnOf.get(thread) ?? 0;
  }

  see(thread: Thread): void {
    if (this.seen.has(thread)) return;
    this.seen.add(thread);
    this.known.push(thread);
  }

  /** Cancels `thread` as a script or the host would, noting what the cancel obliges the engine to do. */
  cancel(thread: Thread): void {
    const context = this.contextOf(thread);
    if (!cancel(thread)) return;
    if (context.reloading) context.reallyCancelled = true; // its reload's cancel already landed: it ends cancelled
    else landed(context);
  }

  /** A hot reload unwinds `threads` to restart them: its cancel obliges the engine as any cancel does. */
  reloaded(threads: readonly Thread[]): void {
    for (const thread of threads) {
      const context = this.contextOf(thread);
      context.reloading = true;
      landed(context);
    }
  }

  /** A thread's script begins: it first runs, or a hot reload restarted it (its new run gets a fresh context). */
  begin(thread: Thread, token: SpawnToken): void {
    let context = this.contextOf(thread);
    this.seeProgram(thread, token);
    if (thread.reloads > context.reloads) context = this.restarted(context);
    this.observe(thread, 'start');
    context.point('start');
    if (!context.started) this.started(context, token);
  }

  private restarted(old: ThreadContext): ThreadContext {
    const thread = old.thread;
    if (old.reallyCancelled) this.violate('a real cancel of a reloading thread wins', `${thread.label} restarted on new code though cancelled during its reload`);
    if (thread.cancelling || thread.reloading) {
      this.violate('a restart begins clean', `${thread.label} restarted ${thread.cancelling ? 'cancelling' : 'still reloading'}`);
    }
    const context = new ThreadContext(thread, this);
    context.started = true;
    context.reloads = thread.reloads;
    this.contexts.set(thread, context);
    return context;
  }

  newSpawn(spawnOrder = true): SpawnToken {
    const token = { seq: ++this.spawnSeq, tick: this.engine.tick, startedAt: 0 };
    if (spawnOrder) this.spawns.push(token); // a thread numbered as it first runs shows nothing of the order
    return token;
  }

  private started(context: ThreadContext, token: SpawnToken): void {
    context.started = true;
    token.startedAt = ++this.runSeq;
  }

  signalWoke(emission: number, waitSeq: number): void {
    this.signalWakes.push({ emission, waitSeq, runSeq: ++this.runSeq });
  }

  openFrame(where: string): number {
    const id = ++this.frameSerial;
    this.openFrames.set(id, where);
    return id;
  }

  closeFrame(id: number): void {
    this.openFrames.delete(id);
  }

  beginFinally(where: string, shielded: boolean, cancelling: boolean): FinallyRecord {
    const record: FinallyRecord = { where, shielded, cancelling, exit: null };
    this.finallies.push(record);
    return record;
  }

  /** After each tick: the thread count, final states, and parents outliving their children. */
  afterTick(): void {
    const engine = this.engine;
    const live = engine.threads();
    if (engine.threadCount !== live.length) {
      this.violate('threadCount and threads() agree', `tick ${engine.tick}: threadCount ${engine.threadCount}, threads() ${live.length}`);
    }
    for (const thread of live) this.see(thread);
    const ended: Thread[] = [];
    for (const thread of this.known) if (this.checkEnd(thread)) ended.push(thread);
    ended.sort((a, b) => this.spawnOf.get(a)! - this.spawnOf.get(b)!);
    for (const thread of ended) this.observe(thread, `ended ${thread.stateName}`);
  }

  // Returns true when a program thread is first seen ended.
  private checkEnd(thread: Thread): boolean {
    const state = thread.state;
    const before = this.finalStates.get(thread);
    if (before !== undefined && before !== state) {
      this.violate('every thread ends exactly once', `${thread.label} ended ${before}, then is ${state}`);
    }
    if (isFinal(state)) {
      this.finalStates.set(thread, state);
      if (thread.alive) this.violate('every thread ends exactly once', `${thread.label} is final (${thread.stateName}) yet alive`);
    }
    const parent = thread.parent;
    if (thread.alive && parent !== null && !parent.alive) {
      this.violate('a parent ends after its children', `${parent.label} ended (${parent.stateName}) before its child ${thread.label}`);
    }
    const first = before === undefined && isFinal(state);
    // A supervisor observes its children's failures (through its monitors): none reaches another observer.
    if (first && state === ThreadState.FAILED && thread.parent?.script === supervisor) this.failures.observe(thread.error);
    return first && this.spawnOf.has(thread);
  }

  /** Once the run is over: what can only be judged at the end. */
  finish(): void {
    const engine = this.engine;
    if (engine.threadCount !== 0 || engine.threads().length !== 0) {
      this.violate('every thread ends exactly once', `after the run: threadCount ${engine.threadCount}, threads() ${engine.threads().length}`);
    }
    for (const thread of this.known) {
      if (thread.alive) this.violate('every thread ends exactly once', `${thread.label} never ended (${thread.stateName}, ${thread.waitingOn})`);
    }
    for (const f of this.finallies) {
      if (f.exit === null) this.violate('every finally that begins completes', `${f.where}: began and never finished (its generator was dropped)`);
      else if (f.exit === 'cancelled' && (f.shielded || f.cancelling)) {
        this.violate('every finally that begins completes', `${f.where} (${f.shielded ? 'shielded' : 'began on a cancel'}) was cut short by a cancel`);
      }
    }
    for (const where of this.openFrames.values()) this.violate('every frame finishes', `${where} never finished (its generator was dropped)`);
    for (const line of this.failures.check()) this.violate('every failure reaches exactly one observer', line);
    this.checkSpawnOrder();
    this.checkSignalOrder();
  }

  private checkSpawnOrder(): void {
    const started = this.spawns.filter((s) => s.startedAt > 0);
    for (let i = 1; i < started.length; i++) {
      const a = started[i - 1]!;
      const b = started[i]!;
      if (a.tick === b.tick && a.startedAt > b.startedAt) {
        this.violate('threads ready in one tick run FIFO', `spawn #${b.seq} first ran before spawn #${a.seq}, both spawned in tick ${a.tick}`);
      }
    }
  }

  private checkSignalOrder(): void {
    const byEmission = new Map<number, { waitSeq: number; runSeq: number }[]>();
    for (const wake of this.signalWakes) {
      const list = byEmission.get(wake.emission) ?? [];
      list.push(wake);
      byEmission.set(wake.emission, list);
    }
    for (const [emission, wakes] of byEmission) {
      wakes.sort((a, b) => a.waitSeq - b.waitSeq);
      for (let i = 1; i < wakes.length; i++) {
        if (wakes[i - 1]!.runSeq > wakes[i]!.runSeq) {
          this.violate('threads ready in one tick run FIFO', `emit #${emission}: waiter ${wakes[i]!.waitSeq} ran before waiter ${wakes[i - 1]!.waitSeq}`);
        }
      }
    }
  }
}

// What a cancel that landed obliges: held by a shield, never to run if unstarted, else due at the next wait.
function landed(context: ThreadContext): void {
  if (context.shieldDepth > 0) context.held = true;
  else if (!context.started) context.cancelledUnstarted = true;
  else context.due = true;
}

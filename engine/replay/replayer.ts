import type { Signal } from '../ops/signal.ts';
import type { Thread } from '../core/thread.ts';
import { firstDivergentThread, type Divergence } from './divergence.ts';
import { replayValue, threadById } from './recorded-value.ts';
import type { Checkpoint, HostEvent, Recording } from './recording.ts';
import { RecordingError } from './recording-error.ts';
import type { CreateSimulation, Simulation } from './simulation.ts';
import { stateHash } from './state-hash.ts';
import { traceThreads, type ThreadTrace } from './thread-trace.ts';

/**
 * Re-runs a recording on a fresh simulation, tick by tick: before each tick it applies what the host did after
 * the previous one and writes the recorded input; with `verify`, at each checkpoint it compares the state hash
 * and keeps the first {@link Divergence}.
 *
 * @example
 * ```ts
 * const replayer = new Replayer(decodeRecording(bytes), createGameSimulation, { verify: true });
 * replayer.runTo(replayer.recording.ticks);
 * console.log(replayer.divergence ?? 'every checkpoint matched');
 * ```
 */
export class Replayer<S extends Simulation = Simulation> {
  readonly sim: S;
  /** The first checkpoint that did not match (with `verify`), or null. */
  divergence: Divergence | null = null;
  /** Checkpoints compared so far (with `verify`). */
  checked = 0;
  /** The input sample written before each tick. */
  input: number[];
  /** Each live thread's trace as of the last checkpoint passed, as recorded. */
  readonly recordedTraces = new Map<number, ThreadTrace>();
  private nextEvent = 0;
  private nextCheckpoint = 0;
  private lastGood = 0;
  private mismatch: Omit<Divergence, 'thread' | 'nondeterministic'> | null = null;
  private readonly signals = new Map<string, Signal<unknown>>();

  /**
   * `verify` compares the checkpoints' hashes; `verifyFrom` only those from that tick on (a restore checks the last
   * one, and re-runs with every check only if it differs).
   */
  constructor(
    readonly recording: Recording,
    private readonly create: CreateSimulation<S>,
    private readonly options: { verify?: boolean; verifyFrom?: number } = {},
  ) {
    const { seed, tickRate, meta, inputSize } = recording.header;
    this.sim = create({ seed, tickRate, meta });
    if ((this.sim.input?.size ?? 0) !== inputSize) {
      throw new RecordingError(`the recording has ${inputSize} input slots, the simulation ${this.sim.input?.size ?? 0}: it was made by another program`);
    }
    this.input = new Array<number>(inputSize).fill(0);
    for (const signal of this.sim.signals ?? []) this.signals.set(signal.name, signal as Signal<unknown>);
  }

  /** The tick the replay is at. */
  get tick(): number {
    return this.sim.engine.tick;
  }

  /** A new replay of the same recording, on a fresh simulation at tick 0, with the same options (going back means starting over). */
  fresh(): Replayer<S> {
    return new Replayer(this.recording, this.create, this.options);
  }

  /** The state hash of the replay now. */
  stateHash(): string {
    return stateHash(this.sim.engine, this.sim.hashWorld);
  }

  /**
   * Runs ticks until `tick` (at most the recording's end); returns the ticks run. With `stopAtDivergence`, it stops
   * at a divergence, and a checkpoint that did not match makes it run on to the next one with thread traces.
   */
  runTo(tick: number, stopAtDivergence = false): number {
    const start = this.tick;
    for (;;) {
      if (stopAtDivergence && this.divergence !== null) break;
      const end = stopAtDivergence && this.mismatch !== null ? this.recording.ticks : Math.min(tick, this.recording.ticks);
      if (this.tick >= end) break;
      this.step();
    }
    if (this.mismatch !== null && this.tick >= this.recording.ticks) this.diverged(new Map());
    return this.tick - start;
  }

  /** Applies the host events stamped with the current tick, then runs one tick and checks its checkpoint. */
  step(): void {
    const engine = this.sim.engine;
    if (this.tick >= this.recording.ticks) throw new RecordingError(`the recording ends at tick ${this.recording.ticks}`);
    this.applyPending();
    this.sim.input?.write(this.input);
    engine.step();
    const checkpoint = this.recording.checkpoints[this.nextCheckpoint];
    if (checkpoint?.tick !== engine.tick) return;
    this.nextCheckpoint++;
    if (checkpoint.threads !== null) {
      for (const trace of checkpoint.threads.changed) this.recordedTraces.set(trace.id, trace);
      for (const id of checkpoint.threads.ended) this.recordedTraces.delete(id);
    }
    if (!this.options.verify || this.divergence !== null) return;
    if (this.mismatch === null && checkpoint.tick >= (this.options.verifyFrom ?? 0)) this.check(checkpoint);
    if (this.mismatch !== null && checkpoint.threads !== null) this.diverged(traceThreads(engine));
  }

  private check(checkpoint: Checkpoint): void {
    this.checked++;
    const hash = this.stateHash();
    if (hash === checkpoint.hash) this.lastGood = checkpoint.tick;
    else this.mismatch = { tick: checkpoint.tick, lastGood: this.lastGood, recordedHash: checkpoint.hash, replayHash: hash };
  }

  // The threads are compared at the first checkpoint with traces at or after the mismatch: `since` dates them.
  private diverged(replayTraces: Map<number, ThreadTrace>): void {
    const thread = replayTraces.size === 0 ? null : firstDivergentThread(this.recordedTraces, replayTraces);
    this.divergence = { ...this.mismatch!, thread, nondeterministic: [] };
    this.mismatch = null;
  }

  /** Applies the host events stamped with the current tick that have not been applied yet. */
  applyPending(): void {
    const events = this.recording.events;
    while (this.nextEvent < events.length && events[this.nextEvent]!.tick <= this.tick) this.apply(events[this.nextEvent++]!);
  }

  private apply(event: HostEvent): void {
    const { engine, refs = {} } = this.sim;
    switch (event.type) {
      case 'input':
        this.input = event.values;
        break;
      case 'spawn': {
        const script = this.sim.scripts[event.script];
        if (script === undefined) throw new RecordingError(`the recording spawns "${event.script}", which is not one of the simulation's scripts`);
        const args = event.args.map((arg) => replayValue(arg, refs, engine));
        const options = { ...(event.name !== undefined && { name: event.name }), ...(event.detached && { detached: true }) };
        engine.spawn(options, script, ...(args as never[]));
        break;
      }
      case 'send':
        // A recording's messages were checked when they were sent; here they are data.
        engine.send(threadById(engine, event.thread) as Thread<unknown, unknown>, replayValue(event.message, refs, engine));
        break;
      case 'cancel':
        engine.cancel(threadById(engine, event.thread));
        break;
      case 'emit': {
        const signal = this.signals.get(event.signal);
        if (signal === undefined) throw new RecordingError(`the recording emits signal ${event.signal}, which is not one of the simulation's signals`);
        signal.emit(replayValue(event.value, refs, engine));
        break;
      }
      case 'pause':
        engine.paused = event.paused;
        break;
      case 'timeScale':
        engine.timeScale = event.scale;
        break;
    }
  }
}

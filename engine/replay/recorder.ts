import { LoomError } from '../core/errors.ts';
import type { MessageFor } from '../core/message-types.ts';
import type { Signal } from '../ops/signal.ts';
import type { AnySpawnable, SpawnedThread, SpawnOptions, SpawnRest } from '../core/script.ts';
import { spawnCalledBy } from '../core/engine.ts';
import type { Script } from '../core/script.ts';
import { tickingScheduler, type Thread } from '../core/thread.ts';
import { MAX_INPUT_SLOTS } from './recording-codec.ts';
import { recordValue } from './recorded-value.ts';
import { RECORDING_VERSION, type Checkpoint, type HostEvent, type Recording, type RecordingHeader, type TraceChanges } from './recording.ts';
import { RecordingError } from './recording-error.ts';
import type { Simulation } from './simulation.ts';
import { stateHash } from './state-hash.ts';
import { sameTrace, traceThreads, type ThreadTrace } from './thread-trace.ts';

/** Options of {@link Recorder}. */
export interface RecorderOptions {
  /** Ticks between checkpoints (state hashes). Default 60: one a second at 60 ticks a second. */
  checkpointEvery?: number;
  /**
   * Ticks between the checkpoints that also keep thread traces, for divergence reports: rounded up to a multiple
   * of `checkpointEvery`. Default 300: traces are most of a recording's size.
   */
  traceEvery?: number;
  /** The host's own setup, kept in the header so a replay can build the same simulation. */
  meta?: RecordingHeader['meta'];
}

/** Where a recorder carries on from: the recording so far and the state a replay of it ended in. */
export interface RecorderResume {
  recording: Recording;
  lastInput: number[];
  traces: Map<number, ThreadTrace>;
}

/**
 * The host's door into a simulation while it is recorded: spawn, send, cancel, emit, pause and the time scale go
 * through it, and it steps the engine, reading the input before each tick and taking a checkpoint every
 * `checkpointEvery` ticks. `recording()` at any moment is a save.
 *
 * @example
 * ```ts
 * const recorder = new Recorder(sim, { meta: { swarm: 500 } });
 * recorder.spawn(game, world);
 * for (let i = 0; i < 600; i++) recorder.step();
 * recorder.emit(world.restartRequested);
 * const save = encodeRecording(recorder.recording());
 * ```
 */
export class Recorder<S extends Simulation = Simulation> {
  private readonly header: RecordingHeader;
  private readonly events: HostEvent[];
  private readonly checkpoints: Checkpoint[];
  private lastInput: number[];
  private traces: Map<number, ThreadTrace>;
  private readonly scriptNames = new Map<Script, string>();
  private readonly refNames = new Map<object, string>();

  constructor(readonly sim: S, options: RecorderOptions = {}, resume?: RecorderResume) {
    const engine = sim.engine;
    const inputSize = sim.input?.size ?? 0;
    const checkpointEvery = options.checkpointEvery ?? 60;
    if (!Number.isSafeInteger(checkpointEvery) || checkpointEvery < 1) throw new RecordingError(`checkpointEvery must be a whole number ≥ 1, got ${checkpointEvery}`);
    if (inputSize > MAX_INPUT_SLOTS) throw new RecordingError(`an input channel has at most ${MAX_INPUT_SLOTS} slots, not ${inputSize}`);
    this.header = resume?.recording.header ?? {
      seed: engine.random.seed,
      tickRate: Math.round(1 / engine.dt),
      checkpointEvery,
      traceEvery: Math.max(1, Math.ceil((options.traceEvery ?? 300) / checkpointEvery)) * checkpointEvery,
      inputSize,
      meta: options.meta ?? {},
    };
    this.events = resume ? [...resume.recording.events] : [];
    this.checkpoints = resume ? [...resume.recording.checkpoints] : [];
    this.lastInput = resume?.lastInput ?? new Array<number>(inputSize).fill(0);
    this.traces = resume?.traces ?? new Map();
    for (const [name, script] of Object.entries(sim.scripts)) this.scriptNames.set(script, name);
    for (const [name, ref] of Object.entries(sim.refs ?? {})) this.refNames.set(ref, name);
  }

  /** The recording so far: a save. */
  recording(): Recording {
    return {
      version: RECORDING_VERSION,
      header: this.header,
      ticks: this.sim.engine.tick,
      events: [...this.events],
      checkpoints: [...this.checkpoints],
    };
  }

  /**
   * What was recorded after the first `events` events and `checkpoints` checkpoints: a log that already holds those
   * takes only these next (a room's log in Redis appends them every few ticks), without copying the whole recording.
   */
  since(events: number, checkpoints: number): { events: HostEvent[]; checkpoints: Checkpoint[] } {
    return { events: this.events.slice(events), checkpoints: this.checkpoints.slice(checkpoints) };
  }

  /** Spawns a root thread, as `engine.spawn` does, and records it. The script must be one of `sim.scripts`. */
  spawn<F extends AnySpawnable | SpawnOptions, S extends AnySpawnable>(first: F, ...rest: SpawnRest<F, S>): SpawnedThread<F, S>;
  spawn(...input: unknown[]): Thread {
    this.outsideTick('spawn');
    const options = typeof input[0] === 'function' ? {} : (input[0] as SpawnOptions);
    const [script, ...args] = typeof input[0] === 'function' ? input : input.slice(1);
    const name = this.scriptNames.get(script as Script);
    if (name === undefined) {
      throw new RecordingError(`recorder.spawn: ${(script as Script)?.name || 'this script'} is not one of the simulation's scripts, so a replay could not spawn it`);
    }
    const recorded = args.map((arg) => recordValue(arg, this.refNames, `recorder.spawn(${name})`));
    const thread = spawnCalledBy(this.sim.engine, Recorder.prototype.spawn, input);
    this.push({ tick: this.now, type: 'spawn', script: name, name: options.name, detached: options.detached, args: recorded });
    return thread;
  }

  /** Posts a message, as `engine.send` does, and records it. */
  send<M>(thread: Thread<unknown, M>, message: NoInfer<MessageFor<M>>): void {
    this.outsideTick('send');
    const recorded = recordValue(message, this.refNames, `recorder.send to ${thread.label}`);
    this.sim.engine.send(thread, message);
    this.push({ tick: this.now, type: 'send', thread: thread.id, message: recorded });
  }

  /** Cancels a thread, as `engine.cancel` does, and records it. */
  cancel(thread: Thread): boolean {
    this.outsideTick('cancel');
    const cancelled = this.sim.engine.cancel(thread);
    if (cancelled) this.push({ tick: this.now, type: 'cancel', thread: thread.id }); // else it changed nothing
    return cancelled;
  }

  /** Emits one of `sim.signals` and records it. */
  emit<T>(signal: Signal<T>, ...[value]: T extends void ? [value?: T] : [value: T]): number {
    this.outsideTick('emit');
    if (!this.sim.signals?.includes(signal as never)) {
      throw new RecordingError(`recorder.emit: signal ${signal.name} is not one of the simulation's signals, so a replay could not emit it`);
    }
    const recorded = recordValue(value, this.refNames, `recorder.emit(${signal.name})`);
    const woken = (signal as Signal<unknown>).emit(value);
    this.push({ tick: this.now, type: 'emit', signal: signal.name, value: recorded });
    return woken;
  }

  get paused(): boolean {
    return this.sim.engine.paused;
  }
  set paused(paused: boolean) {
    this.sim.engine.paused = paused;
    this.push({ tick: this.now, type: 'pause', paused });
  }

  get timeScale(): number {
    return this.sim.engine.timeScale;
  }
  set timeScale(scale: number) {
    this.sim.engine.timeScale = scale;
    this.push({ tick: this.now, type: 'timeScale', scale });
  }

  /** Reads the input (kept if it changed), runs one tick, and takes a checkpoint if one is due. */
  step(): void {
    this.outsideTick('step');
    const engine = this.sim.engine;
    const input = this.sim.input;
    if (input !== undefined) {
      const values = input.read();
      input.write(values);
      if (values.some((value, i) => value !== this.lastInput[i])) {
        this.push({ tick: this.now, type: 'input', values });
        this.lastInput = values;
      }
    }
    engine.step();
    if (engine.tick % this.header.checkpointEvery === 0) this.checkpoint();
  }

  private checkpoint(): void {
    const engine = this.sim.engine;
    const threads = engine.tick % this.header.traceEvery === 0 ? this.traceChanges() : null;
    this.checkpoints.push({ tick: engine.tick, hash: stateHash(engine, this.sim.hashWorld), threads });
  }

  private traceChanges(): TraceChanges {
    const traces = traceThreads(this.sim.engine);
    const changed: ThreadTrace[] = [];
    for (const trace of traces.values()) {
      const before = this.traces.get(trace.id);
      if (before === undefined || !sameTrace(before, trace)) changed.push(trace);
    }
    const ended = [...this.traces.keys()].filter((id) => !traces.has(id));
    this.traces = traces;
    return { changed, ended };
  }

  private get now(): number {
    return this.sim.engine.tick;
  }

  private push(event: HostEvent): void {
    this.events.push(event);
  }

  private outsideTick(what: string): void {
    if (tickingScheduler() !== null) throw new LoomError(`recorder.${what} was called during a tick: scripts use ops; the recorder is for the host`);
  }
}

import { Recorder, formatFailure, type Recording, type Simulation, type Thread } from 'loom-threads';
import type { RoomGame } from './room-game.ts';

/** A script failure in a room: what the room's error hook gets. */
export interface RoomScriptError {
  roomId: string;
  error: unknown;
  /** The failing thread's label, `#12 grunt`. */
  thread: string;
  /** The error with the thread's script stack, as `formatFailure` prints it. */
  report: string;
}

/** Options of {@link RoomSession}. */
export interface RoomSessionOptions {
  roomId: string;
  seed: number;
  tickRate?: number;
  /** Where script failures go; the room keeps running. Default: printed with the room id. */
  onScriptError?: (failure: RoomScriptError) => void;
  /** Ticks between checkpoints of the room's recording (default 60). */
  checkpointEvery?: number;
  /**
   * Record where each thread waits (`callSites: 'waits'`, from before the game starts), as a room the inspector
   * reads does, unless the game's engine records no call sites (`'off'`). Default false: the engine's own setting.
   */
  waitSites?: boolean;
}

/** A session carried on from a recording (a room rebuilt from its log): its restored recorder and the seats taken. */
export interface SessionResume<S extends Simulation = Simulation> {
  recorder: Recorder<S>;
  taken: readonly boolean[];
}

/** What each seat last had applied: the client's sequence number and the tick it took effect in. */
export interface SeatAck {
  seq: number;
  tick: number;
}

/**
 * One room's simulation, with no networking: an engine built by the game under a `Recorder`, the seats, and the
 * input queued for the next tick. `step()` applies each seat's latest queued input (in seat order), steps the
 * recorder, then lets the game act as the host. A Colyseus room (`LoomRoom`) drives one; tests drive one by hand.
 *
 * @example
 * ```ts
 * const session = new RoomSession(dots, { roomId: 'test', seed: 7 });
 * const seat = session.takeSeat()!;
 * session.queue(seat, 1, [1]);
 * session.step();
 * replayRecording(session.recording(), dots.create, { verify: true }); // the same hashes
 * ```
 */
export class RoomSession<S extends Simulation = Simulation> {
  readonly recorder: Recorder<S>;
  readonly roomId: string;
  /** The seed the world was built from. */
  readonly seed: number;
  private readonly taken: boolean[];
  private readonly pending: ({ seq: number; values: readonly number[] } | null)[];
  private readonly acks: SeatAck[];
  /** Script failures so far. */
  failures = 0;

  constructor(readonly game: RoomGame<S>, options: RoomSessionOptions, resume?: SessionResume<S>) {
    this.roomId = options.roomId;
    this.seed = options.seed;
    const report = options.onScriptError ?? printScriptError;
    const sim = resume?.recorder.sim ?? game.create({ seed: options.seed, tickRate: options.tickRate ?? 60, meta: game.meta });
    if (options.waitSites === true && sim.engine.callSites !== 'off') sim.engine.callSites = 'waits';
    // A failing script goes to the room's hook with the room and its script stack; the tick carries on.
    sim.engine.onError = (error: unknown, thread: Thread) => {
      this.failures++;
      report({ roomId: this.roomId, error, thread: thread.label, report: formatFailure(error, thread.scriptStack) });
    };
    this.recorder = resume?.recorder ?? new Recorder(sim, { meta: game.meta, checkpointEvery: options.checkpointEvery });
    this.taken = Array.from({ length: game.seats }, (_, seat) => resume?.taken[seat] === true);
    this.pending = new Array(game.seats).fill(null);
    this.acks = Array.from({ length: game.seats }, () => ({ seq: 0, tick: 0 }));
    if (resume === undefined) game.start(this.recorder);
    // A resumed room's players are away until they rejoin: their seats read the neutral input meanwhile.
    else for (let seat = 0; seat < game.seats; seat++) this.idleSeat(seat);
  }

  get sim(): S {
    return this.recorder.sim;
  }

  /** Ticks run. */
  get tick(): number {
    return this.sim.engine.tick;
  }

  /** Seats taken now. */
  get players(): number {
    return this.taken.filter(Boolean).length;
  }

  /** Whether a seat is taken. */
  isTaken(seat: number): boolean {
    return this.taken[seat] === true;
  }

  /** Takes the lowest free seat for a new player and tells the game; null when the room is full. */
  takeSeat(): number | null {
    const seat = this.taken.indexOf(false);
    if (seat < 0) return null;
    this.taken[seat] = true;
    this.acks[seat] = { seq: 0, tick: this.tick };
    this.pending[seat] = null;
    this.game.seat(this.recorder, seat, true);
    return seat;
  }

  /** Gives a seat up for good: the game removes that player. */
  freeSeat(seat: number): void {
    if (!this.taken[seat]) return;
    this.taken[seat] = false;
    this.pending[seat] = null;
    this.game.seat(this.recorder, seat, false);
  }

  /** A seat's client dropped: until it comes back, its input is the game's neutral one. */
  idleSeat(seat: number): void {
    if (this.taken[seat]) this.pending[seat] = { seq: this.acks[seat]!.seq, values: this.game.neutral };
  }

  /**
   * Queues a seat's input (already checked) for the next tick, which the return value names. A newer input for the
   * same tick replaces it: a tick reads one input per seat.
   */
  queue(seat: number, seq: number, values: readonly number[]): number {
    if (this.taken[seat]) this.pending[seat] = { seq, values };
    return this.tick + 1;
  }

  /** The last input applied for each seat: its sequence number and the tick it took effect in. */
  seatAcks(): readonly SeatAck[] {
    return this.acks;
  }

  /** Applies the queued input, runs one tick through the recorder, then the game's host step. */
  step(): void {
    for (let seat = 0; seat < this.pending.length; seat++) {
      const input = this.pending[seat];
      if (input === null || input === undefined) continue;
      this.pending[seat] = null;
      this.game.apply(this.recorder, seat, input.values);
      this.acks[seat] = { seq: input.seq, tick: this.tick + 1 };
    }
    this.recorder.step();
    this.game.afterTick?.(this.recorder);
  }

  /** The room so far, as a recording: `npm run replay -- <file> --verify` replays it. */
  recording(): Recording {
    return this.recorder.recording();
  }
}

function printScriptError(failure: RoomScriptError): void {
  console.error(`[loom room ${failure.roomId}] script failure in ${failure.thread}:\n${failure.report}`);
}

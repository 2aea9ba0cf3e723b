import type { Redis } from 'ioredis';
import { RECORDING_VERSION, encodeRecording, type Recorder, type RecordingHeader } from 'loom-threads';
import { ROOM_INDEX, roomKeys, roomLogCommands, type RoomKeys, type RoomLogCommands } from './room-log-scripts.ts';

/** Options of {@link RoomLog}. */
export interface RoomLogOptions {
  /** Ticks between appends. Default 6: a crash loses at most these ticks of input, plus one Redis round trip's. */
  flushEvery?: number;
  /** Milliseconds a lease lasts without an append; a room whose lease lapses is taken over elsewhere. Default 3000. */
  leaseMs?: number;
  /** Milliseconds a log is kept after its last append (a room whose every process died). Default 10 minutes. */
  keepMs?: number;
  /** The monotonic clock leases are timed with, in ms. Default `performance.now`. */
  now?: () => number;
}

/**
 * Where a log stands: `durable` (appends land), `not-durable` (Redis does not answer: the room ticks on, and its log
 * catches up when Redis is back), `moved` (another process holds the room now: this copy must stop), `closed` (the
 * room ended and its log was deleted), `released` (the room was handed over: its log kept, its lease given up).
 */
export type RoomLogState = 'durable' | 'not-durable' | 'moved' | 'closed' | 'released';

/** Where a log carries on from: what Redis already holds of it (a room rebuilt elsewhere). */
export interface LogPosition {
  events: number;
  checkpoints: number;
}

/**
 * A room's log in Redis while it runs: its recording, appended every `flushEvery` ticks as a chunk (the events and
 * checkpoint hashes since the last one) to a stream, under a lease that each append renews. The append is one
 * script: it lands only while this owner holds the lease, and only if it follows what the log holds, so a copy of
 * the room that lost its lease can never write, and a lost append is sent again. Appends are sent after the tick and
 * never awaited on it. `mayTick()` says whether the room may run its next tick: only while its lease is known to
 * hold (or Redis is down, when no one else can take it).
 *
 * @example
 * ```ts
 * const log = new RoomLog(redis, room.roomId, 'arena', owner);
 * await log.open(session.recorder);
 * // each tick: if (log.mayTick()) { session.step(); log.afterTick(); }
 * ```
 */
export class RoomLog {
  readonly keys: RoomKeys;
  readonly flushEvery: number;
  readonly leaseMs: number;
  private readonly keepMs: number;
  /** The monotonic clock the lease is timed with, in ms. */
  readonly now: () => number;
  private readonly commands: RoomLogCommands;
  private recorder: Recorder | null = null;
  private header: RecordingHeader | null = null;
  private sent: LogPosition = { events: 0, checkpoints: 0 };
  private acked: LogPosition = { events: 0, checkpoints: 0 };
  private confirmedAt = Number.NEGATIVE_INFINITY;
  private inFlight = 0;
  private lastAppend: Promise<void> = Promise.resolve();
  private seats = '[]';
  private seatsSent = '[]';
  private mail = '';
  private mailSent = '';
  private releasing = false;
  /** Where the log stands. */
  state: RoomLogState = 'durable';
  /** The last tick the log holds. */
  durableTick = 0;
  /** Appends that landed. */
  appends = 0;
  /** Called once when another process turns out to hold the room. */
  onMoved: () => void = () => {};
  /** Called when the log's state changes (not durable, durable again). */
  onState: (state: RoomLogState) => void = () => {};

  constructor(private readonly redis: Redis, readonly roomId: string, readonly roomName: string, readonly owner: string, options: RoomLogOptions = {}) {
    this.keys = roomKeys(roomId);
    this.flushEvery = options.flushEvery ?? 6;
    this.leaseMs = options.leaseMs ?? 3000;
    this.keepMs = options.keepMs ?? 600_000;
    this.now = options.now ?? (() => performance.now());
    if (!Number.isInteger(this.flushEvery) || this.flushEvery < 1) throw new RangeError(`room ${roomId}: flushEvery must be a whole number ≥ 1, not ${this.flushEvery}`);
    this.commands = roomLogCommands(redis);
  }

  /** Starts the log of a new room: its head and lease, then everything recorded so far with the first append. */
  async open(recorder: Recorder): Promise<void> {
    this.recorder = recorder;
    this.header = recorder.recording().header;
    const sentAt = this.now();
    const created = await this.commands.create(this.keys, this.owner, this.leaseMs, this.roomName, JSON.stringify(this.header), this.keepMs);
    if (created !== 1) throw new Error(`room ${this.roomId}: a log for this room id is already in Redis`);
    await this.redis.hset(ROOM_INDEX, this.roomId, this.roomName);
    this.confirmedAt = sentAt;
    this.append();
  }

  /**
   * Renews the lease of a room being rebuilt here, its log unchanged (an append of nothing at the counts it holds):
   * a long re-simulation must not let the lease lapse. Returns whether this owner still holds it, and when it asked.
   */
  async renew(position: LogPosition, tick: number): Promise<{ held: boolean; sentAt: number }> {
    const sentAt = this.now();
    const { events, checkpoints } = position;
    const [code] = await this.commands.append(this.keys, [this.owner, this.leaseMs, tick, events, events, checkpoints, checkpoints, '', '', this.keepMs, '']);
    return { held: code === 1, sentAt };
  }

  /** Carries on the log of a room rebuilt from it: this owner's lease was last confirmed at `confirmedAt` (on `now`'s clock). */
  adopt(recorder: Recorder, position: LogPosition, seats: readonly (string | null)[], confirmedAt: number): void {
    this.recorder = recorder;
    this.header = recorder.recording().header;
    this.sent = { ...position };
    this.acked = { ...position };
    this.seats = this.seatsSent = JSON.stringify(seats);
    this.mailSent = this.mail;
    this.durableTick = recorder.sim.engine.tick;
    this.confirmedAt = confirmedAt;
  }

  /** The seats' rejoin tokens (null: free), sent with the next append when they changed. */
  setSeats(tokens: readonly (string | null)[]): void {
    this.seats = JSON.stringify(tokens);
  }

  /** The room's mail state (colyseus/room-mail.ts), sent with the next append when it changed: with the deliveries it counts. */
  setMail(state: string): void {
    this.mail = state;
  }

  /** After each tick: every `flushEvery` ticks, sends what was recorded since the last append. */
  afterTick(): void {
    if (this.recorder !== null && this.recorder.sim.engine.tick % this.flushEvery === 0) this.append();
  }

  /**
   * Whether the room may run a tick now: while its lease holds by this process's clock (it is renewed by each append
   * and lasts `leaseMs` from when that append was sent), or while Redis does not answer. Otherwise it renews the
   * lease and the room waits: a process paused past its lease learns here, before it ticks, that its room has moved.
   */
  mayTick(): boolean {
    if (this.stopped || this.releasing || this.recorder === null) return false;
    if (this.now() < this.confirmedAt + this.leaseMs) return true;
    if (this.redis.status !== 'ready') {
      this.setState('not-durable');
      return true;
    }
    if (this.inFlight === 0) this.append();
    return false;
  }

  /** Deletes the room's log (the room has ended), if this owner still holds it. */
  async close(): Promise<void> {
    if (this.stopped) return;
    this.state = 'closed';
    if ((await this.commands.remove(this.keys, this.owner)) === 1) await this.redis.hdel(ROOM_INDEX, this.roomId);
  }

  /**
   * Hands the room over (its process is shutting down): the room ticks no more, its log gets every tick it ran (a
   * few appends at most, each awaited), and its lease is given up with its log kept, so another process's failover
   * scan rebuilds it at once, with nothing lost. Returns the last tick the log holds, or null if Redis did not take it
   * all (the lease is then left to lapse, as after a crash).
   */
  async release(): Promise<number | null> {
    if (this.stopped || this.recorder === null) return null;
    this.releasing = true;
    const tick = this.recorder.sim.engine.tick;
    for (let tries = 0; tries < 3 && !this.stopped && !this.holds(tick); tries++) {
      this.append();
      await this.settled();
    }
    if (this.stopped || !this.holds(tick)) return null;
    this.state = 'released';
    await this.commands.release(this.keys, this.owner);
    return tick;
  }

  // Whether every append sent has landed, the last at `tick`.
  private holds(tick: number): boolean {
    return this.durableTick === tick && this.acked.events === this.sent.events && this.acked.checkpoints === this.sent.checkpoints
      && this.seatsSent === this.seats && this.mailSent === this.mail;
  }

  private append(): void {
    const recorder = this.recorder!;
    const tick = recorder.sim.engine.tick;
    const from = this.sent;
    const chunk = recorder.since(from.events, from.checkpoints);
    const to = { events: from.events + chunk.events.length, checkpoints: from.checkpoints + chunk.checkpoints.length };
    const empty = chunk.events.length === 0 && chunk.checkpoints.length === 0;
    const bytes = empty ? '' : Buffer.from(encodeRecording({
      version: RECORDING_VERSION,
      header: this.header!,
      ticks: tick,
      events: chunk.events,
      // The hashes are what a rebuild checks against; the thread traces stay in the process's own recording.
      checkpoints: chunk.checkpoints.map(({ tick: at, hash }) => ({ tick: at, hash, threads: null })),
    }));
    const seats = this.seats === this.seatsSent ? '' : this.seats;
    const mail = this.mail === this.mailSent ? '' : this.mail;
    this.sent = to;
    this.seatsSent = this.seats;
    this.mailSent = this.mail;
    const sentAt = this.now();
    this.inFlight++;
    const done = this.commands.append(this.keys, [this.owner, this.leaseMs, tick, from.events, to.events, from.checkpoints, to.checkpoints, bytes, seats, this.keepMs, mail]).then(
      (reply) => this.landed(reply, { tick, to, sentAt }),
      () => this.failed(),
    ).finally(() => this.inFlight--);
    this.lastAppend = Promise.all([this.lastAppend, done]).then(() => {});
  }

  /** Resolves when every append sent so far has been answered (and its answer acted on). */
  settled(): Promise<void> {
    return this.lastAppend;
  }

  private landed([code, events, checkpoints]: number[], sent: { tick: number; to: LogPosition; sentAt: number }): void {
    if (this.stopped) return;
    if (code === 1) {
      this.appends++;
      this.acked = sent.to;
      this.durableTick = Math.max(this.durableTick, sent.tick);
      this.confirmedAt = Math.max(this.confirmedAt, sent.sentAt);
      this.setState('durable');
    } else if (code === 0) {
      this.state = 'moved';
      this.onMoved();
    } else if (code === -1) {
      this.recreate();
    } else {
      this.sent = { events: events!, checkpoints: checkpoints! };
      this.seatsSent = '';
      this.mailSent = '';
    }
  }

  private failed(): void {
    if (this.stopped) return;
    this.sent = this.acked;
    this.seatsSent = '';
    this.mailSent = '';
    this.setState('not-durable');
  }

  // Redis came back empty (restarted with persistence off): write the head again; the next append sends it all.
  private recreate(): void {
    this.setState('not-durable');
    this.sent = this.acked = { events: 0, checkpoints: 0 };
    this.seatsSent = '';
    this.mailSent = '';
    void this.commands.create(this.keys, this.owner, this.leaseMs, this.roomName, JSON.stringify(this.header), this.keepMs)
      .then(() => this.redis.hset(ROOM_INDEX, this.roomId, this.roomName))
      .catch(() => this.setState('not-durable'));
  }

  // Moved, closed or released: nothing more is appended, whatever answers are still on their way.
  private get stopped(): boolean {
    return this.state === 'moved' || this.state === 'closed' || this.state === 'released';
  }

  private setState(state: RoomLogState): void {
    if (this.state === state || this.stopped) return;
    this.state = state;
    this.onState(state);
  }
}

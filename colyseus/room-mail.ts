import type { Redis } from 'ioredis';
import type { Recorder, Thread } from 'loom-threads';
import type { DeliveredMail, MailError, MailOutbox, PostedMail } from './mail-outbox.ts';
import { mailCommands, type MailCommands } from './mail-scripts.ts';
import type { RoomLog } from './room-log.ts';
import { roomKeys } from './room-log-scripts.ts';

/** Options of {@link RoomMail}. */
export interface RoomMailOptions {
  /** The largest mail body, in bytes of JSON. Default 4096. */
  maxBytes?: number;
  /** Milliseconds an inbox is kept after its last mail. Default 10 minutes, as a log. */
  keepMs?: number;
  /** Where an error goes whose sending thread has ended. Default: printed. */
  onUndeliverable?: (error: MailError) => void;
}

/** What a room's log keeps of its mail (the head's `mail` field), written with the deliveries it counts. */
interface MailState {
  /** Each sending room's last mail taken (delivered, or bounced for an unknown name). */
  seen: Record<string, number>;
  /** The errors delivered to this room's threads, as `reporting room:seq`. */
  errors: string[];
  /** Every outgoing mail numbered up to this one is taken or has failed. */
  done: number;
  /** Errors owed to other rooms (unknown names), sent once the log holds the tick they were decided in. */
  bounces: { to: string; tick: number; payload: string }[];
}

/** Mail on its way out: sent once the log holds the tick it was posted in, so a rebuild posts the same. */
interface Outgoing {
  mail: PostedMail;
  readyAt: number;
  prev: number;
  payload: string;
}

/** What travels in an inbox: a mail, or an error coming back to its sender. */
type Arrival =
  | { kind: 'mail'; from: string; thread: string; threadId: number; seq: number; tick: number; name: string; body: unknown }
  | { kind: 'error'; from: string; threadId: number; seq: number; tick: number; error: MailError };

/**
 * A durable room's mail to and from other rooms, through Redis. Out: after each tick it drains the room's
 * {@link MailOutbox}, and sends each mail once the room's log holds the tick it was posted in, to the receiving
 * room's inbox stream (a script that takes each sender's mail in order and once). In: between ticks it delivers what
 * has arrived, sorted by (sent tick, sending room, sequence), to the named thread through the recorder, so it is in
 * the room's log and the room replays on its own; what it has taken is in the log's head, written by the same append,
 * so a room rebuilt elsewhere neither loses nor repeats a mail. Unknown rooms, unknown names and oversized mail come
 * back to the sending thread as a {@link MailError} naming the sending room and thread and the target room and name.
 *
 * @example
 * ```ts
 * const mail = new RoomMail(redis, log, session.recorder, world.outbox);
 * // each tick: if (log.mayTick()) { mail.beforeTick(); session.step(); log.afterTick(); mail.afterTick(); }
 * ```
 */
export class RoomMail {
  readonly roomId: string;
  private readonly commands: MailCommands;
  private readonly inbox: string;
  private readonly maxBytes: number;
  private readonly keepMs: number;
  private readonly onUndeliverable: (error: MailError) => void;
  private readonly state: MailState = { seen: {}, errors: [], done: 0, bounces: [] };
  private readonly errorKeys: Set<string>;
  private outgoing: Outgoing[] = [];
  private readonly lastTo = new Map<string, number>();
  private readonly threads = new Map<number, Thread>();
  private arrived: { id: string; arrival: Arrival }[] = [];
  private readonly localErrors: { threadId: number; error: MailError }[] = [];
  private processed: { id: string; tick: number }[] = [];
  private cursor = '-';
  private sending = false;
  private reading = false;
  private posted = 0;
  private pending: Promise<unknown> = Promise.resolve();
  /** Mail delivered to this room's threads, and errors delivered to them. */
  delivered = 0;
  errorsDelivered = 0;

  constructor(private readonly redis: Redis, private readonly log: RoomLog, private readonly recorder: Recorder, private readonly outbox: MailOutbox, options: RoomMailOptions = {}, state = '') {
    this.roomId = log.roomId;
    this.commands = mailCommands(redis);
    this.inbox = roomKeys(this.roomId).inbox;
    this.maxBytes = options.maxBytes ?? 4096;
    this.keepMs = options.keepMs ?? 600_000;
    this.onUndeliverable = options.onUndeliverable ?? ((error) => console.warn(`[loom room ${this.roomId}] ${error.error} (its thread has ended)`));
    if (state !== '') Object.assign(this.state, JSON.parse(state) as MailState);
    this.errorKeys = new Set(this.state.errors);
    // A rebuilt room's outbox holds everything its re-simulation posted: what was done before is not sent again.
    this.take(this.state.done);
  }

  /** Before a tick: delivers what has arrived, in order, through the recorder; asks the inbox for more. */
  beforeTick(): void {
    const arrived = this.arrived.sort((a, b) => a.arrival.tick - b.arrival.tick || compare(a.arrival.from, b.arrival.from) || a.arrival.seq - b.arrival.seq);
    this.arrived = [];
    const tick = this.recorder.sim.engine.tick;
    for (const { id, arrival } of arrived) {
      if (arrival.kind === 'mail') this.deliver(arrival);
      else this.deliverError(arrival.threadId, arrival.error, `${arrival.from}:${arrival.seq}`);
      this.processed.push({ id, tick });
    }
    const local = this.localErrors.splice(0);
    for (const { threadId, error } of local) this.deliverError(threadId, error, `${this.roomId}:${error.seq}`);
    if (arrived.length > 0 || local.length > 0) this.save();
    if (!this.reading) this.read();
  }

  /** After a tick (and the log's append): takes what scripts posted, and sends what the log now holds. */
  afterTick(): void {
    this.take(0);
    const durable = this.log.durableTick;
    if (!this.sending && this.outgoing.some((out) => out.readyAt <= durable)) this.send(durable);
    this.sendBounces(durable);
    this.trim(durable);
  }

  /** Resolves when everything sent or read so far has been answered. */
  async settled(): Promise<void> {
    let before: Promise<unknown>;
    do {
      before = this.pending;
      await before;
    } while (before !== this.pending);
  }

  private take(doneBefore: number): void {
    const readyAt = this.recorder.sim.engine.tick;
    for (const mail of this.outbox.drain()) {
      this.posted = mail.seq;
      this.threads.set(mail.thread.id, mail.thread);
      const payload = encode({ kind: 'mail', from: this.roomId, thread: mail.thread.label, threadId: mail.thread.id, seq: mail.seq, tick: mail.tick, name: mail.name, body: mail.body });
      const bytes = typeof payload === 'string' ? Buffer.byteLength(JSON.stringify(mail.body) ?? '') : 0;
      const refused = typeof payload !== 'string' ? `its body is not JSON (${payload.error})` : bytes > this.maxBytes ? `it is ${bytes} bytes of JSON, over the limit of ${this.maxBytes}` : null;
      if (refused !== null || typeof payload !== 'string') {
        if (mail.seq > doneBefore) this.localErrors.push({ threadId: mail.thread.id, error: this.error(mail, refused!) });
        continue;
      }
      const prev = this.lastTo.get(mail.room) ?? 0;
      this.lastTo.set(mail.room, mail.seq);
      if (mail.seq > doneBefore) this.outgoing.push({ mail, readyAt, prev, payload });
    }
    for (const [id, thread] of this.threads) if (!thread.alive) this.threads.delete(id);
  }

  // One call per receiving room, each room's mail in order; what was not taken is sent again after the next tick.
  private send(durable: number): void {
    const byRoom = new Map<string, Outgoing[]>();
    for (const out of this.outgoing) {
      if (out.readyAt > durable) continue;
      const batch = byRoom.get(out.mail.room) ?? [];
      batch.push(out);
      byRoom.set(out.mail.room, batch);
    }
    this.sending = true;
    const sends = [...byRoom].map(([room, batch]) => this.commands.post(room, this.roomId, batch.map(({ mail, prev, payload }) => ({ seq: mail.seq, prev, payload })), this.keepMs).then(
      (codes) => batch.map((out, i) => ({ out, code: codes[i]! })),
      () => [],
    ));
    this.track(Promise.all(sends).then((answers) => {
      const finished = new Set<Outgoing>();
      for (const { out, code } of answers.flat()) {
        if (code === 1 || code === 0) finished.add(out);
        if (code === -1) {
          finished.add(out);
          this.localErrors.push({ threadId: out.mail.thread.id, error: this.error(out.mail, `there is no room ${out.mail.room}`) });
        }
      }
      this.outgoing = this.outgoing.filter((out) => !finished.has(out));
      const done = this.outgoing.length > 0 ? this.outgoing[0]!.mail.seq - 1 : this.posted;
      if (done !== this.state.done) {
        this.state.done = done;
        this.save();
      }
    }).finally(() => (this.sending = false)));
  }

  private read(): void {
    this.reading = true;
    const from = this.cursor === '-' ? '-' : `(${this.cursor}`;
    this.track(this.redis.xrange(this.inbox, from, '+').then((entries) => {
      for (const [id, fields] of entries) {
        this.cursor = id;
        this.arrived.push({ id, arrival: JSON.parse(fields[1]!) as Arrival });
      }
    }, () => {}).finally(() => (this.reading = false)));
  }

  private deliver(mail: Extract<Arrival, { kind: 'mail' }>): void {
    if (mail.seq <= (this.state.seen[mail.from] ?? 0)) return; // taken before this room was rebuilt
    this.state.seen[mail.from] = mail.seq;
    const thread = this.recorder.sim.engine.whereis(mail.name);
    if (thread === null) {
      this.bounce(mail, `room ${this.roomId} has no thread named ${JSON.stringify(mail.name)}`);
      return;
    }
    const delivered: DeliveredMail = { kind: 'mail', from: mail.from, thread: mail.thread, seq: mail.seq, tick: mail.tick, body: mail.body };
    try {
      this.recorder.send(thread as Thread<unknown, DeliveredMail>, delivered);
      this.delivered++;
    } catch (error) {
      // A body a recording cannot hold (a key starting with $) goes back, as an unknown name does.
      this.bounce(mail, `room ${this.roomId} cannot record it: ${(error as Error).message}`);
    }
  }

  private bounce(mail: Extract<Arrival, { kind: 'mail' }>, why: string): void {
    const error: MailError = { kind: 'mail-error', error: mailError(mail.from, mail.thread, mail.seq, this.roomId, mail.name, why), room: this.roomId, name: mail.name, seq: mail.seq };
    const payload = JSON.stringify({ kind: 'error', from: this.roomId, threadId: mail.threadId, seq: mail.seq, tick: mail.tick, error });
    this.state.bounces.push({ to: mail.from, tick: this.recorder.sim.engine.tick, payload });
  }

  private deliverError(threadId: number, error: MailError, key: string): void {
    if (this.errorKeys.has(key)) return;
    this.errorKeys.add(key);
    this.state.errors.push(key);
    const thread = this.threads.get(threadId);
    if (thread === undefined || !thread.alive) {
      this.onUndeliverable(error);
      return;
    }
    this.recorder.send(thread as Thread<unknown, MailError>, error);
    this.errorsDelivered++;
  }

  // Errors owed to other rooms go once the log holds the tick they were decided in; the log's head forgets them after.
  // Decided before the step of tick + 1 (`tick` is the engine's then), they are in the appends from that tick on.
  private sendBounces(durable: number): void {
    const ready = this.state.bounces.filter((bounce) => bounce.tick < durable);
    if (ready.length === 0 || this.sending) return;
    this.sending = true;
    this.track(Promise.all(ready.map((bounce) => this.commands.bounce(bounce.to, bounce.payload, this.keepMs).then(() => true, () => false))).then((sent) => {
      const gone = new Set(ready.filter((_, i) => sent[i]));
      this.state.bounces = this.state.bounces.filter((bounce) => !gone.has(bounce));
      if (gone.size > 0) this.save();
    }).finally(() => (this.sending = false)));
  }

  // Inbox entries the log has counted (and whose bounces went) are deleted: a rebuild would skip them anyway. An
  // entry delivered before the step of tick + 1 is in the appends from that tick on: the append of `tick` itself,
  // sent before the delivery, does not hold it, and a rebuild from it must still find the entry.
  private trim(durable: number): void {
    const owed = this.state.bounces.length > 0 ? Math.min(...this.state.bounces.map((bounce) => bounce.tick)) : Infinity;
    const done = this.processed.filter((entry) => entry.tick < durable && entry.tick < owed);
    if (done.length === 0) return;
    this.processed = this.processed.slice(done.length);
    this.track(this.redis.xdel(this.inbox, ...done.map((entry) => entry.id)).catch(() => {}));
  }

  private error(mail: PostedMail, why: string): MailError {
    return { kind: 'mail-error', error: mailError(this.roomId, mail.thread.label, mail.seq, mail.room, mail.name, why), room: mail.room, name: mail.name, seq: mail.seq };
  }

  private save(): void {
    this.log.setMail(JSON.stringify(this.state));
  }

  private track(promise: Promise<unknown>): void {
    this.pending = Promise.all([this.pending, promise]);
  }
}

function mailError(fromRoom: string, thread: string, seq: number, toRoom: string, name: string, why: string): string {
  return `room ${fromRoom}, thread ${thread}: mail #${seq} to ${JSON.stringify(name)} in room ${toRoom} was not delivered: ${why}`;
}

// JSON.stringify throws on a cycle or a BigInt: a script's bad body must not stop its room's tick.
function encode(value: unknown): string | { error: string } {
  try {
    return JSON.stringify(value);
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

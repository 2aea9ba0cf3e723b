import { useEngine, useThread, type Thread } from 'loom-threads';

/** One piece of mail a script posted: numbered in the order the room's scripts posted it, which a replay repeats. */
export interface PostedMail {
  seq: number;
  /** The tick it was posted in. */
  tick: number;
  thread: Thread;
  room: string;
  name: string;
  body: unknown;
}

/** What a named thread receives when mail from another room is delivered to it (between two ticks). */
export interface DeliveredMail {
  kind: 'mail';
  /** The sending room's id and thread label (`#12 hive`). */
  from: string;
  thread: string;
  seq: number;
  /** The tick the sending room posted it in. */
  tick: number;
  body: unknown;
}

/** What the sending thread receives when its mail could not be delivered: the error names both ends. */
export interface MailError {
  kind: 'mail-error';
  error: string;
  room: string;
  name: string;
  seq: number;
}

/**
 * A room's mail to other rooms, as its scripts post it: plain data in the simulation's world, no network. The host
 * (`RoomMail`) drains it after each tick and sends it on; because it only holds what scripts did, a replay or a
 * rebuild of the room posts the same mail with the same numbers. Replies and errors come back to the posting thread
 * as messages ({@link DeliveredMail}, {@link MailError}).
 *
 * @example
 * ```ts
 * function* scout(outbox: MailOutbox) {
 *   outbox.post('north-room', 'hive', { spotted: 3 }); // delivered to the thread named 'hive' there
 *   const reply = yield* receive();
 * }
 * ```
 */
export class MailOutbox {
  private posted: PostedMail[] = [];
  private count = 0;

  /** Posts `body` to the thread named `name` in room `room`, from the running script's thread. Returns its number. */
  post(room: string, name: string, body: unknown): number {
    const thread = useThread();
    const seq = ++this.count;
    this.posted.push({ seq, tick: useEngine().tick, thread, room, name, body });
    return seq;
  }

  /** Takes everything posted since the last drain, in order. */
  drain(): PostedMail[] {
    const posted = this.posted;
    this.posted = [];
    return posted;
  }
}

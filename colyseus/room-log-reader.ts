import type { Redis } from 'ioredis';
import { RECORDING_VERSION, decodeRecording, type Checkpoint, type HostEvent, type Recording, type RecordingHeader } from 'loom-threads';
import type { LogPosition } from './room-log.ts';
import { roomKeys } from './room-log-scripts.ts';

/** A room as its log in Redis holds it: enough to rebuild it by re-simulation. */
export interface LoggedRoom {
  roomId: string;
  roomName: string;
  /** The recording up to the last tick the log holds (checkpoints keep their hashes only). */
  recording: Recording;
  /** What the log holds: the counts a rebuilt room's log carries on from. */
  position: LogPosition;
  /** Each seat's rejoin token; null for a free seat. */
  seats: (string | null)[];
  /** The owner that last held the room's lease. */
  owner: string;
  /** The room's mail state as its last append wrote it ('' for none): see colyseus/room-mail.ts. */
  mail: string;
}

/**
 * Reads room `roomId`'s log back from Redis: its head, then every chunk of its stream, in order, joined into one
 * recording. Null when Redis has no log for it. A log whose chunks do not add up to the counts in its head (or
 * whose chunks do not decode) is an error naming the room: rebuilding from it would not be the same room.
 *
 * @example
 * ```ts
 * const logged = await readRoomLog(redis, 'Xy12ab');
 * const recorder = restore(logged!.recording, game.create); // checks the last checkpoint's hash
 * ```
 */
export async function readRoomLog(redis: Redis, roomId: string): Promise<LoggedRoom | null> {
  const keys = roomKeys(roomId);
  // One transaction: an append landing between reading the head and the stream would make them disagree.
  const replies = (await redis.multi().hgetall(keys.head).xrangeBuffer(keys.log, '-', '+').exec()) ?? [];
  for (const [error] of replies) if (error) throw error;
  const head = replies[0]![1] as Record<string, string>;
  const entries = replies[1]![1] as [Buffer, Buffer[]][];
  if (head.header === undefined) return null;
  const events: HostEvent[] = [];
  const checkpoints: Checkpoint[] = [];
  for (const [id, fields] of entries) {
    const chunk = fields[fields.findIndex((field, i) => i % 2 === 0 && field.toString() === 'chunk') + 1];
    if (chunk === undefined) throw new Error(`room ${roomId}: log entry ${id.toString()} has no chunk`);
    const part = decodeRecording(new Uint8Array(chunk));
    events.push(...part.events);
    checkpoints.push(...part.checkpoints);
  }
  const position = { events: Number(head.events), checkpoints: Number(head.checkpoints) };
  if (events.length !== position.events || checkpoints.length !== position.checkpoints) {
    throw new Error(`room ${roomId}: its log holds ${events.length} events and ${checkpoints.length} checkpoints, but its head counts ${position.events} and ${position.checkpoints}`);
  }
  const header = JSON.parse(head.header) as RecordingHeader;
  return {
    roomId,
    roomName: head.name ?? '',
    recording: { version: RECORDING_VERSION, header, ticks: Number(head.tick), events, checkpoints },
    position,
    seats: JSON.parse(head.seats ?? '[]') as (string | null)[],
    owner: head.owner ?? '',
    mail: head.mail ?? '',
  };
}

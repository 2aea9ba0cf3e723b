import { Client, type Room } from 'colyseus.js';
import { decodeViewFrame, encodeInput, type ViewFrame } from 'loom-threads/colyseus/client';

/** What the room tells a client when it joins (the adapter's `SeatMessage`). */
export interface Seat {
  seat: number;
  roomId: string;
  tickRate: number;
  viewEvery: number;
  seats: number;
}

/** Options of {@link joinRoom}. */
export interface LinkOptions {
  /** Milliseconds added to every round trip (half each way), to try the game as a far-away player would. */
  lag?: number;
  /** Called with each view, when it arrives (after the added lag). */
  onView(frame: ViewFrame, arrivedMs: number): void;
  /** Called with an error the room sends (a refused input) or a lost connection. */
  onProblem(message: string): void;
}

/** A client's connection to a Loom room: its seat, its input going out, the views coming in, and the ping. */
export interface ServerLink {
  seat: Seat;
  room: Room;
  /** Sends one input: its sequence number and the game's values. */
  send(seq: number, values: readonly number[]): void;
  /** The last round trip measured, in ms (NaN until one is). */
  readonly pingMs: number;
  leave(): void;
}

const PING_EVERY_MS = 1000;

/**
 * Joins (or creates) a room on a Loom server with colyseus.js, and waits for its seat. Views are decoded as they
 * come; a ping goes out every second. With `lag`, every message waits half of it each way.
 *
 * @example
 * ```ts
 * const link = await joinRoom('ws://127.0.0.1:2567', 'arena', { onView: (frame) => show(frame), onProblem: console.warn });
 * link.send(1, [8, 4480, 2800]);
 * ```
 */
export async function joinRoom(url: string, roomName: string, options: LinkOptions): Promise<ServerLink> {
  const half = Math.max(0, options.lag ?? 0) / 2;
  const later = (run: () => void): void => {
    if (half > 0) setTimeout(run, half);
    else run();
  };
  const room = await new Client(url).joinOrCreate(roomName);
  const seat = await new Promise<Seat>((resolve) => room.onMessage('seat', resolve));
  let pingMs = Number.NaN;
  room.onMessage('view', (bytes: Uint8Array) => later(() => options.onView(decodeViewFrame(bytes), performance.now())));
  room.onMessage('pong', (bytes: Uint8Array) => later(() => {
    pingMs = performance.now() - new DataView(bytes.buffer, bytes.byteOffset).getFloat64(0, true);
  }));
  room.onError((code, message) => options.onProblem(`${code}: ${message ?? ''}`));
  room.onLeave((code) => options.onProblem(`left the room (${code})`));
  const ping = (): void => {
    const stamp = new Uint8Array(8);
    new DataView(stamp.buffer).setFloat64(0, performance.now(), true);
    later(() => room.sendBytes('ping', stamp));
  };
  ping();
  const pinger = setInterval(ping, PING_EVERY_MS);
  return {
    seat,
    room,
    send: (seq, values) => {
      const bytes = encodeInput(seq, values);
      later(() => room.sendBytes('input', bytes));
    },
    get pingMs() {
      return pingMs;
    },
    leave() {
      clearInterval(pinger);
      void room.leave(true).catch(() => {});
    },
  };
}

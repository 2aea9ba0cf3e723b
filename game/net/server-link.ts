import { Client, type Room } from 'colyseus.js';
import { RECORDING_REFUSED, RoomConnection, decodeViewFrame, encodeInput, reconnectWith, type ConnectionStatus, type SeatMessage, type ViewFrame } from 'loom-threads/colyseus/client';

/** Options of {@link joinRoom}. */
export interface LinkOptions {
  /** Milliseconds added to every round trip (half each way), to try the game as a far-away player would. */
  lag?: number;
  /** Called with each view, when it arrives (after the added lag). */
  onView(frame: ViewFrame, arrivedMs: number): void;
  /** Called with an error the room sends (a refused input) or a connection lost for good. */
  onProblem(message: string): void;
  /** Called when the connection drops, comes back, or is given up (see `RoomConnection`). */
  onStatus?(status: ConnectionStatus): void;
}

/** A client's connection to a Loom room: its seat, its input going out, the views coming in, and the ping. */
export interface ServerLink {
  seat: SeatMessage;
  /** The room now: a reconnection replaces it. */
  readonly room: Room;
  /** `connected`, `reconnecting` (the seat is kept meanwhile), `lost` or `left`. */
  readonly status: ConnectionStatus;
  /** Sends one input: its sequence number and the game's values. Dropped while reconnecting. */
  send(seq: number, values: readonly number[]): void;
  /** The last round trip measured, in ms (NaN until one is). */
  readonly pingMs: number;
  /**
   * Asks the room for its recording so far (a save): resolves with its bytes, `npm run replay`'s format; rejects
   * with the room's reason if it refuses (asked too soon, too big) or the connection is down.
   */
  requestRecording(): Promise<Uint8Array>;
  leave(): void;
}

const PING_EVERY_MS = 1000;

/**
 * Joins (or creates) a room on a Loom server with colyseus.js, and waits for its seat. Views are decoded as they
 * come; a ping goes out every second. A dropped connection is reconnected by itself within the room's grace period
 * (`RoomConnection`), keeping the seat. With `lag`, every message waits half of it each way.
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
  const client = new Client(url);
  const first = await client.joinOrCreate(roomName);
  const seat = await new Promise<SeatMessage>((resolve) => first.onMessage('seat', resolve));
  let pingMs = Number.NaN;
  let saving: { resolve(bytes: Uint8Array): void; reject(error: Error): void } | null = null;
  const attach = (room: Room): void => {
    room.onMessage('recording', (bytes: Uint8Array) => {
      saving?.resolve(bytes);
      saving = null;
    });
    room.onMessage('view', (bytes: Uint8Array) => later(() => options.onView(decodeViewFrame(bytes), performance.now())));
    room.onMessage('pong', (bytes: Uint8Array) => later(() => {
      pingMs = performance.now() - new DataView(bytes.buffer, bytes.byteOffset).getFloat64(0, true);
    }));
    room.onError((code, message) => {
      if (code === RECORDING_REFUSED && saving !== null) {
        saving.reject(new Error(message ?? 'the room refused'));
        saving = null;
      } else options.onProblem(`${code}: ${message ?? ''}`);
    });
  };
  const connection = new RoomConnection(first, {
    rejoin: reconnectWith(client),
    graceMs: seat.graceSeconds * 1000,
    attach,
    onStatus(status) {
      if (status.state === 'lost') options.onProblem(status.reason);
      if (status.state !== 'connected' && saving !== null) {
        saving.reject(new Error('the connection dropped before the recording came'));
        saving = null;
      }
      options.onStatus?.(status);
    },
  });
  const connected = (): boolean => connection.status.state === 'connected';
  const ping = (): void => {
    const stamp = new Uint8Array(8);
    new DataView(stamp.buffer).setFloat64(0, performance.now(), true);
    later(() => {
      if (connected()) connection.room.sendBytes('ping', stamp);
    });
  };
  ping();
  const pinger = setInterval(ping, PING_EVERY_MS);
  return {
    seat,
    get room() {
      return connection.room;
    },
    get status() {
      return connection.status;
    },
    send: (seq, values) => {
      const bytes = encodeInput(seq, values);
      later(() => {
        if (connected()) connection.room.sendBytes('input', bytes);
      });
    },
    get pingMs() {
      return pingMs;
    },
    requestRecording() {
      if (!connected()) return Promise.reject(new Error('not connected to the room'));
      if (saving !== null) return Promise.reject(new Error('a save is already on its way'));
      return new Promise<Uint8Array>((resolve, reject) => {
        saving = { resolve, reject };
        connection.room.send('recording');
      });
    },
    leave() {
      clearInterval(pinger);
      void connection.leave();
    },
  };
}

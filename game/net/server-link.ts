import { Client, type Room } from 'colyseus.js';
import { RECORDING_REFUSED, RoomConnection, decodeViewFrame, encodeInput, type ConnectionStatus, type RejoinTicket, type SeatMessage, type ViewFrame } from 'loom-threads/colyseus/client';
import { rejoinByAnyMeans, throughAny } from './rejoin.ts';

/** Options of {@link joinRoom}. */
export interface LinkOptions {
  /** Milliseconds added to every round trip (half each way), to try the game as a far-away player would. */
  lag?: number;
  /**
   * The other processes of the server's cluster (`npm run server:cluster`): if the room's process dies, the room is
   * rebuilt on one of them and the client rejoins it through any of these (or the joining address).
   */
  servers?: readonly string[];
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
  /**
   * How the link is getting back in since its last drop, or got back: `'reconnection'` to the room's process,
   * `'failover'` once that process is found gone and the room's rejoin ticket is used to join it rebuilt on
   * another; null before any drop.
   */
  readonly way: 'reconnection' | 'failover' | null;
  /** False while the room says its log is not reaching Redis (a crash now would lose the room); true otherwise. */
  readonly durable: boolean;
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
 * Joins (or creates) a room on a Loom server with colyseus.js, and waits for its seat: through `url`, else through
 * each of `servers` in turn (a cluster whose first process is gone still takes the player). Views are decoded as they
 * come; a ping goes out every second. A dropped connection is reconnected by itself within the room's grace period
 * (`RoomConnection`), keeping the seat; if the room's process died, the client rejoins the room rebuilt on another
 * process of the cluster with the room's rejoin ticket, through `url` or `servers` (`rejoinByAnyMeans`): the same
 * seat and ship. With `lag`, every message waits half of it each way.
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
  const first = await joinFirstAnswering([...new Set([url, ...(options.servers ?? [])])], roomName);
  let ticket: RejoinTicket | null = null;
  const keepTicket = (room: Room): void => void room.onMessage('rejoin', (sent: RejoinTicket) => void (ticket = sent));
  // A durable room sends the ticket right after the seat: listened for before the seat is awaited, not to miss it.
  keepTicket(first);
  const seat = await new Promise<SeatMessage>((resolve) => first.onMessage('seat', resolve));
  let pingMs = Number.NaN;
  let saving: { resolve(bytes: Uint8Array): void; reject(error: Error): void } | null = null;
  let way: ServerLink['way'] = null;
  let durable = true;
  const attach = (room: Room): void => {
    if (room !== first) {
      keepTicket(room);
      // A room taken back says the seat again: the one the ticket or the reconnection asked for.
      room.onMessage('seat', (again: SeatMessage) => {
        if (again.seat !== seat.seat) options.onProblem(`room ${again.roomId} gave back seat ${again.seat}, not seat ${seat.seat}`);
      });
    }
    room.onMessage('durable', (said: boolean) => void (durable = said));
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
    rejoin: rejoinByAnyMeans([...new Set([url, ...(options.servers ?? [])])], () => ticket, () => void (way = 'failover')),
    graceMs: seat.graceSeconds * 1000,
    attach,
    onStatus(status) {
      if (status.state === 'reconnecting' && status.attempt === 1) way = 'reconnection';
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
    get way() {
      return way;
    },
    get durable() {
      return durable;
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

// Joins through the first address that answers; if none does, says which were tried and why the last one failed.
async function joinFirstAnswering(addresses: readonly string[], roomName: string): Promise<Room> {
  try {
    return await throughAny(addresses, (address) => new Client(address).joinOrCreate(roomName));
  } catch (error) {
    throw new Error(`no server answered at ${addresses.join(', ')} (${joinFailure(error)})`, { cause: error });
  }
}

/**
 * Why a join failed, readable: colyseus.js rejects with the browser's ProgressEvent, which has no message, when
 * nothing listens at the address.
 *
 * @example
 * ```ts
 * joinFailure(new Error('seat taken')); // 'seat taken'
 * ```
 */
export function joinFailure(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'type' in error) return `the request ended with a network ${String(error.type)}`;
  return String(error);
}

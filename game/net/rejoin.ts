import { Client, type Room } from 'colyseus.js';
import type { RejoinTicket } from 'loom-threads/colyseus/client';

/** Options of {@link rejoinRoom}. */
export interface RejoinOptions {
  /** Rounds over the server addresses before giving up. Default 40. */
  rounds?: number;
  /** Milliseconds between rounds: the room takes a moment to be rebuilt. Default 250. */
  retryMs?: number;
}

/**
 * Keeps the latest rejoin ticket a durable room sends (`'rejoin'`, on join), starting from `known` if the client
 * already holds one for it: what {@link rejoinRoom} needs when the room's process dies.
 *
 * @example
 * ```ts
 * const ticket = keepRejoinTicket(room);
 * room.onLeave(() => void rejoinRoom(servers, ticket()!));
 * ```
 */
export function keepRejoinTicket(room: Room, known: RejoinTicket | null = null): () => RejoinTicket | null {
  let ticket = known;
  room.onMessage('rejoin', (sent: RejoinTicket) => void (ticket = sent));
  return () => ticket;
}

/**
 * Takes a seat back in a room whose process died, once another process has rebuilt it: joins the room by id with
 * the ticket, through each of `servers` in turn (the one the client used may be the one that died), a round every
 * `retryMs`. For when plain reconnection (`client.reconnect(token)`) fails because the process that knew the token is
 * gone. Throws, naming the room and the seat, if no round succeeds.
 *
 * @example
 * ```ts
 * const room = await rejoinRoom(['ws://127.0.0.1:2567', 'ws://127.0.0.1:2568'], ticket);
 * ```
 */
export async function rejoinRoom(servers: readonly string[], ticket: RejoinTicket, options: RejoinOptions = {}): Promise<Room> {
  const rounds = options.rounds ?? 40;
  let last: unknown = null;
  for (let round = 0; round < rounds; round++) {
    if (round > 0) await new Promise((resolve) => setTimeout(resolve, options.retryMs ?? 250));
    try {
      return await throughAny(servers, (server) => new Client(server).joinById(ticket.roomId, { rejoin: ticket }));
    } catch (error) {
      last = error;
    }
  }
  const why = last instanceof Error ? last.message : String(last);
  throw new Error(`could not rejoin room ${ticket.roomId} at seat ${ticket.seat} through ${servers.join(', ')}: ${why}`);
}

/**
 * `attempt` through each of `servers` in turn: what the first that answers gives, or the last failure.
 *
 * @example
 * ```ts
 * const room = await throughAny(['ws://127.0.0.1:2567', 'ws://127.0.0.1:2568'], (url) => new Client(url).joinOrCreate('arena'));
 * ```
 */
export async function throughAny<T>(servers: readonly string[], attempt: (server: string) => Promise<T>): Promise<T> {
  let last: unknown = new Error('no server to try');
  for (const server of servers) {
    try {
      return await attempt(server);
    } catch (error) {
      last = error;
    }
  }
  throw last;
}

/** Options of {@link rejoinWhenLost}. */
export interface RejoinWhenLostOptions extends RejoinOptions {
  /** Called with the room once the client is back in it (register its message handlers again there). */
  onRejoined(room: Room): void;
  /** Called when the client could not get back in. */
  onGiveUp(error: Error): void;
}

/**
 * Makes a client take its seat back by itself when its room's connection is lost for any reason but its own leave:
 * first Colyseus's reconnection (the process is alive and kept the seat), then, if that fails because the process
 * died, {@link rejoinRoom} with the room's latest ticket. It follows the rejoined room the same way.
 *
 * @example
 * ```ts
 * rejoinWhenLost(room, servers, { onRejoined: (again) => listen(again), onGiveUp: (error) => show(error.message) });
 * ```
 */
export function rejoinWhenLost(room: Room, servers: readonly string[], options: RejoinWhenLostOptions, known: RejoinTicket | null = null): void {
  // A rejoined room sends the same ticket again; until it has, the one this client already holds stands.
  const ticket = keepRejoinTicket(room, known);
  room.onLeave((code) => {
    if (code === CONSENTED) return;
    void comeBack(room, servers, ticket(), options).then(
      (again) => {
        rejoinWhenLost(again, servers, options, ticket());
        options.onRejoined(again);
      },
      (error: unknown) => options.onGiveUp(error instanceof Error ? error : new Error(String(error))),
    );
  });
}

// colyseus.js's close code for a leave the client asked for.
const CONSENTED = 4000;

async function comeBack(room: Room, servers: readonly string[], ticket: RejoinTicket | null, options: RejoinOptions): Promise<Room> {
  const back = await reconnectThroughAny(room, servers);
  if (back !== null) return back;
  if (ticket === null) throw new Error(`lost room ${room.roomId} before it sent a rejoin ticket`);
  return rejoinRoom(servers, ticket, options);
}

/**
 * Colyseus's reconnection through each of `servers` in turn; null when none took the client back. It stops at the
 * first server that answers with a matchmaking error (it has a code): that server knows the seat is not there.
 */
async function reconnectThroughAny(room: Room, servers: readonly string[]): Promise<Room | null> {
  for (const server of servers) {
    try {
      return await new Client(server).reconnect(room.reconnectionToken);
    } catch (error) {
      if (typeof (error as { code?: unknown }).code === 'number') break;
    }
  }
  return null;
}

/**
 * One try at getting back into a lost room, for `RoomConnection`'s `rejoin` (which waits and tries again): Colyseus's
 * reconnection through each of `servers`, then, if none took the client back (its process died, or the room moved),
 * one round of {@link rejoinRoom} with the room's latest ticket, after telling `onFailover`. Rejects naming the room
 * when it has no ticket yet or no server let it in.
 *
 * @example
 * ```ts
 * let ticket: RejoinTicket | null = null;
 * new RoomConnection(room, {
 *   rejoin: rejoinByAnyMeans(servers, () => ticket, () => (hud.textContent = 'the room moved: rejoining')),
 *   attach: (joined) => joined.onMessage('rejoin', (sent: RejoinTicket) => void (ticket = sent)),
 * });
 * ```
 */
export function rejoinByAnyMeans(servers: readonly string[], ticket: () => RejoinTicket | null, onFailover: () => void = () => {}): (lost: Room) => Promise<Room> {
  return async (lost) => {
    const back = await reconnectThroughAny(lost, servers);
    if (back !== null) return back;
    const held = ticket();
    if (held === null) throw new Error(`lost room ${lost.roomId} before it sent a rejoin ticket`);
    onFailover();
    return rejoinRoom(servers, held, { rounds: 1 });
  };
}

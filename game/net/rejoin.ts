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
 * Keeps the latest rejoin ticket a durable room sends (`'rejoin'`, on join): what {@link rejoinRoom} needs when the
 * room's process dies.
 *
 * @example
 * ```ts
 * const ticket = keepRejoinTicket(room);
 * room.onLeave(() => void rejoinRoom(servers, ticket()!));
 * ```
 */
export function keepRejoinTicket(room: Room): () => RejoinTicket | null {
  let ticket: RejoinTicket | null = null;
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
    for (const server of servers) {
      try {
        return await new Client(server).joinById(ticket.roomId, { rejoin: ticket });
      } catch (error) {
        last = error;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, options.retryMs ?? 250));
  }
  const why = last instanceof Error ? last.message : String(last);
  throw new Error(`could not rejoin room ${ticket.roomId} at seat ${ticket.seat} through ${servers.join(', ')}: ${why}`);
}

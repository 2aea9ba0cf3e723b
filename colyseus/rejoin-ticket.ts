/**
 * What a client keeps to take its seat back in a room rebuilt on another process (its own process died, so Colyseus's
 * reconnection token is gone with it): the room's id, the seat, and the seat's secret token. A durable room sends it
 * on join (`room.onMessage('rejoin', ...)`); the client joins the room by id with `{ rejoin: ticket }`.
 */
export interface RejoinTicket {
  roomId: string;
  seat: number;
  token: string;
}

/**
 * The close code a client gets when its room now runs on another process, or was handed over to one (its process is
 * shutting down): rejoin it with the ticket.
 */
export const ROOM_MOVED = 4210;

/** Reads a rejoin ticket from untrusted join options; null when it is not one. */
export function parseRejoinTicket(value: unknown): RejoinTicket | null {
  if (typeof value !== 'object' || value === null) return null;
  const { roomId, seat, token } = value as Record<string, unknown>;
  if (typeof roomId !== 'string' || typeof token !== 'string' || token.length > 64) return null;
  if (typeof seat !== 'number' || !Number.isInteger(seat) || seat < 0) return null;
  return { roomId, seat, token };
}

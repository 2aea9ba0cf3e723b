/** What a client learns when it joins: `room.onMessage('seat', ...)`. */
export interface SeatMessage {
  seat: number;
  roomId: string;
  tickRate: number;
  viewEvery: number;
  seats: number;
  /** The room's seed: with the recording, what the world is built from. */
  seed: number;
  /** Seconds the room keeps a dropped client's seat: reconnecting later is no use. */
  graceSeconds: number;
}

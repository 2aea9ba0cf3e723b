import type { SeatAck } from './room-session.ts';

/** A view as a client receives it: the tick it shows, each seat's last applied input, and the game's bytes. */
export interface ViewFrame {
  tick: number;
  acks: SeatAck[];
  view: Uint8Array;
}

/**
 * Frames a game's view for the wire: the tick (32 bits), the seat count (8 bits), per seat the sequence number of
 * its last applied input and the tick it took effect in (32 bits each), then the game's own bytes. The acks are what
 * a client predicting its own ship replays its unacknowledged input from.
 *
 * @example
 * ```ts
 * const frame = encodeViewFrame(session.tick, session.seatAcks(), game.view(session.sim, session.tick - 2));
 * decodeViewFrame(frame).tick === session.tick; // true
 * ```
 */
export function encodeViewFrame(tick: number, acks: readonly SeatAck[], view: Uint8Array): Uint8Array {
  const head = 5 + 8 * acks.length;
  const bytes = new Uint8Array(head + view.byteLength);
  const data = new DataView(bytes.buffer);
  data.setUint32(0, tick, true);
  data.setUint8(4, acks.length);
  acks.forEach((ack, i) => {
    data.setUint32(5 + 8 * i, ack.seq >>> 0, true);
    data.setUint32(9 + 8 * i, ack.tick, true);
  });
  bytes.set(view, head);
  return bytes;
}

/** Reads a frame {@link encodeViewFrame} wrote. Throws a RangeError on a frame too short to hold its header. */
export function decodeViewFrame(bytes: Uint8Array): ViewFrame {
  const data = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const seats = data.getUint8(4);
  const head = 5 + 8 * seats;
  if (bytes.byteLength < head) throw new RangeError(`a view frame of ${bytes.byteLength} bytes cannot hold ${seats} seats`);
  const acks = Array.from({ length: seats }, (_, i) => ({ seq: data.getUint32(5 + 8 * i, true), tick: data.getUint32(9 + 8 * i, true) }));
  return { tick: data.getUint32(0, true), acks, view: bytes.subarray(head) };
}

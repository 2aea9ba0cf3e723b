import { Client, type Room } from 'colyseus.js';
import { RoomConnection, decodeViewFrame, encodeInput, reconnectWith, type SeatMessage } from 'loom-threads/colyseus/client';

/** Joins the dots room at `url` and stays in it: `onDots` gets each view's dots (one signed byte per seat). */
export async function joinDots(url: string, onDots: (dots: Int8Array) => void): Promise<RoomConnection<Room>> {
  const client = new Client(url);
  const room = await client.joinOrCreate('dots');
  const seat = await new Promise<SeatMessage>((resolve) => room.onMessage('seat', resolve));
  return new RoomConnection(room, {
    rejoin: reconnectWith(client),             // after a drop: client.reconnect(room.reconnectionToken)
    graceMs: seat.graceSeconds * 1000,         // no use trying once the room has given the seat up
    attach: (joined) => joined.onMessage('view', (bytes: Uint8Array) => {
      const { view } = decodeViewFrame(bytes);
      onDots(new Int8Array(view.buffer, view.byteOffset, view.byteLength));
    }),
    onStatus: (status) => console.log(`dots: ${status.state}`),
  });
}

/** Steers this client's dot: -1, 0 or 1 a tick, from the next tick on. */
export function steer(connection: RoomConnection<Room>, seq: number, move: number): void {
  connection.room.sendBytes('input', encodeInput(seq, [move]));
}

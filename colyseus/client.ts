// loom-threads/colyseus/client: what a browser client of a Loom room needs, without Colyseus's server packages.
export { encodeInput, inputBytes, type InputSlot } from './input-wire.ts';
export { decodeViewFrame, type ViewFrame } from './view-frame.ts';
export type { SeatAck } from './room-session.ts';
export type { SeatMessage } from './seat-message.ts';
export { RoomConnection, reconnectWith, type ConnectedRoom, type Rejoin, type ConnectionStatus, type RoomConnectionOptions } from './room-connection.ts';
export { INPUT_REJECTED, RECORDING_REFUSED } from './error-codes.ts';
export { ROOM_MOVED, type RejoinTicket } from './rejoin-ticket.ts';

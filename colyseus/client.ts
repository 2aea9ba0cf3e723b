// loom-threads/colyseus/client: what a browser client of a Loom room needs, without Colyseus's server packages.
export { encodeInput, inputBytes, type InputSlot } from './input-wire.ts';
export { decodeViewFrame, type ViewFrame } from './view-frame.ts';
export type { SeatAck } from './room-session.ts';
export { ROOM_MOVED, type RejoinTicket } from './rejoin-ticket.ts';

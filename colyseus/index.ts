// loom-threads/colyseus: Loom rooms on a Colyseus server (README.md in this folder; docs/server.md).
export { FixedStep, type FixedStepOptions } from './fixed-step.ts';
export { InputGate, type InputGateOptions } from './input-gate.ts';
export { encodeInput, decodeInput, inputBytes, isProblem, type InputSlot, type InputMessage, type InputProblem } from './input-wire.ts';
export type { RoomGame } from './room-game.ts';
export { RoomSession, type RoomSessionOptions, type RoomScriptError, type SeatAck, type SessionResume } from './room-session.ts';
export { encodeViewFrame, decodeViewFrame, type ViewFrame } from './view-frame.ts';
export { INPUT_REJECTED, RECORDING_REFUSED } from './error-codes.ts';
export { LoomRoom, defineLoomRoom, type LoomRoomSettings, type LoomRoomStats } from './loom-room.ts';
export type { SeatMessage } from './seat-message.ts';
export { RoomConnection, reconnectWith, type ConnectedRoom, type Rejoin, type ConnectionStatus, type RoomConnectionOptions } from './room-connection.ts';
export { leastLoadedProcess, placeRoomEvenly, type ProcessLoad } from './room-placement.ts';
export { RoomLog, type RoomLogOptions, type RoomLogState, type LogPosition } from './room-log.ts';
export { readRoomLog, type LoggedRoom } from './room-log-reader.ts';
export { ROOM_INDEX, roomKeys, roomLogCommands, type RoomKeys, type RoomLogCommands } from './room-log-scripts.ts';
export { RoomCluster, type RoomClusterOptions, type PendingRebuild, type RebuildRecord } from './room-cluster.ts';
export { DurableLoomRoom, defineDurableRoom, type DurableRoomSettings } from './durable-room.ts';
export { ROOM_MOVED, parseRejoinTicket, type RejoinTicket } from './rejoin-ticket.ts';

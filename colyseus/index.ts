// loom-threads/colyseus: Loom rooms on a Colyseus server (README.md in this folder; docs/server.md).
export { FixedStep, type FixedStepOptions } from './fixed-step.ts';
export { InputGate, type InputGateOptions } from './input-gate.ts';
export { encodeInput, decodeInput, inputBytes, isProblem, type InputSlot, type InputMessage, type InputProblem } from './input-wire.ts';
export type { RoomGame } from './room-game.ts';
export { RoomSession, type RoomSessionOptions, type RoomScriptError, type SeatAck } from './room-session.ts';
export { encodeViewFrame, decodeViewFrame, type ViewFrame } from './view-frame.ts';
export { LoomRoom, defineLoomRoom, INPUT_REJECTED, type LoomRoomSettings, type LoomRoomStats, type SeatMessage } from './loom-room.ts';
export { RoomInspection, type InspectableRoom } from './room-inspection.ts';
export { startInspection, type InspectionOptions, type RunningInspection } from './inspection-server.ts';

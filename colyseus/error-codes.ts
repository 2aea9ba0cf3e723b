// The error codes a Loom room sends a client with `client.error` (`room.onError(code, message)` in colyseus.js).

/** A refused input: malformed, oversized or flooding. */
export const INPUT_REJECTED = 4422;
/** A refused request for the room's recording: asked too soon after the last, or too big. */
export const RECORDING_REFUSED = 4423;

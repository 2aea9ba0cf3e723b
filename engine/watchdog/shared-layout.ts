// The memory a watchdog shares with its worker, and what the worker is sent. The engine writes it; the worker only
// reads it, so a hung main thread, which can run nothing, has already written all the worker needs to name it.

/**
 * Index in the header of a counter that moves at least once per tick: a resume is told by the counter and the slot
 * together, and one that lasts is a pair the worker sees unchanged.
 */
export const SEQ = 0;
/** Index in the header of the slot of the thread being resumed, or {@link IDLE} between ticks. */
export const SLOT = 1;
/** The header's slot value while no script runs. */
export const IDLE = -1;
/** Int32 entries in the header. */
export const HEADER_LENGTH = 2;

/**
 * Float64 entries per thread slot in the records: the thread's id (a double, as ids outgrow 32 bits in a long run),
 * then string offsets (see {@link readString}) of its name, its script's name and its top frame's name, or
 * {@link NO_FRAME} for a thread one frame deep.
 */
export const RECORD_LENGTH = 4;
/** Record entry offsets. */
export const ID = 0;
export const NAME = 1;
export const SCRIPT = 2;
export const FRAME = 3;
/** The top frame entry of a thread whose only frame is its script. */
export const NO_FRAME = -1;

/** What the engine posts to the worker: on start, and again whenever a table grew into a new buffer. */
export interface WatchdogShared {
  /** Int32Array of `HEADER_LENGTH` entries: the resume counter and the running slot. Never replaced. */
  header: SharedArrayBuffer;
  /** Float64Array of `RECORD_LENGTH` entries per thread slot. */
  records: SharedArrayBuffer;
  /** Uint16Array of strings, each its length then its UTF-16 code units; a string's offset is where its length is. */
  strings: SharedArrayBuffer;
  /** How long a resume may run before it is reported, in ms. */
  limitMs: number;
}

/** The string stored at `offset` of `strings`. */
export function readString(strings: Uint16Array, offset: number): string {
  const start = offset + 1;
  return String.fromCharCode(...strings.subarray(start, start + strings[offset]!));
}

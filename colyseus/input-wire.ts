/** One whole number of a client's input, with the range the room accepts. */
export interface InputSlot {
  /** For error messages: `aimX`. */
  name: string;
  min: number;
  max: number;
}

/** A decoded input message: the client's sequence number and one value per slot. */
export interface InputMessage {
  seq: number;
  values: number[];
}

/** Why an input message was refused: the client hears it, and the message is dropped. */
export type InputProblem = { kind: 'oversized' | 'malformed' | 'flooding'; detail: string };

/** The bytes of an input message: a 32-bit sequence number, then one signed 32-bit value per slot, little-endian. */
export function inputBytes(slots: number): number {
  return 4 + 4 * slots;
}

/**
 * Encodes an input message as a client sends it (`room.sendBytes('input', bytes)`). `seq` counts the client's
 * messages; the room echoes the last one it applied in each view, which is what client-side prediction replays from.
 *
 * @example
 * ```ts
 * room.sendBytes('input', encodeInput(17, [0b010001, 6080, 2800]));
 * ```
 */
export function encodeInput(seq: number, values: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(inputBytes(values.length));
  const view = new DataView(bytes.buffer);
  view.setUint32(0, seq >>> 0, true);
  values.forEach((value, i) => view.setInt32(4 + 4 * i, value, true));
  return bytes;
}

/**
 * Decodes an input message against the slots a game declares: anything that is not exactly that many bytes, or
 * holds a value outside its slot's range, is a problem, never an exception. `maxBytes` is checked before anything
 * else is read, so an oversized message costs nothing more.
 *
 * @example
 * ```ts
 * decodeInput(bytes, [{ name: 'buttons', min: 0, max: 63 }], 64); // { seq: 1, values: [5] } or { kind: 'malformed', ... }
 * ```
 */
export function decodeInput(message: unknown, slots: readonly InputSlot[], maxBytes: number): InputMessage | InputProblem {
  if (!(message instanceof Uint8Array)) return { kind: 'malformed', detail: 'input must be bytes (sendBytes), not a structured message' };
  if (message.byteLength > maxBytes) return { kind: 'oversized', detail: `${message.byteLength} bytes, the most is ${maxBytes}` };
  const expected = inputBytes(slots.length);
  if (message.byteLength !== expected) return { kind: 'malformed', detail: `${message.byteLength} bytes, an input is ${expected}` };
  const view = new DataView(message.buffer, message.byteOffset, message.byteLength);
  const values: number[] = [];
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i]!;
    const value = view.getInt32(4 + 4 * i, true);
    if (value < slot.min || value > slot.max) return { kind: 'malformed', detail: `${slot.name} is ${value}, outside ${slot.min}..${slot.max}` };
    values.push(value);
  }
  return { seq: view.getUint32(0, true), values };
}

/** Whether a decoded message is a problem rather than an input. */
export function isProblem(decoded: InputMessage | InputProblem): decoded is InputProblem {
  return 'kind' in decoded;
}

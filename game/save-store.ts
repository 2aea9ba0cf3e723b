import type { Recording } from 'loom-threads';

/** Where the last save is kept in localStorage, as base64 (storage holds strings). */
const SAVE_KEY = 'loom.save';
/** Bytes per String.fromCharCode call: the argument list of one call has a limit. */
const CHUNK = 0x8000;

/** A save's download name: `loom-<seed>-<tick>.loomrec`. */
export function saveFileName(recording: Recording): string {
  return `loom-${recording.header.seed}-${recording.ticks}.loomrec`;
}

/**
 * Keeps `bytes` as the last save in `storage`. Returns null when kept, else why not, as a sentence for the player:
 * a save too big for the browser's quota (or storage turned off) is refused, and the save kept before stays.
 *
 * @example
 * ```ts
 * const problem = keepLastSave(encodeRecording(recorder.recording()));
 * if (problem !== null) showStatus(problem);
 * ```
 */
export function keepLastSave(bytes: Uint8Array, storage: Pick<Storage, 'setItem'> = localStorage): string | null {
  try {
    storage.setItem(SAVE_KEY, toBase64(bytes));
    return null;
  } catch (error) {
    const size = kilobytes(bytes);
    if (error instanceof DOMException && error.name === 'QuotaExceededError') {
      return `this save (${size}) is too big for this browser's storage, so it is not kept here (the last save kept is an earlier one): download it instead`;
    }
    return `this browser refused to keep the save (${size}): ${error instanceof Error ? error.message : String(error)}; download it instead`;
  }
}

/** A save's size for the player: `212 KB`. */
export function kilobytes(bytes: Uint8Array): string {
  return `${Math.ceil(bytes.length / 1024).toLocaleString('en-US')} KB`;
}

/** The last save kept by {@link keepLastSave}, or null if there is none; throws if what is kept is not a save's bytes. */
export function lastSave(storage: Pick<Storage, 'getItem'> = localStorage): Uint8Array | null {
  const text = storage.getItem(SAVE_KEY);
  return text === null ? null : fromBase64(text);
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    throw new Error('the last save kept in this browser is damaged (it is not base64)');
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

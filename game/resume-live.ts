import { encodeRecording, type Recording } from 'loom';

/** Where the live game (`?restore=local`) finds the last save, as base64 (storage holds strings). */
export const LAST_SAVE_KEY = 'loom.save';
/** Bytes per String.fromCharCode call: the argument list of one call has a limit. */
const CHUNK = 0x8000;

/**
 * Plays a recording on live: keeps it as the last save and opens the game at `?restore=local`, which restores it.
 * Throws a sentence for the user when the browser will not keep it (too big for its storage, or storage off).
 *
 * @example
 * ```ts
 * resumeLive(branch(recording, 1800));
 * ```
 */
export function resumeLive(recording: Recording, storage: Pick<Storage, 'setItem'> = localStorage, open = (url: string) => location.assign(url)): void {
  const bytes = encodeRecording(recording);
  let text = '';
  for (let i = 0; i < bytes.length; i += CHUNK) text += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  try {
    storage.setItem(LAST_SAVE_KEY, btoa(text));
  } catch (error) {
    throw new Error(`this browser would not keep the save to resume from (${Math.ceil(bytes.length / 1024)} KB): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  open('?restore=local');
}

import { encodeRecording, type Recording } from 'loom-threads';
import { keepLastSave } from './save-store.ts';

/**
 * Plays a recording on live from the replay page: keeps it as the last save and opens the game at
 * `?restore=local`, which restores it. Throws a sentence for the user when the browser will not keep it (too big
 * for its storage, or storage off). The live game's own timeline restores in the page instead (startGame's
 * `onResume`).
 *
 * @example
 * ```ts
 * resumeLive(branch(recording, 1800));
 * ```
 */
export function resumeLive(recording: Recording, storage: Pick<Storage, 'setItem'> = localStorage, open = (url: string) => location.assign(url)): void {
  const problem = keepLastSave(encodeRecording(recording), storage);
  if (problem !== null) throw new Error(problem);
  open('?restore=local');
}

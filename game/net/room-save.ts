import { decodeRecording } from 'loom-threads';
import type { SaveControls } from '../save-controls.ts';
import { keepLastSave, kilobytes, saveFileName } from '../save-store.ts';
import type { ServerLink } from './server-link.ts';

/**
 * Saves a co-op room as single-player saves a run: asks the room for its recording so far, keeps it as this browser's
 * last save and offers it as a download (`loom-<seed>-<tick>.loomrec`), in the same format, so `?replay=local`
 * plays it in the game's replay view and `npm run replay -- <file> --verify` replays it headless. What the room
 * refuses (asked too soon, too big) or what goes wrong is shown in the bar, in the error colour.
 *
 * @example
 * ```ts
 * const controls = mountSaveControls(document.body, { save: () => void saveRoom(link, controls) });
 * ```
 */
export async function saveRoom(link: ServerLink, controls: SaveControls): Promise<void> {
  controls.show(`saving room ${link.seat.roomId}…`);
  try {
    const bytes = await link.requestRecording();
    const recording = decodeRecording(bytes);
    const problem = keepLastSave(bytes);
    controls.offer(bytes, saveFileName(recording));
    controls.show(problem ?? `saved room ${link.seat.roomId} at tick ${recording.ticks} (${kilobytes(bytes)}), kept in this browser: ?replay=local plays it`, problem !== null);
  } catch (error) {
    controls.show(`Cannot save room ${link.seat.roomId}: ${error instanceof Error ? error.message : String(error)}`, true);
  }
}

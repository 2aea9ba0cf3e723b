import { Restore, decodeRecording, encodeRecording, type Recording } from 'loom-threads';
import { startGame, type GameHandle, type StartOptions } from './app.ts';
import { recordedConfig, type GameConfig } from './config.ts';
import { describeKindEdit } from './scripts/hot-kinds.ts';
import { hotKinds } from './scripts/hot-modules.ts';
import { mountSaveControls } from './save-controls.ts';
import { keepLastSave, kilobytes, saveFileName } from './save-store.ts';
import { createGameSimulation } from './headless/simulation.ts';
import { lastRecording } from './replay-app.ts';

/** Called with each game the session starts; returns what to undo when that game is replaced. */
export type OnGame = (game: GameHandle) => () => void;

/**
 * Plays the game live, always recorded, with its save bar: K or "save" keeps the recording so far in localStorage
 * and offers it as a download; `restoreLast` (the page's `?restore=local`), "load…" or a file dropped on the page
 * restores a save (re-simulated headless with `restore`) and carries on live from it, recording on. A save that
 * cannot be restored is shown as a message, and the game carries on (or, at start, a new one begins).
 *
 * @example
 * ```ts
 * await startLiveSession(document.body, parseConfig(location.search), false, (game) => {
 *   window.loom = game;
 *   return () => {};
 * });
 * ```
 */
export async function startLiveSession(parent: HTMLElement, config: GameConfig, restoreLast: boolean, onGame: OnGame): Promise<void> {
  let game: GameHandle | null = null;
  let leave = (): void => {};
  const play = async (gameConfig: GameConfig, options: StartOptions = {}): Promise<void> => {
    leave();
    game?.destroy();
    game = await startGame(gameConfig, parent, { ...options, onSave: save, onResume: (branched) => void restoreFrom(() => branched, `from tick ${branched.ticks}`) });
    leave = onGame(game);
  };
  const controls = mountSaveControls(parent, {
    save,
    load: (bytes, name) => void restoreFrom(() => decodeRecording(bytes), name),
  });
  // An edit of a kind's data under `npm start`: the status line says what was applied, and what needs a reload.
  if (import.meta.hot) hotKinds.onUpdate((edit) => controls.show(describeKindEdit(edit), edit.refused.length > 0));

  function save(): void {
    if (game === null) return;
    const recording = game.recorder.recording();
    const bytes = encodeRecording(recording);
    const problem = keepLastSave(bytes);
    controls.offer(bytes, saveFileName(recording));
    controls.show(problem ?? `saved at tick ${recording.ticks} (${kilobytes(bytes)}), kept in this browser`, problem !== null);
  }

  // The old game runs until the save is restored, so a save that cannot be leaves it as it was. A restore runs a
  // slice a frame, showing its progress; a newer one (another file dropped) takes over from it.
  let restores = 0;
  async function restoreFrom(read: () => Recording, what: string): Promise<boolean> {
    const mine = ++restores;
    try {
      const recording = read();
      // A room's ships are steered by its seats' input, which one page alone does not write.
      if (recording.header.meta.seats !== undefined) throw new Error('it is a co-op room\'s recording: it can be watched (?replay=local), not played on alone');
      controls.show(`restoring ${what}: re-simulating ${recording.ticks.toLocaleString('en-US')} ticks…`);
      const restoring = new Restore(recording, (setup) => createGameSimulation(setup, { hotReload: import.meta.hot !== undefined }));
      do {
        controls.progress(restoring.progress);
        await nextPaint();
        if (mine !== restores) return false;
      } while (!restoring.run(RESTORE_SLICE_MS));
      controls.progress(null);
      await play(recordedConfig(recording.header, config), { from: restoring.finish() });
      controls.show(`restored ${what} at tick ${recording.ticks}`);
      return true;
    } catch (error) {
      if (mine === restores) controls.progress(null);
      controls.show(`Cannot restore ${what}: ${error instanceof Error ? error.message : String(error)}`, true);
      return false;
    }
  }

  if (!(restoreLast && (await restoreFrom(lastRecording, 'the last save')))) await play(config);
}

/** A restore's share of each frame, in ms: the rest is the page's (and the old game's, still running). */
const RESTORE_SLICE_MS = 12;

/** Resolves once the page has painted what was just shown. */
function nextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

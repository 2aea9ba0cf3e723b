import { formatDivergence, type Recording, type ReplayResult } from 'loom-threads';
import { hotScripts } from './scripts/hot-modules.ts';
import { createGameSimulation, type GameSimulation } from './headless/simulation.ts';

/**
 * After a hot reload with `?rerun`: the run so far re-run from its start with the new code, and whether and
 * where it first plays differently from what was played, printed to the console (docs/hot-reload.md).
 *
 * @example
 * ```ts
 * hotScripts.onUpdate(() => rerunWithNewCode(recorder.recording()));
 * ```
 */
export function rerunWithNewCode(recording: Recording, print: (text: string) => void = console.info): ReplayResult<GameSimulation> {
  const result = hotScripts.rerun(recording, (setup) => createGameSimulation(setup, { hotReload: true, onError: () => {} }));
  const verdict = result.divergence === null
    ? `plays the same (${result.checked} checkpoints match)`
    : `plays differently: ${formatDivergence(result.divergence)}`;
  print(`[loom] hot reload: the run so far (${recording.ticks} ticks), re-run with the new code, ${verdict}`);
  return result;
}

import { decodeRecording, formatDivergence, replayRecording } from 'loom-threads';
import { createGameSimulation } from '../../game/headless/simulation.ts';

/** What a verifying replay of a game recording found: ticks run, checkpoints compared, the final hash, the report. */
export interface GameReplayCheck {
  ticks: number;
  checked: number;
  finalHash: string;
  /** `formatDivergence`'s report at the first checkpoint that differs, or null if every one matched. */
  divergence: string | null;
}

/**
 * Replays the encoded recording of a sample game headless in this process, comparing the state hash at every
 * checkpoint: the Node half of a recording made elsewhere (a browser).
 *
 * @example
 * ```ts
 * expect(verifyGameRecording(bytes).divergence).toBeNull();
 * ```
 */
export function verifyGameRecording(bytes: Uint8Array): GameReplayCheck {
  const result = replayRecording(decodeRecording(bytes), createGameSimulation, { verify: true });
  const divergence = result.divergence && formatDivergence(result.divergence);
  return { ticks: result.ticks, checked: result.checked, finalHash: result.finalHash, divergence };
}

import type { RecordingHeader } from 'loom-threads';

/** How a game is set up from its URL. */
export interface GameConfig {
  /** Seed of the engine's random generator: the same seed and the same inputs replay the same game. */
  seed: number;
  /** Critters in a full swarm. */
  swarm: number;
  /** The wave to start at. */
  wave: number;
  /** Seconds a script may run without yielding before the watchdog names it; 0 for none; null if not given. */
  watchdog: number | null;
  /**
   * Under `npm start`, whether each hot reload also re-runs the recording from its start with the new code and
   * reports where it first plays differently (docs/hot-reload.md). It blocks while it runs, so it is asked for.
   */
  rerun: boolean;
}

const MAX_SWARM = 100_000;

/**
 * Reads `?seed=7&swarm=5000&wave=3&watchdog=2&rerun` (each optional). Without a seed, one is drawn from `fallbackSeed`, and the
 * HUD shows it so the run can be replayed.
 *
 * @example
 * ```ts
 * parseConfig('?seed=7&swarm=5000'); // { seed: 7, swarm: 5000, wave: 1, watchdog: null, rerun: false }
 * ```
 */
export function parseConfig(search: string, fallbackSeed = Date.now() % 1_000_000): GameConfig {
  const params = new URLSearchParams(search);
  return {
    seed: wholeNumber(params.get('seed'), 0, 2 ** 32 - 1) ?? fallbackSeed,
    swarm: wholeNumber(params.get('swarm'), 0, MAX_SWARM) ?? 500,
    wave: wholeNumber(params.get('wave'), 1, 999) ?? 1,
    watchdog: seconds(params.get('watchdog')),
    rerun: params.has('rerun'),
  };
}

function wholeNumber(text: string | null, min: number, max: number): number | null {
  if (text === null || text.trim() === '') return null;
  const value = Number(text);
  return Number.isInteger(value) ? Math.min(max, Math.max(min, value)) : null;
}

function seconds(text: string | null): number | null {
  if (text === null || text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? value : null;
}

/**
 * The config of a recorded game (a save being restored): its seed, swarm and first wave as the recording's header
 * keeps them (`recordGame` puts the swarm and wave in `meta`), and `watchdog` and `rerun`, which are the page's, not
 * the game's.
 *
 * @example
 * ```ts
 * recordedConfig(recording.header, { watchdog: null, rerun: false }); // { seed: 7, swarm: 500, wave: 1, watchdog: null, rerun: false }
 * ```
 */
export function recordedConfig(header: RecordingHeader, page: Pick<GameConfig, 'watchdog' | 'rerun'>): GameConfig {
  const { swarm, wave } = header.meta;
  const plain = parseConfig('', header.seed);
  return { ...plain, swarm: typeof swarm === 'number' ? swarm : plain.swarm, wave: typeof wave === 'number' ? wave : plain.wave, watchdog: page.watchdog, rerun: page.rerun };
}

import { Watchdog } from 'loom-threads';
import type { GameConfig } from './config.ts';

/** The watchdog limit when the URL gives none: on in development builds (`npm start`), off in production ones. */
const DEFAULT_SECONDS = import.meta.env.DEV ? 2 : 0;

/**
 * The game engine's watchdog, if the URL (`?watchdog=S`, 0 for none) or the build asks for one: its worker is a
 * module Web Worker that names a script stuck for S seconds with console.error, since the page itself is stuck
 * then. Needs a cross-origin isolated page (vite.config.ts serves one); without, it warns and there is none.
 *
 * @example
 * ```ts
 * const engine = new Engine({ watchdog: gameWatchdog(config) });
 * ```
 */
export function gameWatchdog(config: GameConfig): Watchdog | undefined {
  const seconds = config.watchdog ?? DEFAULT_SECONDS;
  if (seconds === 0) return undefined;
  if (!crossOriginIsolated) {
    console.warn('[loom] no watchdog: it needs SharedArrayBuffer, which only a cross-origin isolated page has');
    return undefined;
  }
  const worker = new Worker(new URL('./watchdog-worker.ts', import.meta.url), { type: 'module', name: 'loom watchdog' });
  return new Watchdog(worker, { limitMs: seconds * 1000 });
}

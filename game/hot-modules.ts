import { HotScripts } from 'loom-threads';

/**
 * What the modules of game/scripts report to as they run, for hot reload (docs/hot-reload.md): the game's one
 * `HotScripts`, to which each module hands its scripts, and which the live game attaches its engine to. While
 * `npm start` runs, an edit of a module restarts the threads running its scripts on the new code.
 *
 * @example
 * ```ts
 * if (import.meta.hot) {
 *   import.meta.hot.accept();
 *   hotScripts.update(import.meta.hot.data, { grunt, listen, patrol, hunt, confused });
 * }
 * ```
 */
export const hotScripts = new HotScripts();

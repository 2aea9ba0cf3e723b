import { HotScripts } from 'loom-threads';

/**
 * The game's hot reload (docs/hot-reload.md): each module of game/scripts hands it its scripts as it runs, and
 * while `npm start` runs, an edit of one restarts the threads running its scripts on the new code.
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

import { HotScripts } from 'loom-threads';
import { HotKinds } from './hot-kinds.ts';

/**
 * What the modules of game/scripts report to as they run, for hot reload (docs/hot-reload.md). This one is the
 * game's `HotScripts`, to which each module hands its scripts, and which the live game attaches its engine to:
 * while `npm start` runs, an edit of a module restarts the threads running its scripts on the new code.
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

/**
 * The game's kinds, for hot reload: a module that defines a kind hands it here too, and an edit of its data (a
 * colour, a speed of death) is applied to the running game, or the page says it needs a reload.
 *
 * @example
 * ```ts
 * hotKinds.update(import.meta.hot.data, GRUNT);
 * ```
 */
export const hotKinds = new HotKinds();

import { join, script, sleep, spawn } from 'loom-threads';
import { hotScripts } from './hot-modules.ts';

// A fault drill: a child thread that fails three sub-scripts deep, to try the script stack traces and the
// inspector's "break on error" and "break before resume" on (docs/debugging.md). Start it with `loom.drill()`.

/** Seconds the marcher waits in `trip` before it fails: time to set a break before its resume. */
export const DRILL_WAIT = 1;

const trip = script(function* trip() {
  yield* sleep(DRILL_WAIT);
  throw new Error('the drill tripped');
});

const stride = script(function* stride() {
  yield* trip();
});

const march = script(function* march() {
  yield* stride();
});

/** The failing child: marcher → march → stride → trip. */
function* marcher() {
  yield* march();
}

/**
 * Spawns the marcher and joins it: the join throws a ThreadFailedError carrying the marcher's script stack, and
 * the drill fails in turn, so the error hook prints both stacks.
 *
 * @example
 * ```ts
 * engine.spawn(drill); // fails DRILL_WAIT seconds later
 * ```
 */
export function* drill() {
  const child = yield* spawn(marcher);
  yield* join(child);
}

// An edit of this file restarts the threads running its scripts on the new code (docs/hot-reload.md).
if (import.meta.hot) {
  import.meta.hot.accept();
  hotScripts.update(import.meta.hot.data, { trip, stride, march, marcher, drill });
}

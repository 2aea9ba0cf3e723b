import { formatFailure, type Engine } from 'loom-threads';

/** V8's line for the engine resuming a script's generator: the frames from there down are the engine's. */
const RESUME = /^\s+at \S+\.next \(<anonymous>\)$/;

/**
 * Wraps an engine's error hook so that the failure of a thread hot reload restarted is printed with the error's own
 * stack down to the script's frame, whose first line is where the new code threw, and the thread's ancestry; other
 * failures go to `onError`.
 * The engine's script stack of such a thread would name where it last waited instead (often the death routine its
 * cleanup ran): it looks for the script's frame in the error's stack, and V8 names a restarted script's frame
 * `Object.grunt [as script]`, a form it does not match.
 *
 * @example
 * ```ts
 * if (import.meta.hot) engine.onError = withRestartedThrows(engine.onError);
 * ```
 */
export function withRestartedThrows(onError: Engine['onError']): Engine['onError'] {
  return (error, thread) => {
    if (thread.reloads === 0) {
      onError(error, thread);
      return;
    }
    const lines = formatFailure(error, null).split('\n');
    const resumed = lines.findIndex((line) => RESUME.test(line));
    const ancestry = thread.scriptStack?.ancestry;
    if (ancestry !== undefined) lines.splice(resumed < 0 ? lines.length : resumed, Infinity, `    in ${ancestry}`);
    console.error(`[loom] ${thread.label} (${thread.stateName}): ${lines.join('\n')}`);
  };
}

import { formatFailure, type Engine } from 'loom-threads';

/** V8's line for the engine resuming a script's generator: the frames from there down are the engine's. */
const RESUME = /^\s+at \S+\.next \(<anonymous>\)$/;

/**
 * Wraps an engine's error hook so that the failure of a thread hot reload restarted is printed with the error's own
 * stack down to the script's frame, whose first line is where the new code threw, and the thread's ancestry; other
 * failures go to `onError`.
 * The engine's own report of such a thread lists its script stack, spawn chain included; this prints the error's
 * stack down to the script's frame instead, the one line a developer needs after an edit.
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

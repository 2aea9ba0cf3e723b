import { type Engine, LoomError, runningThread, type Thread } from '../core/kernel.ts';

/**
 * The thread whose script is running. Throws outside a script.
 *
 * @example
 * ```ts
 * function* worker() { console.log('I am', useThread().label); }
 * ```
 */
export function useThread(): Thread {
  const thread = runningThread();
  if (thread === null) throw new LoomError('useThread() was called outside a running script');
  return thread;
}

/**
 * The engine running the current script (for `random`, `time`, `tick`). Throws outside a script.
 *
 * @example
 * ```ts
 * function* wander() { yield* sleep(useEngine().random.range(1, 3)); }
 * ```
 */
export function useEngine(): Engine {
  return useThread().engine;
}

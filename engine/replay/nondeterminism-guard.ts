import type { Engine } from '../core/engine.ts';
import { runningThread, tickingScheduler } from '../core/thread.ts';

/** A script of a guarded engine called something that differs from run to run. */
export interface NondeterministicCall {
  /** `Math.random`, `Date.now` or `performance.now`. */
  call: string;
  /** The label of the thread that called it, or `a wait predicate` when no thread was running. */
  thread: string;
  tick: number;
}

/**
 * Development guard: wraps `Math.random`, `Date.now` and `performance.now` so that a call made during one of
 * `engine`'s ticks is reported with the thread that made it (once per thread and call): such a script breaks
 * replays, and should use `engine.random` and `engine.time`. Costs nothing until installed; returns the
 * function that takes the wrappers off again.
 *
 * @example
 * ```ts
 * if (import.meta.env.DEV) guardNondeterminism(engine); // [loom] #12 grunt called Math.random during tick 4410 ...
 * ```
 */
export function guardNondeterminism(engine: Engine, report: (call: NondeterministicCall) => void = warn): () => void {
  const seen = new Set<string>();
  const check = (call: string): void => {
    if (tickingScheduler()?.engine !== engine) return;
    const label = runningThread()?.label ?? 'a wait predicate';
    const key = `${label}\u0000${call}`;
    if (seen.has(key)) return;
    seen.add(key);
    report({ call, thread: label, tick: engine.tick });
  };
  const undo = [wrap(Math, 'random', 'Math.random', check), wrap(Date, 'now', 'Date.now', check)];
  if (typeof globalThis.performance?.now === 'function') undo.push(wrap(globalThis.performance, 'now', 'performance.now', check));
  return () => {
    for (const restore of undo.reverse()) restore();
  };
}

function wrap<T extends object>(target: T, key: keyof T & string, call: string, check: (call: string) => void): () => void {
  const original = target[key] as (...args: unknown[]) => unknown;
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    check(call);
    return original.apply(this, args);
  };
  (target as Record<string, unknown>)[key] = wrapped;
  return () => {
    // Only if nothing wrapped it again since: that wrapper would otherwise be lost.
    if ((target as Record<string, unknown>)[key] === wrapped) (target as Record<string, unknown>)[key] = original;
  };
}

function warn(call: NondeterministicCall): void {
  console.warn(`[loom] ${call.thread} called ${call.call} during tick ${call.tick}: replays of this run will diverge; use engine.random and engine.time`);
}

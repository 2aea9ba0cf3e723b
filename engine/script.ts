import { LoomError } from './errors.ts';
import { typeName, where } from './arguments.ts';
import type { Op } from './op.ts';
import type { ScriptGenerator, Thread } from './thread.ts';

/**
 * A script: a generator function. Its arguments are the thread's inputs; what it returns is the thread's result.
 *
 * @example
 * ```ts
 * const patrol: Script<[Entity, number], void> = function* patrol(self, laps) {
 *   for (let i = 0; i < laps; i++) yield* sleep(1);
 * };
 * ```
 */
export type Script<A extends unknown[] = never[], R = unknown> = (...args: A) => Generator<unknown, R, unknown>;

/** A sub-script made by `script()`: call it with `yield*`; it can also be spawned. */
export type SubScript<A extends unknown[], R> = ((...args: A) => Op<R>) & { readonly [RAW_SCRIPT]: Script<A, R> };

/** What `spawn` takes: a generator function, or a sub-script made by `script()`. */
export type Spawnable<A extends unknown[], R> = Script<A, R> | SubScript<A, R>;

/** Options for spawning a thread. */
export interface SpawnOptions {
  /** Name shown by the inspector and in errors (default: the script function's name). */
  name?: string;
  /** Owned by the engine instead of the spawning thread: it outlives its spawner (fire-and-forget). */
  detached?: boolean;
}

/** @internal Where `script()` keeps the generator function it wraps. */
export const RAW_SCRIPT = Symbol('loom.script');

const GENERATOR_FUNCTION = Object.getPrototypeOf(function* () {}) as object;

/** @internal Returns the generator function to run, or throws a LoomError naming the op and the thread. */
export function checkScript(
  value: unknown,
  op: string | { readonly description: string },
  thread: Thread | null,
): (...args: never[]) => ScriptGenerator {
  if (typeof value !== 'function') {
    throw new LoomError(`${where(op, thread)}: expected a generator function (function* name() {...}), got ${typeName(value)}`);
  }
  const raw = (value as { [RAW_SCRIPT]?: unknown })[RAW_SCRIPT];
  const fn = (raw ?? value) as (...args: never[]) => ScriptGenerator;
  if (Object.getPrototypeOf(fn) !== GENERATOR_FUNCTION) {
    const name = fn.name || 'anonymous';
    throw new LoomError(`${where(op, thread)}: ${name} is not a generator function; write it as \`function* ${name}(...) {...}\``);
  }
  return fn;
}


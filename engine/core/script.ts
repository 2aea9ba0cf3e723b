import { LoomError } from './errors.ts';
import { typeName, where } from './arguments.ts';
import type { Op } from './op.ts';
import type { MessagesIn } from './message-types.ts';
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

/**
 * A sub-script made by `script()`: call it with `yield*`; it can also be spawned. `M` is the type of the
 * messages it receives (see `receive`).
 */
export type SubScript<A extends unknown[], R, M = never> = ((...args: A) => Op<R, M>) & { readonly [RAW_SCRIPT]: Script<A, R> };

/** What `spawn` takes: a generator function, or a sub-script made by `script()`. */
export type Spawnable<A extends unknown[], R> = Script<A, R> | SubScript<A, R>;

/** Any spawnable, whatever its arguments, result and messages. */
export type AnySpawnable = Spawnable<never[], unknown> | SubScript<never[], unknown, unknown>;

/**
 * The handle `spawn` returns for script `S`: a {@link Thread} typed by what the script returns and by the
 * messages its `receive` calls take, so `send` to it is checked.
 *
 * @example
 * ```ts
 * function* listener() { for (;;) console.log((yield* receive<string>()).toUpperCase()); }
 * const ears: ThreadOf<typeof listener> = engine.spawn(listener); // Thread<never, string>
 * ```
 */
export type ThreadOf<S> = S extends (...args: never[]) => Iterable<infer Y, infer R, unknown> ? Thread<R, MessagesIn<Y>> : never;

/** The arguments `spawn` passes to script `S`: its parameters, names included. */
export type ScriptArgs<S> = [S] extends [(...args: infer A) => unknown] ? A : never;

/**
 * What `spawn` takes after its first argument `F`: the script's arguments if `F` is the script, else
 * the script `S` and its arguments. A union of equal tuples, so that TypeScript checks the arguments as a whole
 * and a missing one is reported against the script's named parameters (`target requires 2`, with `self: Hero`)
 * rather than as a mismatch with SpawnOptions.
 */
export type SpawnRest<F, S> = [F] extends [AnySpawnable] ? ArgumentsOf<ScriptArgs<F>> : ArgumentsOf<[script: S, ...args: ScriptArgs<S>]>;

/** The arguments a script takes: `A` (a tuple of its named parameters), written twice, see SpawnRest. */
export type ArgumentsOf<A extends unknown[]> = A | readonly [...A];

/** The thread `spawn(first, ...rest)` starts: of the script `first`, or else of `S`. */
export type SpawnedThread<F, S> = ThreadOf<[F] extends [AnySpawnable] ? F : S>;

/** Options for spawning a thread. */
export interface SpawnOptions {
  /** Name shown by the inspector and in errors (default: the script function's name). */
  name?: string;
  /** Owned by the engine instead of the spawning thread: it outlives its spawner (fire-and-forget). */
  detached?: boolean;
}

/** Where `script()` keeps the generator function it wraps. */
export const RAW_SCRIPT = Symbol('loom.script');

const GENERATOR_FUNCTION = Object.getPrototypeOf(function* () {}) as object;

/** Whether `value` is a script: a generator function, or a sub-script made by `script()`. */
export function isScript(value: unknown): value is AnySpawnable {
  if (typeof value !== 'function') return false;
  const raw = (value as { [RAW_SCRIPT]?: unknown })[RAW_SCRIPT] ?? value;
  return Object.getPrototypeOf(raw) === GENERATOR_FUNCTION;
}

/** Returns the generator function to run, or throws a LoomError naming the op and the thread. */
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


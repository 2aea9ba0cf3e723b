import { LoomError } from './errors.ts';
import { Thread, runningThread } from './thread.ts';

// Checks of what scripts and hosts hand the engine. Their errors name the op and, inside a script, the thread,
// and are built only when thrown: ops are hot, and a thread's label is a new string each time.

/** Throws a LoomError unless `value` is a Thread: `join(undefined) in #4 grunt: expected a thread, got undefined`. */
export function checkThread(value: unknown, op: string): asserts value is Thread {
  checkArgument(value instanceof Thread, value, op, 'a thread (a handle from spawn)');
}

/** Throws a LoomError naming `op` unless `value` can be run with `yield*`: an op, a sub-script call, a generator. */
export function checkOperation(value: unknown, op: string): void {
  const ok = value !== null && typeof value === 'object' && Symbol.iterator in value;
  checkArgument(ok, value, op, 'an operation (an op, a sub-script call or a generator)');
}

/** Throws a LoomError naming `op` unless `value` is what the op takes (described by `expected`). */
export function checkArgument(ok: boolean, value: unknown, op: string, expected: string): void {
  if (!ok) throw new LoomError(`${where(op, runningThread())}: expected ${expected}, got ${typeName(value)}`);
}

/** `op`, and ` in #4 grunt` when a thread is given. */
export function where(op: string | { readonly description: string }, thread: Thread | null): string {
  return `${typeof op === 'string' ? op : op.description}${thread ? ` in ${thread.label}` : ''}`;
}

/** A short description of a bad value: `undefined`, `"walk"`, `Thread #3 grunt`, `Object`. */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof Thread) return `thread ${value.label}`;
  if (typeof value === 'object') return value.constructor?.name ?? 'object';
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

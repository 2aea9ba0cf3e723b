import type { Thread } from '../thread.ts';

/**
 * Cancels a thread, from a script or from outside: its `finally` blocks run, innermost first, and may wait;
 * no code after the point where it waited ever runs. Its live children are cancelled with it, youngest first.
 * Returns false if it had already ended or was already being cancelled.
 *
 * @example
 * ```ts
 * cancel(grunt); // same as grunt.cancel()
 * ```
 */
export function cancel(thread: Thread): boolean {
  return thread.engine.cancel(thread);
}

/**
 * Posts a message to a thread's mailbox, from a script or from outside; the thread takes it with `receive`.
 * Throws a LoomError naming the thread if it has ended.
 *
 * @example
 * ```ts
 * send(grunt, { kind: 'player-seen', x: 10, y: 4 });
 * ```
 */
export function send(thread: Thread, message: unknown): void {
  thread.engine.send(thread, message);
}

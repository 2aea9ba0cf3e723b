import { checkThread, type MessageFor, type Thread } from '../core/kernel.ts';

/**
 * Cancels a thread, from a script or from outside: its Cancellation is thrown at the point where it waits, so its
 * `finally` blocks run, innermost first, and may wait; no code after that point runs. Its live children are
 * cancelled with it, youngest first. See {@link Engine.cancel}.
 * Returns false if it had already ended or was already being cancelled.
 *
 * @example
 * ```ts
 * cancel(grunt); // same as grunt.cancel()
 * ```
 */
export function cancel(thread: Thread): boolean {
  checkThread(thread, 'cancel');
  return thread.engine.cancel(thread);
}

/**
 * Posts a message to a thread's mailbox, from a script or from outside; the thread takes it with `receive`.
 * Throws a LoomError naming the thread if it has ended. The message must be of the type the thread's script
 * receives (see `receive`).
 *
 * @example
 * ```ts
 * send(grunt, { kind: 'player-seen', x: 10, y: 4 });
 * ```
 */
export function send<M>(thread: Thread<unknown, M>, message: NoInfer<MessageFor<M>>): void {
  checkThread(thread, 'send');
  thread.engine.send(thread, message);
}

import { checkThread, type Engine, LoomError, type MessageFor, runningThread, type Thread } from '../core/kernel.ts';

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

/**
 * Posts `message` to the thread registered as `name` (see `register`), looked up in the running script's engine
 * (a host calls `engine.sendTo`); no live thread with the name is a LoomError. Erlang's `Name ! Message`.
 *
 * @example
 * ```ts
 * sendTo('boss', 'enrage');
 * ```
 */
export function sendTo(name: string, message: unknown): void {
  scriptEngine(`sendTo(${JSON.stringify(name)})`, 'engine.sendTo(name, message)').sendTo(name, message);
}

/**
 * Posts `message` to every member of `group` (see `joinGroup`), in the order they joined, from a script (a host
 * calls `engine.broadcast`); returns how many it reached.
 *
 * @example
 * ```ts
 * broadcast('squad:alpha', { kind: 'contact', x: 10, y: 4 });
 * ```
 */
export function broadcast(group: string, message: unknown): number {
  return scriptEngine(`broadcast(${JSON.stringify(group)})`, 'engine.broadcast(group, message)').broadcast(group, message);
}

/** The engine of the running script, where names and groups are looked up. */
export function scriptEngine(op: string, hostForm: string): Engine {
  const thread = runningThread();
  if (thread === null) throw new LoomError(`${op} outside a script: names are an engine's; a host calls ${hostForm}`);
  return thread.engine;
}

import { checkThread, type Kernel, kernelOf, LoomError, runningThread, type Thread } from '../core/kernel.ts';
import { dueTick } from './sleep.ts';
import { wait } from './wait.ts';

// The timer: a detached thread that waits until the tick due and posts, if the target is there to take it.
function* sendAfterTimer(due: number, target: Thread | string, message: unknown): Generator<unknown, void, unknown> {
  const kernel = kernelOf(runningThread()!);
  if (due > kernel.tick) yield* wait(due - kernel.tick);
  const thread = typeof target === 'string' ? kernel.registry.whereis(target) : target;
  if (thread !== null && thread.alive) kernel.send(thread, message);
}

/**
 * Posts `message` to `target` (a thread, or a registered name looked up when it is due) after `seconds` of
 * simulated time: in the first tick whose time reaches it, counted from the tick that is running (or, from the
 * host between ticks, the last one run). A target that has ended by then, or a name nothing has, gets nothing
 * (Erlang's `send_after`). The timer is a detached thread named `sendAfter → target`: the inspector shows it,
 * and cancelling it takes the message back. A name needs a script's engine, or a thread as `from`.
 *
 * @example
 * ```ts
 * const timer = sendAfter(1, self, 'respawn'); // self gets 'respawn' one second from now
 * timer.cancel();                                // or not
 * ```
 */
export function sendAfter(seconds: number, target: Thread | string, message: unknown): Thread {
  const op = `sendAfter(${String(seconds)}, ${typeof target === 'string' ? JSON.stringify(target) : String(target)})`;
  const kernel = timerKernel(target, op);
  const running = runningThread();
  const due = dueTick(kernel, seconds, (reason) => new LoomError(`${op}${running ? ` in ${running.label}` : ''}: ${reason}`));
  const name = `sendAfter → ${typeof target === 'string' ? JSON.stringify(target) : target.label}`;
  return kernel.create(null, [{ detached: true, name }, sendAfterTimer, due, target, message], op);
}

// A thread's own engine; a name's is the running script's.
function timerKernel(target: Thread | string, op: string): Kernel {
  if (typeof target !== 'string') {
    checkThread(target, 'sendAfter');
    return kernelOf(target);
  }
  const running = runningThread();
  if (running === null) throw new LoomError(`${op} outside a script: a name is looked up in a script's engine; pass a thread`);
  return kernelOf(running);
}

import { addWatch, type Kernel, mailboxOwner, Op, removeWatch, type Thread } from '../core/kernel.ts';
import { misuse } from './misuse.ts';

/** How a thread ended, as a {@link Down} message says. */
export type Ending = 'done' | 'failed' | 'cancelled';

/**
 * The message a {@link monitor} posts to its watcher when the thread it watches ends: which thread, how, its
 * result if done and its error if failed (Erlang's `'DOWN'` message, Akka's `Terminated`).
 *
 * @example
 * ```ts
 * const down = yield* receive((m: unknown): m is Down => m instanceof Down && m.thread === target);
 * if (down.ending === 'failed') console.log(`${down.thread.label} failed:`, down.error);
 * ```
 */
export class Down<R = unknown> {
  /** @internal Made by the engine when the watched thread ends. */
  constructor(
    /** The monitor that posted it. */
    readonly monitor: Monitor,
    /** The thread that ended. */
    readonly thread: Thread<R>,
    /** How it ended. */
    readonly ending: Ending,
    /** Its result, if it ended done. */
    readonly result: R | undefined,
    /** Its error, if it failed. */
    readonly error: unknown,
    /** The tick it ended in. */
    readonly tick: number,
  ) {}

  toString(): string {
    return `Down(${this.thread.label} ${this.ending})`;
  }
}

/**
 * A watch of one thread's end that posts a {@link Down} to the watcher's mailbox; see {@link monitor}. Remove it
 * with {@link demonitor}. It ends when either thread does.
 *
 * @example
 * ```ts
 * const watch = yield* monitor(target);
 * demonitor(watch); // lost interest: no Down will come
 * ```
 */
export class Monitor {
  readonly kind = 'monitor';
  /** @internal Made by `monitor`. */
  constructor(
    /** The thread whose mailbox gets the Down. */
    readonly watcher: Thread,
    /** The thread watched. */
    readonly target: Thread,
    private readonly kernel: Kernel,
  ) {}

  /** @internal */
  targetEnded(): void {
    const target = this.target;
    const ending = target.stateName as Ending;
    this.kernel.send(this.watcher, new Down(this, target, ending, target.result, target.error, this.kernel.tick));
  }

  toString(): string {
    return `monitor(${this.target.label}) by ${this.watcher.label}`;
  }
}

class MonitorOp extends Op<Monitor> {
  constructor(private readonly target: Thread) {
    super();
  }

  get description(): string {
    return `monitor(${this.target.label})`;
  }

  enter(thread: Thread, kernel: Kernel): boolean {
    const target = this.target;
    const watcher = mailboxOwner(thread);
    if (target === watcher) throw misuse(this, thread, 'a thread cannot monitor itself (it cannot receive its own Down)');
    if (target.engine !== kernel.engine) throw misuse(this, thread, `${target.label} belongs to another engine`);
    const watch = new Monitor(watcher, target, kernel);
    if (target.alive) addWatch(watch);
    else watch.targetEnded();
    thread.value = watch;
    return false;
  }
}

/**
 * Watches `target`: when it ends, a {@link Down} saying how arrives in the running thread's mailbox (the mailbox
 * owner's, in a branch), also at once if it has already ended. It does not observe the failure: that still
 * reaches its one observer (a joiner, the parent, the error hook). Each call is a watch of its own; remove one
 * with {@link demonitor}. Erlang's `monitor`, Akka's `watch`.
 *
 * @example
 * ```ts
 * yield* monitor(target);
 * const down = yield* receive((m: unknown): m is Down => m instanceof Down);
 * ```
 */
export function monitor(target: Thread): Op<Monitor> {
  return new MonitorOp(target);
}

/**
 * Removes a monitor: no {@link Down} of it arrives after this, and one already queued is taken out of the mailbox
 * (Erlang's `demonitor(Ref, [flush])`). Returns false if it had already ended (its target or its watcher ended, or it was removed).
 *
 * @example
 * ```ts
 * demonitor(watch);
 * ```
 */
export function demonitor(watch: Monitor): boolean {
  const active = removeWatch(watch);
  watch.watcher.extra?.mailbox?.takeFirst((message) => message instanceof Down && message.monitor === watch);
  return active;
}

import {
  ActorParts, addWatch, CALL, DeadlockError, type EndWatch, type Kernel, LoomError, Op, type Thread, waitsFor,
} from '../core/kernel.ts';
import { misuse } from './misuse.ts';
import { deadlineTick } from './sleep.ts';
import type { TimeoutResult } from './timeout.ts';

// A call waiting for its reply: its caller's `call` while it waits, and a watch of the callee's end. Its identity
// is the tag that matches the reply: a reply to a call that has timed out or ended matches nothing.
class PendingCall implements EndWatch {
  readonly kind = 'call';

  constructor(
    readonly watcher: Thread,
    readonly target: Thread,
    private readonly kernel: Kernel,
    private readonly description: string,
  ) {}

  /** Whether the caller still waits for this call. */
  get waiting(): boolean {
    return this.watcher.wait === CALL && this.watcher.extra!.actor!.call === this;
  }

  answer(value: unknown): boolean {
    if (!this.waiting) return false;
    this.kernel.wake(this.watcher, { timedOut: false, value });
    return true;
  }

  targetEnded(): void {
    if (!this.waiting) return;
    const target = this.target;
    const failure = target.stateName === 'failed' ? `: ${messageOf(target.error)}` : '';
    const error = new LoomError(`${this.description} in ${this.watcher.label}: ${target.label} ended (${target.stateName}) before it replied${failure}`, { cause: target.error });
    this.kernel.wakeWithError(this.watcher, error);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A call's request, as the callee receives it in its mailbox: `body` is what the caller asked, `from` who asked;
 * {@link Request.reply} answers it. `Q` is the request's type, `A` the answer's.
 *
 * @example
 * ```ts
 * const ask = yield* receive((m: unknown): m is Request<'slot?', number> => m instanceof Request);
 * ask.reply(freeSlots.pop() ?? -1);
 * ```
 */
export class Request<Q = unknown, A = unknown> {
  /** @internal Made by `call`. */
  constructor(
    /** What the caller asked. */
    readonly body: Q,
    /** The calling thread. */
    readonly from: Thread,
    private readonly pending: PendingCall,
  ) {}

  /**
   * Answers the call: the caller's `call` returns `{ timedOut: false, value: answer }`. Returns false, and the
   * answer goes nowhere, if the caller no longer waits for it (it timed out, or was cancelled or woken by the
   * callee's end): a late reply never lands in a mailbox. A second reply returns false too.
   */
  reply(answer: A): boolean {
    return this.pending.answer(answer);
  }

  toString(): string {
    return `Request(${String(this.body)}) from ${this.from.label}`;
  }
}

class Call<A> extends Op<TimeoutResult<A>> {
  constructor(private readonly target: Thread | string, private readonly request: unknown, private readonly seconds: number) {
    super();
  }

  get description(): string {
    const target = typeof this.target === 'string' ? JSON.stringify(this.target) : this.target.label;
    return `call(${target}, ${this.seconds})`;
  }

  enter(thread: Thread, kernel: Kernel): boolean {
    const target = this.resolve(thread, kernel);
    const due = deadlineTick(this, thread, kernel, this.seconds);
    const cycle = target === thread ? [] : waitsFor(target, thread);
    if (cycle !== null) {
      const labels = [thread.label, ...cycle.map((t) => t.label), thread.label];
      throw new DeadlockError(`${this.description} in ${thread.label} would deadlock: ${labels.join(' → ')}`, labels);
    }
    const pending = new PendingCall(thread, target, kernel, this.description);
    kernel.send(target, new Request(this.request, thread, pending));
    addWatch(pending);
    thread.ensureExtra().actor ??= new ActorParts();
    thread.extra!.actor!.call = pending;
    return kernel.parkUntil(thread, CALL, due);
  }

  private resolve(thread: Thread, kernel: Kernel): Thread {
    const target = typeof this.target === 'string' ? kernel.registry.whereis(this.target) : this.target;
    if (target === null) throw misuse(this, thread, 'no live thread has that name');
    if (target.engine !== kernel.engine) throw misuse(this, thread, `${target.label} belongs to another engine`);
    if (!target.alive) throw misuse(this, thread, `${target.label} has ended (${target.stateName})`);
    return target;
  }
}

/**
 * Asks `target` (a thread, or a registered name) and waits up to `seconds` of simulated time for its answer:
 * `request` reaches its mailbox as a {@link Request}, and the callee's `request.reply(answer)` makes this return
 * `{ timedOut: false, value: answer }`; `{ timedOut: true }` if no reply came in time. Messages arriving
 * meanwhile stay queued for the caller's next receive; the reply is matched to this call alone. The callee ending
 * before it replies is a LoomError here naming it (its failure as `cause`, still observed by its own observer).
 * Calling yourself, or a thread that waits (by call, join or group) on you, is a {@link DeadlockError}.
 * Erlang's `gen_server:call`, Akka's `ask`.
 *
 * @example
 * ```ts
 * const slot = yield* call<'flank?', number>('director', 'flank?', 0.5);
 * if (!slot.timedOut) yield* moveTo(self, slots[slot.value]);
 * ```
 */
export function call<Q, A>(target: Thread<unknown, Request<Q, A>> | string, request: Q, seconds: number): Op<TimeoutResult<A>> {
  return new Call<A>(target as Thread | string, request, seconds);
}

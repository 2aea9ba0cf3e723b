import { type Kernel, mailboxOwner, Op, RECEIVE, type Thread } from '../core/kernel.ts';
import { misuse } from './misuse.ts';
import { deadlineTick } from './sleep.ts';

class Receive<M> extends Op<M | undefined, M> {
  constructor(private readonly timeout: number | undefined) {
    super();
  }

  get description(): string {
    return this.timeout === undefined ? 'receive()' : `receive(${this.timeout})`;
  }

  enter(thread: Thread, kernel: Kernel): boolean {
    const owner = mailboxOwner(thread);
    const mailbox = owner.extra?.mailbox;
    if (mailbox && mailbox.size > 0) {
      thread.value = mailbox.shift();
      return false;
    }
    if (this.timeout === 0) return false; // a poll, as Erlang's `after 0`: nothing queued, undefined at once
    if (owner !== thread) this.registerReceiver(owner, thread);
    if (this.timeout === undefined) return kernel.park(thread, RECEIVE, -1, null);
    return kernel.parkUntil(thread, RECEIVE, deadlineTick(this, thread, kernel, this.timeout));
  }

  // One receiver per mailbox, as in Erlang: a second concurrent receive would silently never get its message.
  private registerReceiver(owner: Thread, thread: Thread): void {
    const other = owner.extra?.receiver;
    if (other) throw misuse(this, thread, `${other.label} is already receiving from ${owner.label}'s mailbox`);
    owner.ensureExtra().receiver = thread;
  }
}

/**
 * Takes the oldest message from the running thread's mailbox (see `send`), waiting for one if it is empty.
 * In a branch of a race, all or timeout, it reads the mailbox of the thread that started the race.
 * With `timeoutSeconds`, gives up after that much simulated time and returns undefined; `receive(0)` does not
 * wait at all (a poll: the oldest message, or undefined at once).
 *
 * `M` is the script's mailbox type: the handle `spawn` returns for the script is a `Thread<R, M>`, and `send`
 * to it takes only an `M` (a thread whose script never receives takes nothing). Give every `receive` of a script
 * the same `M` (a union if it takes several kinds): the handle takes the union of them. Without `M`, the mailbox
 * is untyped (`unknown`). Nothing is checked at run time.
 *
 * @example
 * ```ts
 * const order = yield* receive<MoveOrder>();
 * const report = yield* receive<Sighting>(2); // Sighting | undefined
 * ```
 */
export function receive<M = unknown>(): Op<M, M>;
export function receive<M = unknown>(timeoutSeconds: number): Op<M | undefined, M>;
export function receive<M = unknown>(timeoutSeconds?: number): Op<M | undefined, M> {
  return new Receive<M>(timeoutSeconds);
}

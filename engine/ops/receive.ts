import { ActorParts, checkArgument, type Kernel, type Mailbox, mailboxOwner, matchFailed, NO_MESSAGE, Op, RECEIVE, type Thread } from '../core/kernel.ts';
import { misuse } from './misuse.ts';
import { deadlineTick } from './sleep.ts';

type Match = (message: unknown) => boolean;

class Receive<M> extends Op<M | undefined, M> {
  constructor(private readonly timeout: number | undefined, private readonly match: Match | null) {
    super();
  }

  get description(): string {
    const match = this.match === null ? [] : [this.match.name || 'match'];
    const timeout = this.timeout === undefined ? [] : [String(this.timeout)];
    return `receive(${[...match, ...timeout].join(', ')})`;
  }

  enter(thread: Thread, kernel: Kernel): boolean {
    const owner = mailboxOwner(thread);
    const mailbox = owner.extra?.mailbox;
    const match = this.match;
    if (mailbox && mailbox.size > 0) {
      const message = match === null ? mailbox.shift() : this.takeFirst(mailbox, match, thread);
      if (message !== NO_MESSAGE) {
        thread.value = message;
        return false;
      }
    }
    if (this.timeout === 0) return false; // a poll, as Erlang's `after 0`: nothing queued, undefined at once
    const due = this.timeout === undefined ? -1 : deadlineTick(this, thread, kernel, this.timeout);
    if (owner !== thread) this.registerReceiver(owner, thread);
    // Set only once nothing can throw: the wait's end (detach or expiry) clears it.
    if (match !== null) {
      const parts = (thread.ensureExtra().actor ??= new ActorParts());
      parts.matcher = match;
      parts.matching = this;
    }
    return due < 0 ? kernel.park(thread, RECEIVE, -1, null) : kernel.parkUntil(thread, RECEIVE, due);
  }

  // What the match throws fails this receive, named (as the scheduler names it when a send offers a message).
  private takeFirst(mailbox: Mailbox, match: Match, thread: Thread): unknown {
    try {
      return mailbox.takeFirst(match);
    } catch (error) {
      throw matchFailed(this, thread, error);
    }
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
 * With `match`, a selective receive: takes the oldest message `match` accepts, leaving the others queued in their
 * order (Erlang's `receive` with patterns); a type guard narrows what it returns. What `match` throws fails the
 * receive with a LoomError naming the thread.
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
 * const answer = yield* receive((m: Order | Answer): m is Answer => m.kind === 'answer', 0.5); // Answer | undefined
 * ```
 */
export function receive<M = unknown>(): Op<M, M>;
export function receive<M = unknown>(timeoutSeconds: number): Op<M | undefined, M>;
export function receive<M, T extends M>(match: (message: M) => message is T): Op<T, M>;
export function receive<M, T extends M>(match: (message: M) => message is T, timeoutSeconds: number): Op<T | undefined, M>;
export function receive<M = unknown>(match: (message: M) => boolean): Op<M, M>;
export function receive<M = unknown>(match: (message: M) => boolean, timeoutSeconds: number): Op<M | undefined, M>;
export function receive<M = unknown>(first?: number | ((message: M) => boolean), timeoutSeconds?: number): Op<M | undefined, M> {
  if (typeof first === 'function') return new Receive<M>(timeoutSeconds, first as Match);
  checkArgument(timeoutSeconds === undefined, first, 'receive', 'a match function, then seconds');
  return new Receive<M>(first, null);
}

import type { Thread } from './thread.ts';
import type { Signal } from '../ops/signal.ts';
import type { Group } from '../ops/group.ts';
import { mailboxOwner } from './mailbox.ts';
import { childCount } from './children.ts';
import { removeWatch } from './actor-parts.ts';

/**
 * What a parked thread waits on. The thread keeps only a pointer to one of these shared kinds plus one operand
 * (`thread.waitOn`), so a wait allocates nothing that lives until the wake.
 */
export interface Wait {
  /** @internal Its index in {@link WAIT_KINDS} plus one: a thread stores this, not a pointer. */
  readonly code: number;
  /** Readable, for the inspector: `sleep until 12.40 s`. */
  describe(thread: Thread): string;
  /** Undoes the registration (list, wheel) when the thread is woken by something else or cancelled. */
  detach(thread: Thread): void;
  /**
   * For waits in the timing wheel: what else to undo when the wheel wakes it at its due tick; returns what the
   * wait then returns (undefined for a sleep or a receive that timed out).
   */
  expire?(thread: Thread): unknown;
}

/** Every wait kind, by code - 1. */
export const WAIT_KINDS: Wait[] = [];

// A thread keeps its wait's code in four bits of its flags.
function kind(wait: Omit<Wait, 'code'>): Wait {
  if (WAIT_KINDS.length === 15) throw new Error('internal: more wait kinds than a thread has bits for');
  const registered = { ...wait, code: WAIT_KINDS.length + 1 };
  WAIT_KINDS.push(registered);
  return registered;
}

const unlinkOnly = (thread: Thread): void => thread.unlink();
const fromWheel = (thread: Thread): void => thread.kernel.timers.remove(thread);
const seconds = (thread: Thread, tick: number): string => `${(tick * thread.kernel.dt).toFixed(2)} s`;

/** Parked in the timing wheel until a simulated time. */
export const SLEEP: Wait = kind({
  describe: (t) => `sleep until ${seconds(t, t.waitOn as number)}`,
  detach: fromWheel,
});

/** Parked in the timing wheel until a tick. */
export const TICKS: Wait = kind({ describe: (t) => `wait until tick ${t.waitOn as number}`, detach: fromWheel });

/** Parked until a predicate holds, checked once per tick. */
export const PREDICATE: Wait = kind({
  describe: (t) => `until ${(t.waitOn as () => boolean).name || 'predicate'}`,
  detach: unlinkOnly,
});

/** Parked on a signal's waiter list. */
export const SIGNAL: Wait = kind({ describe: (t) => `signal ${(t.waitOn as Signal<unknown>).name}`, detach: unlinkOnly });

/** Parked on another thread's joiner list. */
export const JOIN: Wait = kind({ describe: (t) => `join ${(t.waitOn as Thread).label}`, detach: unlinkOnly });

/** Parked on a mailbox, in the wheel too when the receive has a timeout (`waitOn` is then the wake tick). */
export const RECEIVE: Wait = kind({
  describe: (t) => {
    const queued = `receive (${mailboxOwner(t).extra?.mailbox?.size ?? 0} queued)`;
    return t.waitOn === -1 ? queued : `${queued}, timeout at ${seconds(t, t.waitOn as number)}`;
  },
  detach: (t) => {
    if (t.waitOn !== -1) fromWheel(t);
    releaseMailbox(t);
  },
  expire: releaseMailbox, // a receive that timed out in a race branch lets the next one receive
});

function releaseMailbox(thread: Thread): undefined {
  const owner = mailboxOwner(thread);
  if (owner.extra?.receiver === thread) owner.extra.receiver = null;
  const parts = thread.extra?.actor;
  if (parts != null) {
    parts.matcher = null;
    parts.matching = null;
  }
  return undefined;
}

/** What a call that timed out returns (see `call`). */
export const TIMED_OUT: { readonly timedOut: true } = Object.freeze({ timedOut: true });

/** Waiting for the reply to a call, in the wheel too (`waitOn` is then the wake tick), its callee watched. */
export const CALL: Wait = kind({
  describe: (t) => {
    const call = `call ${t.extra!.actor!.call!.target.label}`;
    return t.waitOn === -1 ? call : `${call}, timeout at ${seconds(t, t.waitOn as number)}`;
  },
  detach: (t) => {
    if (t.waitOn !== -1) fromWheel(t);
    endCall(t);
  },
  expire: (t) => {
    endCall(t);
    return TIMED_OUT;
  },
});

function endCall(thread: Thread): void {
  const parts = thread.extra!.actor!;
  removeWatch(parts.call!);
  parts.call = null;
}

/** Its script over, waiting for its children (cancelled youngest first) to end before it ends. */
export const CHILDREN: Wait = kind({
  describe: (t) => `children ending (${childCount(t.extra?.children ?? null)} left)`,
  detach: () => {
    throw new Error('internal: a thread waiting for its children to end cannot be woken');
  },
});

/** Parked until a race, all or timeout settles and its losing branches have ended. */
export const GROUP: Wait = kind({
  describe: (t) => (t.waitOn as Group).description,
  detach: (t) => (t.waitOn as Group).abandon(),
});

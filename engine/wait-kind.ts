import type { Thread } from './thread.ts';
import type { Signal } from './signal.ts';
import type { Group } from './group.ts';
import { mailboxOwner } from './mailbox.ts';

/**
 * What a parked thread waits on. The thread keeps only a pointer to one of these shared kinds plus one operand
 * (`thread.waitOn`), so a wait allocates nothing that lives until the wake.
 */
export interface Wait {
  /** Readable, for the inspector: `sleep until 12.40 s`. */
  describe(thread: Thread): string;
  /** Undoes the registration (list, wheel) when the thread is woken by something else or cancelled. */
  detach(thread: Thread): void;
}

const unlinkOnly = (thread: Thread): void => thread.unlink();
const fromWheel = (thread: Thread): void => thread.engine.timers.remove(thread);
const seconds = (thread: Thread, tick: number): string => `${(tick * thread.engine.dt).toFixed(2)} s`;

/** Parked in the timing wheel until a simulated time. */
export const SLEEP: Wait = {
  describe: (t) => `sleep until ${seconds(t, t.waitOn as number)}`,
  detach: fromWheel,
};

/** Parked in the timing wheel until a tick. */
export const TICKS: Wait = { describe: (t) => `wait until tick ${t.waitOn as number}`, detach: fromWheel };

/** Parked until a predicate holds, checked once per tick. */
export const PREDICATE: Wait = {
  describe: (t) => `until ${(t.waitOn as () => boolean).name || 'predicate'}`,
  detach: unlinkOnly,
};

/** Parked on a signal's waiter list. */
export const SIGNAL: Wait = { describe: (t) => `signal ${(t.waitOn as Signal<unknown>).name}`, detach: unlinkOnly };

/** Parked on another thread's joiner list. */
export const JOIN: Wait = { describe: (t) => `join ${(t.waitOn as Thread).label}`, detach: unlinkOnly };

/** Parked on a mailbox, in the wheel too when the receive has a timeout (`waitOn` is then the wake tick). */
export const RECEIVE: Wait = {
  describe: (t) => {
    const queued = `receive (${mailboxOwner(t).extra?.mailbox?.size ?? 0} queued)`;
    return t.waitOn === -1 ? queued : `${queued}, timeout at ${seconds(t, t.waitOn as number)}`;
  },
  detach: (t) => {
    if (t.waitOn !== -1) fromWheel(t);
    const owner = mailboxOwner(t);
    if (owner.extra?.receiver === t) owner.extra.receiver = null;
  },
};

/** Its script over, waiting for its children (cancelled youngest first) to end before it ends. */
export const CHILDREN: Wait = {
  describe: (t) => `children ending (${t.extra?.children?.size ?? 0} left)`,
  detach: () => {
    throw new Error('internal: a thread waiting for its children to end cannot be woken');
  },
};

/** Parked until a race, all or timeout settles and its losing branches have ended. */
export const GROUP: Wait = {
  describe: (t) => (t.waitOn as Group).description,
  detach: (t) => (t.waitOn as Group).abandon(),
};

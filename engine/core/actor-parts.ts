import type { Supervision } from '../ops/supervision.ts';
import { LoomError } from './errors.ts';
import type { Thread } from './thread.ts';

/**
 * A watch of a thread's end, kept by the thread watched: a monitor (which posts a message to its watcher) or a
 * call waiting for a reply (which fails the caller). The engine tells it when its target ends, and drops it when
 * its watcher ends first.
 */
export interface EndWatch {
  /** Which: a monitor, or a call waiting for its reply. */
  readonly kind: 'monitor' | 'call';
  /** The thread that asked to be told. */
  readonly watcher: Thread;
  /** The thread watched. */
  readonly target: Thread;
  /** `target` has ended (its state is final). */
  targetEnded(): void;
}

/**
 * What a thread takes part in as an actor: names and groups, watches, a selective receive or a call it waits in,
 * and a supervisor's records. Made on first use, so threads that are not actors carry one null field for it.
 */
export class ActorParts {
  /** Names it is registered under, oldest first. */
  names: string[] | null = null;
  /** Groups it is a member of, oldest first. */
  groups: string[] | null = null;
  // Sets, not arrays: a supervisor watches every child, and each child's end takes its watch out at once.
  /** Watches of its end (monitors of it, calls waiting on it), oldest first. */
  watchers: Set<EndWatch> | null = null;
  /** Watches it holds on other threads, oldest first: dropped when it ends. */
  watching: Set<EndWatch> | null = null;
  /** While it waits in a selective receive: which message it takes. */
  matcher: ((message: unknown) => boolean) | null = null;
  /** The selective receive it waits in, to name it if the match throws. */
  matching: { readonly description: string } | null = null;
  /** While it waits in a call: the call (its target is the thread it waits on, for deadlock checks). */
  call: EndWatch | null = null;
  /** A supervisor's children and restart counts. */
  supervision: Supervision | null = null;
  /** Failures of its children are observed by its monitors (a supervisor's): none is thrown into it. */
  observesChildren = false;
}

/** Removes `watch` from `set` (watchers or watching); true if it was there. */
export function dropWatch(set: Set<EndWatch> | null, watch: EndWatch): boolean {
  return set !== null && set.delete(watch);
}

/** The error of a selective receive whose match threw `error`, naming the receive and the thread. */
export function matchFailed(receive: { readonly description: string }, thread: Thread, error: unknown): LoomError {
  const reason = error instanceof Error ? error.message : String(error);
  return new LoomError(`${receive.description} in ${thread.label}: the match threw: ${reason}`, { cause: error });
}

/** Starts `watch`: its target keeps it, and its watcher too, so whichever ends first undoes it. */
export function addWatch(watch: EndWatch): void {
  const target = watch.target.ensureExtra();
  ((target.actor ??= new ActorParts()).watchers ??= new Set()).add(watch);
  const watcher = watch.watcher.ensureExtra();
  ((watcher.actor ??= new ActorParts()).watching ??= new Set()).add(watch);
}

/** Ends `watch` before its target ends (a demonitor, a call answered or given up); false if it had ended. */
export function removeWatch(watch: EndWatch): boolean {
  dropWatch(watch.watcher.extra?.actor?.watching ?? null, watch);
  return dropWatch(watch.target.extra?.actor?.watchers ?? null, watch);
}

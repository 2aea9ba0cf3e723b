import { childList } from './children.ts';
import type { Group } from '../ops/group.ts';
import type { Thread } from './thread.ts';
import { CALL, CHILDREN, GROUP, JOIN } from './wait-kind.ts';

/**
 * Whether `from` can end only after `joiner` has: the threads it waits on, in order, if so; else null. A thread
 * waits on the thread it joins or calls, on every live branch of the race or all it waits in (any one of them could settle
 * it, so all must be blocked), and, its script over, on each of its children. Checked when `joiner` starts a join
 * of `from`: that join would close the cycle.
 */
export function waitsFor(from: Thread, joiner: Thread): Thread[] | null {
  if (!waitsOnThreads(from)) return null; // the common case (a join of a running or sleeping thread) allocates nothing
  const path: Thread[] = [];
  return blocked(from, joiner, new Set(), path) ? path : null;
}

function waitsOnThreads(thread: Thread): boolean {
  const wait = thread.wait;
  return wait === JOIN || wait === GROUP || wait === CHILDREN || wait === CALL;
}

// A loop along single edges and the last of several, recursion only for the others: a chain of any length (a
// parent waiting for its one child, a hundred thousand deep) takes no stack.
function blocked(start: Thread, joiner: Thread, seen: Set<Thread>, path: Thread[]): boolean {
  const mark = path.length;
  for (let node = start; ; ) {
    if (node === joiner) return true;
    if (seen.has(node) || !waitsOnThreads(node)) break;
    seen.add(node);
    path.push(node);
    const next = waitedOn(node);
    if (next.length === 0) break;
    if (node.wait === GROUP) {
      if (!othersAllBlocked(next, joiner, seen, path)) break; // a branch that can end settles the group
    } else if (othersAnyBlocked(next, joiner, seen, path)) return true;
    node = next[next.length - 1]!;
  }
  path.length = mark;
  return false;
}

function waitedOn(thread: Thread): Thread[] {
  if (thread.wait === JOIN) return [thread.waitOn as Thread];
  if (thread.wait === CALL) return [thread.extra!.actor!.call!.target];
  if (thread.wait === GROUP) return (thread.waitOn as Group).liveBranches();
  return childList(thread.extra?.children ?? null);
}

// Every branch but the last is blocked (the path keeps none of theirs: the last one's shows the cycle).
function othersAllBlocked(threads: Thread[], joiner: Thread, seen: Set<Thread>, path: Thread[]): boolean {
  for (let i = 0; i < threads.length - 1; i++) {
    const mark = path.length;
    if (!blocked(threads[i]!, joiner, seen, path)) return false;
    path.length = mark;
  }
  return true;
}

// Some thread but the last is blocked (its path is kept).
function othersAnyBlocked(threads: Thread[], joiner: Thread, seen: Set<Thread>, path: Thread[]): boolean {
  for (let i = 0; i < threads.length - 1; i++) if (blocked(threads[i]!, joiner, seen, path)) return true;
  return false;
}

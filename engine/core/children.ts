import type { Thread } from './thread.ts';

/**
 * A thread's live children, oldest first. Most threads have none, or one at a time (spawn a child, join it), so a
 * lone child is kept as itself and a Set is made only for two or more: a Set reallocates its table when it goes
 * from one entry to none and back, garbage that lives as long as the child did.
 */
export type Children = Thread | Set<Thread> | null;

/** `children` with `child` added (the youngest). */
export function withChild(children: Children, child: Thread): Children {
  if (children === null) return child;
  if (children instanceof Set) return children.add(child);
  return new Set([children, child]);
}

/** `children` with `child` taken out; null once none are left. */
export function withoutChild(children: Children, child: Thread): Children {
  if (children === child) return null;
  const set = children as Set<Thread>;
  set.delete(child);
  return set.size === 0 ? null : set;
}

/** How many live children. */
export function childCount(children: Children): number {
  return children === null ? 0 : children instanceof Set ? children.size : 1;
}

/** The live children as a new array, oldest first. */
export function childList(children: Children): Thread[] {
  return children === null ? [] : children instanceof Set ? [...children] : [children];
}

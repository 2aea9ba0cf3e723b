import type { Thread } from 'loom-threads';

/**
 * The live threads of the tree under `root` (itself included), parents before children. A subtree whose root
 * `skip` accepts is left out, with everything under it.
 *
 * @example
 * ```ts
 * liveThreadsUnder(grunt.thread!); // [#12 grunt, #13 listen, #14 race:patrol, ...]
 * ```
 */
export function liveThreadsUnder(root: Thread, skip: (thread: Thread) => boolean = () => false): Thread[] {
  const found: Thread[] = [];
  const visit = (thread: Thread): void => {
    if (thread.alive) found.push(thread);
    for (const child of thread.children) if (!skip(child)) visit(child);
  };
  visit(root);
  return found;
}

import * as loom from '../../engine/index.ts';

// The one place the suite meets the API of /work/design.md (issue 10) that main may not export yet: `shield` and
// `isCancellation`. Without them, shield runs its body as is, and no thrown value is a cancellation.

type Shield = (op: Iterable<unknown, unknown, unknown>) => Iterable<unknown, unknown, unknown>;

const exported = loom as unknown as { shield?: Shield; isCancellation?: (error: unknown) => boolean };

/** Whether the engine under test cancels by throwing, as the design says. */
export const cancelsByThrowing = typeof exported.isCancellation === 'function';

/** `shield(op)` of the design; the bare op without it. */
export const shield: Shield = exported.shield ?? ((op) => op);

/** `isCancellation(e)` of the design; false for everything without it. */
export const isCancellation: (error: unknown) => boolean = exported.isCancellation ?? (() => false);

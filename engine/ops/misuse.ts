import { LoomError } from '../core/errors.ts';
import type { Op } from '../core/op.ts';
import type { Thread } from '../core/thread.ts';

/** The error for a bad use of `op` in `thread`: `sleep(-1) in #4 grunt: seconds must be ...`. */
export function misuse(op: Op<unknown, unknown>, thread: Thread, message: string): LoomError {
  return new LoomError(`${op.description} in ${thread.label}: ${message}`);
}

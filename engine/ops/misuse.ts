import { LoomError, type Op, type Thread } from '../core/kernel.ts';

/** The error for a bad use of `op` in `thread`: `sleep(-1) in #4 grunt: seconds must be ...`. */
export function misuse(op: Op<unknown, unknown>, thread: Thread, message: string): LoomError {
  return new LoomError(`${op.description} in ${thread.label}: ${message}`);
}

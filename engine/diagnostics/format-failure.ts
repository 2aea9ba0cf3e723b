import { ThreadFailedError } from '../core/errors.ts';
import type { ScriptStack } from './script-stack.ts';

/** Causes followed before the rest of the chain is left out. */
const MAX_CAUSES = 8;

/**
 * The text the default error hook prints for a failure: the error's name and message, then `stack` (the failing
 * thread's script stack) if known, else the error's native stack; then, for a {@link ThreadFailedError} (a failed
 * join or child), its cause with the failed thread's script stack, and so on down the chain.
 *
 * @example
 * ```ts
 * engine.onError = (error, thread) => log.write(formatFailure(error, thread.scriptStack));
 * // ChildFailedError: thread #2 grunt failed: blocked path
 * //     at director (game/scripts/director.ts:90:14)
 * //     in #1 director
 * //   caused by Error: blocked path
 * //     at walkTo (game/scripts/grunt.ts:71:11)
 * //     at patrol (game/scripts/grunt.ts:60:14)
 * //     in #2 grunt ← spawned by #1 director at game/scripts/director.ts:88:24
 * ```
 */
export function formatFailure(error: unknown, stack: ScriptStack | null): string {
  const lines = [headline(error), stack === null ? nativeFrames(error) : String(stack)];
  let link = error;
  for (let depth = 0; link instanceof ThreadFailedError && depth < MAX_CAUSES; depth++) {
    const cause = link.cause;
    lines.push(`  caused by ${headline(cause)}`, link.scriptStack === null ? nativeFrames(cause) : String(link.scriptStack));
    link = cause;
  }
  return lines.filter((line) => line !== '').join('\n');
}

function headline(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

// The lines of a native stack after its headline: for errors no thread's stack was recorded for.
function nativeFrames(error: unknown): string {
  const stack = error instanceof Error ? error.stack : undefined;
  if (typeof stack !== 'string') return '';
  return stack.split('\n').filter((line) => /^\s+at /.test(line)).join('\n');
}

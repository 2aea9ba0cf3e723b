import { CancelledError, ChildFailedError, LoomError, ThreadFailedError, isCancellation } from '../../engine/index.ts';

/** An error a program throws on purpose; `serial` tells them apart in a report. */
export class ProgramError extends Error {
  override name = 'ProgramError';
  constructor(readonly serial: number, thrower: string) {
    super(`E${serial} thrown by ${thrower}`);
  }
}

/** A failure's origin: what was thrown first, and who observed it. */
interface Origin {
  label: string;
  /** Terminal observations: a catch that does not rethrow, or the error hook. */
  observed: number;
  /** JavaScript dropped it: a finally or a catch threw something else while it was in flight. */
  superseded: boolean;
  /** A join of its already-ended thread re-threw it as a new failure, which has its own count. */
  rejoined: boolean;
}

/**
 * The ledger behind "every failure reaches exactly one observer". Each origin (a ProgramError, or an error the
 * engine made: a CancelledError from a join, a LoomError from an op) is counted where it stops: a catch that does
 * not rethrow, or the error hook. Wrappers (ThreadFailedError, ChildFailedError) lead to their origin by `cause`.
 */
export class FailureLedger {
  private readonly origins = new Map<unknown, Origin>();
  private serial = 0;

  /** A new error to throw from `thrower`'s script. */
  create(thrower: string): ProgramError {
    const error = new ProgramError(++this.serial, thrower);
    this.track(error, error.message);
    return error;
  }

  /** An error reached a wait or a catch: if no tracked origin lies on its cause chain, its root becomes one. */
  arrived(error: unknown): void {
    if (isCancellation(error) || this.originOf(error) !== undefined) return;
    const root = innermost(error);
    this.track(root, `${nameOf(root)} "${messageOf(root)}"`);
  }

  /** A join of an already-ended failed thread threw `error`: a new failure, as the first one already had its route. */
  rejoined(error: unknown): void {
    if (isCancellation(error)) return;
    const first = this.originOf(error);
    if (first) first.rejoined = true;
    this.track(error, `late join: ${messageOf(error)}`);
  }

  /** A catch that does not rethrow, or the error hook, took `error`. */
  observe(error: unknown): void {
    this.arrived(error);
    this.originOf(error)!.observed++;
  }

  /** JavaScript replaced `error` in flight by another throw (a finally or a catch threw). */
  supersede(error: unknown): void {
    const origin = this.originOf(error);
    if (origin) origin.superseded = true;
  }

  /** The origins observed a wrong number of times, as readable lines. */
  check(): string[] {
    const wrong: string[] = [];
    for (const origin of this.origins.values()) {
      const ok = origin.superseded ? origin.observed === 0 : origin.rejoined ? origin.observed <= 1 : origin.observed === 1;
      if (!ok) {
        const note = origin.superseded ? ' (superseded in flight: expected 0)' : '';
        wrong.push(`failure ${origin.label} reached ${origin.observed} observers${note}`);
      }
    }
    return wrong;
  }

  private track(error: unknown, label: string): void {
    this.origins.set(error, { label, observed: 0, superseded: false, rejoined: false });
  }

  // The first tracked error on the cause chain, outermost first.
  private originOf(error: unknown): Origin | undefined {
    for (let e: unknown = error; ; e = wrapped(e)) {
      const origin = this.origins.get(e);
      if (origin || wrapped(e) === undefined) return origin;
    }
  }
}

/**
 * What is wrong, if an error the hook received is the engine reporting a fault rather than a script's failure:
 * nothing, an internal error, a raw TypeError, or a swallowed Cancellation (these programs swallow none on purpose).
 */
export function engineFault(error: unknown): string | null {
  if (error === undefined) return 'the error hook was handed undefined';
  const root = rootOf(error);
  if (root instanceof Error && root.message.startsWith('internal:')) return root.message;
  if (isSwallowReport(root)) return (root as LoomError).message;
  if (root instanceof TypeError || root instanceof RangeError) return `${root.name}: ${root.message}`;
  return null;
}

function rootOf(error: unknown): unknown {
  let e = error;
  for (let cause = causeOf(e); cause !== undefined; cause = causeOf(e)) e = cause;
  return e;
}

// The origin of a failure: the end of its chain of wrappers. A LoomError the engine made (a call's whose callee
// ended, a supervisor's giving up) is a failure of its own: its cause, which it names, still has its own route.
function innermost(error: unknown): unknown {
  let e = error;
  for (let inner = wrapped(e); inner !== undefined; inner = wrapped(e)) e = inner;
  return e;
}

function wrapped(error: unknown): unknown {
  return error instanceof LoomError ? undefined : causeOf(error);
}

function causeOf(error: unknown): unknown {
  return error instanceof Error ? error.cause : undefined;
}

function nameOf(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Whether the engine reports that a script caught its own Cancellation and went on. */
export function isSwallowReport(error: unknown): boolean {
  return error instanceof LoomError && error.message.includes('caught its Cancellation');
}

/** How an observation prints an error the engine threw or reported: as the reference model prints its own. */
export function showError(error: unknown): string {
  if (isCancellation(error)) return 'Cancellation';
  if (error instanceof ProgramError) return `E${error.serial}`;
  if (error instanceof ChildFailedError) return `ChildFailed(${showError(error.cause)})`; // a ThreadFailedError too
  if (error instanceof ThreadFailedError) return `ThreadFailed(${showError(error.cause)})`;
  if (error instanceof CancelledError) return 'Cancelled';
  if (error instanceof LoomError && error.message.includes('instead of letting its Cancellation through')) return 'Swallowed';
  if (error instanceof LoomError) return 'LoomError'; // its message names threads by engine ids the model has not
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

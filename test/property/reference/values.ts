// The reference model's own errors and values: it shares no class with the engine, so a program it runs can only
// see what the model gives it. Observations print them as the engine side prints the engine's (see observe.ts).

/** The model's cancellation: thrown into a thread's frames to unwind them. */
export class ModelCancellation {
  readonly kind = 'Cancellation';
}

/** An error a program throws, numbered in the order throws run (the engine side numbers its own the same way). */
export class ModelProgramError {
  readonly kind = 'ProgramError';
  constructor(readonly serial: number) {}
}

/** An error the model makes: a join or group naming a failed or cancelled thread, a child failure, a misuse. */
export class ModelError {
  constructor(
    readonly kind: 'ThreadFailed' | 'ChildFailed' | 'Cancelled' | 'Swallowed' | 'LoomError',
    readonly cause: unknown = undefined,
  ) {}
}

export type RaceResult = { winner: string };
export type TimeoutResult = { timedOut: boolean };

export function isModelCancellation(error: unknown): error is ModelCancellation {
  return error instanceof ModelCancellation;
}

/** How an observation prints a model error: its kind, and the origin at the end of its causes. */
export function showModelError(error: unknown): string {
  if (error instanceof ModelCancellation) return 'Cancellation';
  if (error instanceof ModelProgramError) return `E${error.serial}`;
  if (error instanceof ModelError) return error.cause === undefined ? error.kind : `${error.kind}(${showModelError(error.cause)})`;
  return String(error);
}

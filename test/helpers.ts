import { Engine, type EngineOptions, type Thread } from '../engine/index.ts';

/** An engine whose error hook records instead of printing, with helpers to drive ticks by hand. */
export interface TestEngine {
  engine: Engine;
  /** Every (error, thread) the error hook received, in order. */
  errors: { error: unknown; thread: Thread }[];
  /** Runs n ticks. */
  steps(n: number): void;
}

export function createTestEngine(options: EngineOptions = {}): TestEngine {
  const errors: { error: unknown; thread: Thread }[] = [];
  const engine = new Engine({ onError: (error, thread) => errors.push({ error, thread }), ...options });
  return {
    engine,
    errors,
    steps(n) {
      for (let i = 0; i < n; i++) engine.step();
    },
  };
}

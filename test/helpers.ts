import { TestRunner, afterAll, onTestFinished } from 'vitest';
import { Engine, type EngineOptions, type Thread } from '../engine/index.ts';

/** An error the engine's error hook received, with the thread it came from. */
export interface ReportedError {
  error: unknown;
  thread: Thread;
}

/** An engine whose error hook records instead of printing, with helpers to drive ticks by hand. */
export interface TestEngine {
  engine: Engine;
  /** Runs n ticks. */
  steps(n: number): void;
  /**
   * Hands over, in order, every error the hook received since the last take, and forgets them. A test that
   * expects script errors takes them and asserts what they are; any error still untaken when the test ends
   * fails it, so a script that fails for the wrong reason cannot pass unseen.
   */
  takeErrors(): ReportedError[];
}

/**
 * Makes a test engine. Made inside a test, untaken errors fail that test when it ends; made while a suite is
 * collected (an engine its tests share), they fail the suite once its tests are over.
 */
export function createTestEngine(options: EngineOptions = {}): TestEngine {
  let errors: ReportedError[] = [];
  const engine = new Engine({ onError: (error, thread) => errors.push({ error, thread }), ...options });
  const check = (): void => {
    if (errors.length > 0) throw new UnexpectedScriptErrors(errors);
  };
  if (TestRunner.getCurrentTest()) onTestFinished(check);
  else afterAll(check);
  return {
    engine,
    steps(n) {
      for (let i = 0; i < n; i++) engine.step();
    },
    takeErrors() {
      const taken = errors;
      errors = [];
      return taken;
    },
  };
}

/** The errors a test engine's hook received that the test never took: each with its thread and stack. */
class UnexpectedScriptErrors extends Error {
  constructor(errors: readonly ReportedError[]) {
    const lines = errors.map(({ error, thread }) =>
      `${thread.label}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    super(`${errors.length} script error(s) reached the error hook and the test did not take them `
      + `(takeErrors() claims expected ones):\n${lines.join('\n')}`);
    this.name = 'UnexpectedScriptErrors';
  }
}

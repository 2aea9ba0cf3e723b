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
  const reported = new Reported();
  const engine = new Engine({ onError: (error, thread) => reported.errors.push({ error, thread }), ...options });
  checkAllTakenAtEnd(reported);
  return {
    engine,
    steps(n) {
      for (let i = 0; i < n; i++) engine.step();
    },
    takeErrors() {
      const taken = reported.errors;
      reported.errors = [];
      return taken;
    },
  };
}

/** The errors a test engine's hook received and the test has not taken yet. */
class Reported {
  errors: ReportedError[] = [];
}

// A function of its own, so the hook it registers holds the errors and not the engine: a property test making
// hundreds of engines in one test keeps none of them alive until the end.
function checkAllTakenAtEnd(reported: Reported): void {
  const check = (): void => {
    if (reported.errors.length > 0) throw new UnexpectedScriptErrors(reported.errors);
  };
  if (TestRunner.getCurrentTest()) onTestFinished(check);
  else afterAll(check);
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

import fc from 'fast-check';
import { programs } from './arbitrary.ts';
import { printProgram, type Program } from './program.ts';
import { runProgram } from './run-program.ts';

/** What fast-check reports for a failing program: the invariants it broke, then the program as text. */
export function explain(program: Program, violations: readonly string[]): string {
  return `${violations.map((line) => `  - ${line}`).join('\n')}\nprogram:\n${printProgram(program)}`;
}

/**
 * The property: every random program keeps every invariant. With `only`, just the invariants whose name contains
 * it count (to hunt one class of counterexample while others are known).
 */
export function everyProgramKeepsTheRules(only?: string): fc.IPropertyWithHooks<[Program]> {
  return fc.property(programs, (program) => {
    const violations = runProgram(program).filter((line) => only === undefined || line.split(':')[0]!.includes(only));
    if (violations.length > 0) throw new Error(`broke ${violations.length} invariant(s):\n${explain(program, violations)}`);
  });
}

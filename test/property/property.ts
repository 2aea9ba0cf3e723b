import fc from 'fast-check';
import { programs } from './arbitrary.ts';
import { printProgram, type Program } from './program.ts';
import { runProgram } from './run-program.ts';
import { simplify } from './simplify.ts';

/** A program that broke an invariant, shrunk by fast-check then simplified, with what it broke. */
export interface Counterexample {
  program: Program;
  violations: string[];
  /** Programs checked until the first failure; fast-check's replay path. */
  runs: number;
  path: string;
}

/**
 * Checks `runs` random programs from `seed`; returns null if every one kept every invariant. With `only`, just the
 * invariants whose name contains it count (to hunt one class of counterexample while others are known).
 */
export function findCounterexample(runs: number, seed: number, only?: string): Counterexample | null {
  const broken = (program: Program): string[] =>
    runProgram(program).filter((line) => only === undefined || invariantOf(line).includes(only));
  const result = fc.check(fc.property(programs, (program) => broken(program).length === 0), { numRuns: runs, seed });
  if (!result.failed) return null;
  const [shrunk] = result.counterexample!;
  const invariant = invariantOf(broken(shrunk)[0]!);
  const program = simplify(shrunk, (candidate) => broken(candidate).some((line) => invariantOf(line) === invariant));
  return { program, violations: runProgram(program), runs: result.numRuns, path: result.counterexamplePath ?? '' };
}

/** The invariants broken, then the program as text. */
export function explain({ program, violations }: Counterexample): string {
  return `${violations.map((line) => `  - ${line}`).join('\n')}\nprogram:\n${printProgram(program)}`;
}

/** The invariant a violation line names. */
export function invariantOf(line: string): string {
  return line.slice(0, line.indexOf(':'));
}

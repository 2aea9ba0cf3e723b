// Runs one of the bench's steady-state cases in a process of its own and prints its rows as one JSON line: run after
// other cases in the bench's process, their figures moved with whatever those left in the heap, as spawn's did.
// Run: node --expose-gc --import tsx bench/case-probe.ts churn|mixed THREADS ROUNDS MIXED_TICKS SEED
import { churnCase, mixedCase, type BenchPlan } from './bench-cases.ts';

/** The cases a probe runs, by name. */
const CASES = { churn: churnCase, mixed: mixedCase };

const [name, ...numbers] = process.argv.slice(2);
const [threads, rounds, mixedTicks, seed] = numbers.map(Number);
const counts = [threads, rounds, seed].every((n) => Number.isInteger(n) && n! > 0);
// The ticks count only for mixed: the churn rows of a plan with none (bench:luajit's) run here too.
const ticks = Number.isInteger(mixedTicks) && (name === 'mixed' ? mixedTicks! > 0 : mixedTicks! >= 0);
if (!Object.hasOwn(CASES, name ?? '') || !counts || !ticks) {
  console.error('usage: node --expose-gc --import tsx bench/case-probe.ts churn|mixed THREADS ROUNDS MIXED_TICKS SEED');
  process.exit(2);
}
const plan: BenchPlan = { rounds: rounds!, mixedTicks: mixedTicks!, seed: seed!, log: (text) => console.error(text) };
console.log(JSON.stringify(await CASES[name as keyof typeof CASES](plan, threads!)));

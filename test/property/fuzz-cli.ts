// `npm run fuzz -- --runs N --seed S [--only <invariant words>] [--tally]`: checks N random programs; on a failure,
// prints the shrunk counterexample as program text with the invariants it broke, and exits 1. With --tally, it runs
// all N without stopping and counts the programs breaking each invariant.
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { programs } from './arbitrary.ts';
import { explain, findCounterexample, invariantOf } from './property.ts';
import { runProgram } from './run-program.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10000' },
    seed: { type: 'string', default: String(Date.now() % 2 ** 31) },
    only: { type: 'string' },
    tally: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const seed = Number(values.seed);
console.log(`fuzz: ${runs} programs, seed ${seed}${values.only ? `, only "${values.only}"` : ''}`);
const started = performance.now();
if (values.tally) tally();
else check();

function tally(): void {
  const broken = new Map<string, number>();
  for (const program of fc.sample(programs, { numRuns: runs, seed })) {
    const invariants = new Set(runProgram(program).map(invariantOf));
    for (const invariant of invariants) broken.set(invariant, (broken.get(invariant) ?? 0) + 1);
  }
  console.log(`${runs} programs in ${((performance.now() - started) / 1000).toFixed(1)} s; programs breaking each invariant:`);
  for (const [invariant, count] of broken) console.log(`  ${String(count).padStart(6)}  ${invariant}`);
  if (broken.size > 0) process.exitCode = 1;
}

function check(): void {
  const found = findCounterexample(runs, seed, values.only);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (found === null) {
    console.log(`ok: ${runs} programs, 0 violations, ${seconds} s`);
    return;
  }
  console.log(`FAILED at program ${found.runs} (${seconds} s); replay: --seed ${seed}, fast-check path "${found.path}"`);
  console.log(explain(found));
  process.exitCode = 1;
}

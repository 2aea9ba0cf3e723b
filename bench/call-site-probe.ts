// Runs one case of `npm run bench:callsites` in a process of its own and prints its row as one JSON line: run after
// other cases in one process, a case's ratio moved with its place in the run (`frame` with 'waits', which writes
// nothing more than 'off' does, measured 1.2x to 1.4x as the second case, about 1.0x as the first).
// Run: node --expose-gc --import tsx bench/call-site-probe.ts WORKLOAD frames|waits mode-first|off-first THREADS
import { callSiteCase, callSiteCaseNamed } from './call-site-cases.ts';

const [workload, mode, order, threads] = process.argv.slice(2);
const known = callSiteCaseNamed(workload, mode, order);
const count = Number(threads);
if (known === undefined || !Number.isInteger(count) || count <= 0) {
  console.error('usage: node --expose-gc --import tsx bench/call-site-probe.ts frame|mixed|churn frames|waits mode-first|off-first THREADS');
  process.exit(2);
}
console.log(JSON.stringify(await callSiteCase(known.workload, known.mode, count, known.order)));

// What the watchdog costs: the same workload with no watchdog and with one (a worker thread polling, a limit it
// never reaches), rounds alternating in one process, ns per switch and the ratio. `churn` names a new thread at
// nearly every resume; `frame` names each thread once. Run: npm run bench:watchdog [-- threads]
import { Engine } from 'loom-threads';
import { nodeWatchdog } from 'loom-threads/watchdog-node';
import { formatTable, sig } from '../harness/format.ts';
import { engineNsPerSwitch, interleave } from './measure.ts';
import { workloads, type WorkloadName } from '../harness/workloads.ts';

const THREADS = Number(process.argv[2] ?? 10_000);
const TICKS = Math.max(20, Math.round(2_000_000 / THREADS));

/** An engine running `threads` of a workload, warmed up, and a function measuring ns per switch over TICKS ticks. */
function setUp(name: WorkloadName, watched: boolean): { measure: () => number; engine: Engine } {
  const engine = new Engine({ seed: 1, watchdog: watched ? nodeWatchdog({ limitMs: 60_000 }) : undefined });
  workloads[name].spawn(engine, THREADS);
  for (let i = 0; i < 30; i++) engine.step();
  return { engine, measure: () => engineNsPerSwitch(engine, TICKS) };
}

const rows: string[][] = [];
for (const name of ['frame', 'churn'] as const) {
  const on = setUp(name, true);
  const paired = await interleave(7, on.measure, setUp(name, false).measure);
  on.engine.watchdog!.stop();
  rows.push([name, String(THREADS), sig(paired.floor), sig(paired.engine), `${sig(paired.ratio)}x`]);
}
console.log(`Watchdog cost, ${THREADS} threads, ${TICKS} ticks a round, median of 7 rounds (Node ${process.version})`);
console.log(formatTable(['workload', 'threads', 'off ns/switch', 'on ns/switch', 'on / off'], rows));

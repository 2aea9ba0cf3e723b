// What capturing call sites costs: the frame, mixed and churn workloads with `callSites` 'frames' and 'waits',
// each against the same workload with 'off', rounds alternating in one process; ns per switch and the ratio.
// Run: npm run bench:callsites [-- threads]
import { Engine, type CallSites } from 'loom-threads';
import { formatTable, sig } from '../harness/format.ts';
import { engineNsPerSwitch, interleave } from './measure.ts';
import { workloads, type WorkloadName } from '../harness/workloads.ts';

const THREADS = Number(process.argv[2] ?? 10_000);
const ROUNDS = 5;
const SWITCHES_A_ROUND = 300_000;

/** An engine running `workload` with `mode`, warmed up; returns a measurement of ns per switch. */
function setUp(workload: WorkloadName, mode: CallSites): () => number {
  const engine = new Engine({ seed: 1, callSites: mode });
  workloads[workload].spawn(engine, THREADS);
  for (let i = 0; i < 60; i++) engine.step();
  const perTick = Math.max(1, engine.resumes / 60);
  const ticks = Math.max(10, Math.round(SWITCHES_A_ROUND / perTick));
  return () => engineNsPerSwitch(engine, ticks);
}

const rows: string[][] = [];
for (const workload of ['frame', 'mixed', 'churn'] as const) {
  for (const mode of ['frames', 'waits'] as const) {
    const paired = await interleave(ROUNDS, setUp(workload, mode), setUp(workload, 'off'));
    rows.push([workload, THREADS.toLocaleString('en-US'), mode, sig(paired.floor), sig(paired.engine), `${paired.ratio.toFixed(2)}x`]);
  }
}
console.log(`Call-site capture against callSites 'off', ${THREADS.toLocaleString('en-US')} threads, median of ${ROUNDS} rounds of about ${SWITCHES_A_ROUND.toLocaleString('en-US')} switches (Node ${process.version})`);
console.log(formatTable(['workload', 'threads', 'callSites', "'off' ns/switch", 'ns/switch', 'ratio to off'], rows));

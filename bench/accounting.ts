// What leaving the inspector open costs the engine in Node: the same engine and workload with accounting off, and
// on with the inspector's per-tick hook (its script-time window) reading every tick, rounds alternating in one
// process, ns per switch and the ratio. Run: npm run bench:accounting [-- threads]
import { Engine } from 'loom';
import { ScriptTimeWindow } from '../game/inspector/script-time-window.ts';
import { formatTable, sig } from './format.ts';
import { engineNsPerSwitch, interleave } from './measure.ts';
import { workloads, type WorkloadName } from './workloads.ts';

const THREADS = Number(process.argv[2] ?? 10_000);
const TICKS = Math.max(20, Math.round(2_000_000 / THREADS));

/** An engine running `threads` of a workload, warmed up, and a function measuring ns per switch over TICKS ticks. */
function setUp(name: WorkloadName, accounting: boolean): () => number {
  const engine = new Engine({ seed: 1 });
  workloads[name].spawn(engine, THREADS);
  engine.accounting.enabled = accounting;
  if (accounting) new ScriptTimeWindow(engine).start();
  for (let i = 0; i < 30; i++) engine.step();
  return () => engineNsPerSwitch(engine, TICKS);
}

const rows: string[][] = [];
for (const name of ['frame', 'sleepers', 'mixed'] as const) {
  const paired = await interleave(7, setUp(name, true), setUp(name, false));
  rows.push([name, String(THREADS), sig(paired.floor), sig(paired.engine), `${sig(paired.ratio)}x`]);
}
console.log(`Accounting cost (the inspector open vs closed), ${THREADS} threads, ${TICKS} ticks a round, median of 7 rounds (Node ${process.version})`);
console.log(formatTable(['workload', 'threads', 'closed ns/switch', 'open ns/switch', 'open / closed'], rows));

// What leaving the inspector open costs the engine in Node: one engine per workload, its accounting switched on (with
// the inspector's per-tick hook, its script-time window, reading every tick) and off in alternating rounds, as the
// stress page opens and closes the inspector on one running engine. ns per switch and the ratio.
// Run: npm run bench:accounting [-- threads]
import { Engine } from 'loom-threads';
import { ScriptTimeWindow } from 'loom-threads/inspector';
import { formatTable, sig } from '../harness/format.ts';
import { engineNsPerSwitch, interleave } from './measure.ts';
import { workloads, type WorkloadName } from '../harness/workloads.ts';

const THREADS = Number(process.argv[2] ?? 10_000);
const TICKS = Math.max(20, Math.round(2_000_000 / THREADS));
const ROUNDS = 9;
// Ticks run after each switch before timing: the first open tick starts the counts and the window afresh.
const SETTLE_TICKS = 2;

/**
 * One engine running `threads` of a workload, warmed up closed (as the page runs before the inspector opens), and a
 * round for each side: it switches the inspector open or closed, settles, and measures ns per switch over TICKS.
 * Two engines, one open and one closed, would differ by where their threads landed in the heap, by more than
 * accounting costs.
 */
function setUp(name: WorkloadName): { open: () => number; closed: () => number } {
  const engine = new Engine({ seed: 1 });
  workloads[name].spawn(engine, THREADS);
  const window = new ScriptTimeWindow(engine);
  for (let i = 0; i < 30; i++) engine.step();
  const round = (open: boolean) => (): number => {
    engine.accounting.enabled = open;
    if (open) window.start();
    else window.stop();
    for (let i = 0; i < SETTLE_TICKS; i++) engine.step();
    return engineNsPerSwitch(engine, TICKS);
  };
  return { open: round(true), closed: round(false) };
}

const rows: string[][] = [];
for (const name of ['frame', 'sleepers', 'mixed'] as const) {
  const sides = setUp(name);
  const paired = await interleave(ROUNDS, sides.open, sides.closed);
  const ratios = paired.rounds.map((r) => r.engine / r.floor);
  const range = `${sig(Math.min(...ratios))} to ${sig(Math.max(...ratios))}`;
  rows.push([name, String(THREADS), sig(paired.floor), sig(paired.engine), `${sig(paired.ratio)}x`, range]);
}
console.log(
  `Accounting cost (the inspector open vs closed, one engine switched between them), ${THREADS} threads, ${TICKS} ` +
    `ticks a round, median of ${ROUNDS} alternating rounds (Node ${process.version})`,
);
console.log(formatTable(['workload', 'threads', 'closed ns/switch', 'open ns/switch', 'open / closed', 'rounds'], rows));

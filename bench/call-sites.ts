// What call sites cost: the frame, mixed and churn workloads with `callSites` 'frames' and 'waits', each against
// the same workload with 'off', rounds alternating. Each case runs in two processes of its own, one setting up the
// engine with the mode first and one the engine with 'off' first, and the row is the mean of the two. Captured at
// run time, or (bench:callsites-node) written in by loom-threads/node: each process is run as this one was.
// Run: npm run bench:callsites [-- threads], npm run bench:callsites-node [-- threads]
import { formatTable, sig } from '../harness/format.ts';
import { runProbe } from './bench-cases.ts';
import { CALL_SITE_CASES, callSiteMethod, meanOfOrders, sitesWrittenIn, type CallSiteOrder, type CallSiteRow } from './call-site-cases.ts';

const THREADS = Number(process.argv[2] ?? 10_000);

function probe(workload: string, mode: string, order: CallSiteOrder): CallSiteRow {
  return runProbe('call-site-probe.ts', [workload, mode, order, THREADS], process.execArgv);
}

const rows = CALL_SITE_CASES.map(({ workload, mode }) => {
  const modeFirst = probe(workload, mode, 'mode-first');
  const offFirst = probe(workload, mode, 'off-first');
  const row = meanOfOrders(modeFirst, offFirst);
  const orders = `${modeFirst.ratio.toFixed(2)}x, ${offFirst.ratio.toFixed(2)}x`;
  return [workload, THREADS.toLocaleString('en-US'), mode, sig(row.offNs), sig(row.modeNs), `${row.ratio.toFixed(2)}x`, orders];
});
const how = sitesWrittenIn() ? 'Call sites written in by loom-threads/node' : 'Call-site capture';
console.log(`${how} against callSites 'off', ${callSiteMethod(THREADS)} (Node ${process.version})`);
console.log(formatTable(['workload', 'threads', 'callSites', "'off' ns/switch", 'ns/switch', 'ratio to off', 'mode first, off first'], rows));

// What call sites cost: the frame, mixed and churn workloads with `callSites` 'frames' and 'waits', each against
// the same workload with 'off', rounds alternating in one process; ns per switch and the ratio. Captured at run
// time, or (bench:callsites-node) written in by loom-threads/node.
// Run: npm run bench:callsites [-- threads], npm run bench:callsites-node [-- threads]
import { formatTable, sig } from '../harness/format.ts';
import { callSiteMethod, callSiteRows, sitesWrittenIn } from './call-site-cases.ts';

const THREADS = Number(process.argv[2] ?? 10_000);

const rows = (await callSiteRows(THREADS)).map((row) => [row.workload, THREADS.toLocaleString('en-US'), row.mode, sig(row.offNs), sig(row.modeNs), `${row.ratio.toFixed(2)}x`]);
const how = sitesWrittenIn() ? 'Call sites written in by loom-threads/node' : 'Call-site capture';
console.log(`${how} against callSites 'off', ${callSiteMethod(THREADS)} (Node ${process.version})`);
console.log(formatTable(['workload', 'threads', 'callSites', "'off' ns/switch", 'ns/switch', 'ratio to off'], rows));

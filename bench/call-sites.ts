// What capturing call sites costs: the frame, mixed and churn workloads with `callSites` 'frames' and 'waits',
// each against the same workload with 'off', rounds alternating in one process; ns per switch and the ratio.
// Run: npm run bench:callsites [-- threads]
import { formatTable, sig } from '../harness/format.ts';
import { callSiteMethod, callSiteRows } from './call-site-cases.ts';

const THREADS = Number(process.argv[2] ?? 10_000);

const rows = (await callSiteRows(THREADS)).map((row) => [row.workload, THREADS.toLocaleString('en-US'), row.mode, sig(row.offNs), sig(row.modeNs), `${row.ratio.toFixed(2)}x`]);
console.log(`Call-site capture against callSites 'off', ${callSiteMethod(THREADS)} (Node ${process.version})`);
console.log(formatTable(['workload', 'threads', 'callSites', "'off' ns/switch", 'ns/switch', 'ratio to off'], rows));

// The page of `npm run bench:callsites-browser` (bench/call-sites.html), under the Vite dev server: the call-site
// cases of bench:callsites, run in the page with the workloads as the dev server serves them.
import { callSiteRows, type CallSiteRow } from './call-site-cases.ts';

declare global {
  interface Window {
    /** The rows once measured, or what went wrong. */
    loomCallSites?: { rows: CallSiteRow[] } | { error: string };
  }
}

const threads = Number(new URLSearchParams(location.search).get('threads') ?? 10_000);
const shown = document.getElementById('result')!;
callSiteRows(threads).then(
  (rows) => {
    window.loomCallSites = { rows };
    shown.textContent = rows.map((row) => `${row.workload} ${row.mode} ${row.ratio.toFixed(2)}x`).join('\n');
  },
  (error: unknown) => {
    window.loomCallSites = { error: String(error) };
    shown.textContent = String(error);
  },
);

// The page of `npm run bench:callsites-browser` (bench/call-sites.html), under the Vite dev server: one call-site
// case of bench:callsites (`?workload=…&mode=…&order=…&threads=…`), run with the workloads as the dev server serves
// them. Each case gets a fresh page, as each gets a fresh process in Node.
import { callSiteCase, callSiteCaseNamed, type CallSiteRow } from './call-site-cases.ts';

declare global {
  interface Window {
    /** The case's row once measured, or what went wrong. */
    loomCallSites?: { row: CallSiteRow } | { error: string };
  }
}

const query = new URLSearchParams(location.search);
const threads = Number(query.get('threads') ?? 10_000);
const known = callSiteCaseNamed(query.get('workload'), query.get('mode'), query.get('order'));
const shown = document.getElementById('result')!;
const measured =
  known === undefined
    ? Promise.reject(new Error('no such case: ask for ?workload=frame|mixed|churn&mode=frames|waits&order=mode-first|off-first'))
    : callSiteCase(known.workload, known.mode, threads, known.order);
measured.then(
  (row) => {
    window.loomCallSites = { row };
    shown.textContent = `${row.workload} ${row.mode} ${row.ratio.toFixed(2)}x`;
  },
  (error: unknown) => {
    window.loomCallSites = { error: String(error) };
    shown.textContent = String(error);
  },
);

// `npm run bench:callsites-browser [-- threads]`: what `callSites` costs under `npm start`, in Chromium. The cases
// of bench:callsites run in pages (call-sites.html) of the Vite dev server, each case in a page of its own once per
// set-up order, twice over: with the project's Vite plugin, which writes the workloads' call sites in as it serves
// them, and without it, where the engine captures them at run time. Runs alternate between the two servers.
import { formatTable, sig } from '../harness/format.ts';
import { median } from '../harness/stats.ts';
import { launchChromium, serveDevelopment } from '../test/support/browser.ts';
import { CALL_SITE_CASES, callSiteMethod, meanOfOrders, type CallSiteRow } from './call-site-cases.ts';

const THREADS = Number(process.argv[2] ?? 10_000);
/** Page runs per variant, alternating. */
const RUNS = 2;
const PAGE_TIMEOUT_MS = 2 * 60_000;

type Variant = 'written in' | 'captured';

const browser = await launchChromium();
const version = browser.version();
const runs = new Map<Variant, CallSiteRow[][]>([['written in', []], ['captured', []]]);
try {
  for (let run = 0; run < RUNS; run++) {
    for (const variant of run % 2 === 0 ? (['written in', 'captured'] as const) : (['captured', 'written in'] as const)) {
      runs.get(variant)!.push(await measure(variant === 'written in'));
    }
  }
} finally {
  await browser.close();
}

// Each case in a fresh browser context (a page of its own), once with each set-up order.
async function measure(sites: boolean): Promise<CallSiteRow[]> {
  const server = await serveDevelopment(sites);
  try {
    const rows: CallSiteRow[] = [];
    for (const { workload, mode } of CALL_SITE_CASES) {
      const modeFirst = await measureCase(`${server.url}bench/call-sites.html?threads=${THREADS}&workload=${workload}&mode=${mode}&order=mode-first`);
      const offFirst = await measureCase(`${server.url}bench/call-sites.html?threads=${THREADS}&workload=${workload}&mode=${mode}&order=off-first`);
      rows.push(meanOfOrders(modeFirst, offFirst));
    }
    return rows;
  } finally {
    await server.close();
  }
}

async function measureCase(url: string): Promise<CallSiteRow> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => window.loomCallSites !== undefined, null, { timeout: PAGE_TIMEOUT_MS, polling: 1000 });
    const result = (await page.evaluate(() => window.loomCallSites))!;
    if ('error' in result) throw new Error(`the page failed: ${result.error}`);
    return result.row;
  } finally {
    await context.close();
  }
}

const written = runs.get('written in')!;
const captured = runs.get('captured')!;
const ratios = (rows: CallSiteRow[][], index: number) => rows.map((run) => `${run[index]!.ratio.toFixed(2)}x`).join(', ');
const rows = written[0]!.map((row, index) => [
  row.workload,
  row.mode,
  ratios(captured, index),
  ratios(written, index),
  sig(median(written.map((run) => run[index]!.modeNs))),
  sig(median(written.map((run) => run[index]!.offNs))),
]);
console.log(`Call sites under the Vite dev server in Chromium ${version}, against callSites 'off' in the same page: ${callSiteMethod(THREADS)}; ${RUNS} page runs each`);
console.log(formatTable(['workload', 'callSites', 'captured: ratio to off', 'written in: ratio to off', "written in: ns/switch", "'off' ns/switch"], rows));

// The cases of `npm run bench:callsites`, shared by its Node run (call-sites.ts) and its page under the Vite dev
// server (call-sites-page.ts): each workload with a `callSites` mode against the same workload with 'off'.
import { Engine, type CallSites } from 'loom-threads';
import { engineNsPerSwitch, interleave } from './measure.ts';
import { workloads, type WorkloadName } from '../harness/workloads.ts';

const ROUNDS = 5;
const SWITCHES_A_ROUND = 300_000;

/** One case's figures: ns per switch with the mode and with 'off', medians, and the median per-round ratio. */
export interface CallSiteRow {
  workload: WorkloadName;
  mode: CallSites;
  offNs: number;
  modeNs: number;
  ratio: number;
}

/** An engine running `workload` with `mode`, warmed up; returns a measurement of ns per switch. */
function setUp(workload: WorkloadName, mode: CallSites, threads: number): () => number {
  const engine = new Engine({ seed: 1, callSites: mode });
  workloads[workload].spawn(engine, threads);
  for (let i = 0; i < 60; i++) engine.step();
  const perTick = Math.max(1, engine.resumes / 60);
  const ticks = Math.max(10, Math.round(SWITCHES_A_ROUND / perTick));
  return () => engineNsPerSwitch(engine, ticks);
}

/** The cases: `frame`, `mixed` and `churn`, each with 'frames' and 'waits'. */
export const CALL_SITE_CASES: readonly { workload: WorkloadName; mode: CallSites }[] = (['frame', 'mixed', 'churn'] as const).flatMap(
  (workload) => (['frames', 'waits'] as const).map((mode) => ({ workload, mode })),
);

/** Which of a case's two engines is set up first: the one set up second gets the better place in the heap. */
export type CallSiteOrder = 'mode-first' | 'off-first';

/** One case: `workload` with `mode` against the same workload with 'off', rounds alternating. */
export async function callSiteCase(workload: WorkloadName, mode: CallSites, threads: number, order: CallSiteOrder): Promise<CallSiteRow> {
  let measureMode: () => number;
  let measureOff: () => number;
  if (order === 'mode-first') {
    measureMode = setUp(workload, mode, threads);
    measureOff = setUp(workload, 'off', threads);
  } else {
    measureOff = setUp(workload, 'off', threads);
    measureMode = setUp(workload, mode, threads);
  }
  const paired = await interleave(ROUNDS, measureMode, measureOff);
  return { workload, mode, offNs: paired.floor, modeNs: paired.engine, ratio: paired.ratio };
}

/**
 * A case's row from its two set-up orders, each run in a process or page of its own: the mean of the two. In one
 * process, one case after another, a case's ratio moved with its place in the run (see call-site-probe.ts).
 */
export function meanOfOrders(modeFirst: CallSiteRow, offFirst: CallSiteRow): CallSiteRow {
  const mean = (a: number, b: number): number => (a + b) / 2;
  return {
    workload: modeFirst.workload,
    mode: modeFirst.mode,
    offNs: mean(modeFirst.offNs, offFirst.offNs),
    modeNs: mean(modeFirst.modeNs, offFirst.modeNs),
    ratio: mean(modeFirst.ratio, offFirst.ratio),
  };
}

/** Reads a case and its set-up order as given (a command's arguments, a page's query); undefined if not one. */
export function callSiteCaseNamed(workload: unknown, mode: unknown, order: unknown): ((typeof CALL_SITE_CASES)[number] & { order: CallSiteOrder }) | undefined {
  const known = CALL_SITE_CASES.find((one) => one.workload === workload && one.mode === mode);
  return known !== undefined && (order === 'mode-first' || order === 'off-first') ? { ...known, order } : undefined;
}

/**
 * Whether the workloads' call sites are written into their modules (the Vite plugin, or `loom-threads/node`), or
 * captured at run time: where a `mixed` thread first waits at an op, as the engine tells it.
 */
export function sitesWrittenIn(): boolean {
  const engine = new Engine({ seed: 1, callSites: 'waits' });
  workloads.mixed.spawn(engine, 1);
  for (let tick = 0; tick < 1000; tick++) {
    engine.step();
    const at = engine.threads().find((thread) => thread.waitingAt !== null)?.waitingAt;
    if (at !== undefined && at !== null) return at.original === true;
  }
  return false;
}

/** What the figures are, for a table's heading. */
export function callSiteMethod(threads: number): string {
  return `${threads.toLocaleString('en-US')} threads, median of ${ROUNDS} rounds of about ${SWITCHES_A_ROUND.toLocaleString('en-US')} switches, mean of both set-up orders, each case on its own`;
}

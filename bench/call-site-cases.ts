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

/** `frame`, `mixed` and `churn`, each with 'frames' and 'waits', against 'off', rounds alternating. */
export async function callSiteRows(threads: number): Promise<CallSiteRow[]> {
  const rows: CallSiteRow[] = [];
  for (const workload of ['frame', 'mixed', 'churn'] as const) {
    for (const mode of ['frames', 'waits'] as const) {
      const paired = await interleave(ROUNDS, setUp(workload, mode, threads), setUp(workload, 'off', threads));
      rows.push({ workload, mode, offNs: paired.floor, modeNs: paired.engine, ratio: paired.ratio });
    }
  }
  return rows;
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
  return `${threads.toLocaleString('en-US')} threads, median of ${ROUNDS} rounds of about ${SWITCHES_A_ROUND.toLocaleString('en-US')} switches`;
}

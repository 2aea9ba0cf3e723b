import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { BenchPlan, BenchRow } from './bench-cases.ts';
import type { CapacityProbeResult } from './capacity-probe.ts';

/** Weighs the engine around a peak in a fresh process (capacity-probe.ts). */
function probeCapacity(peak: number): CapacityProbeResult {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(import.meta.dirname, 'capacity-probe.ts'), String(peak)], {
    cwd: join(import.meta.dirname, '..'),
    encoding: 'utf8',
  });
  return JSON.parse(out) as CapacityProbeResult;
}

/**
 * What a live engine keeps after a peak of `peak` threads that have all ended: its settled heap then, as a ratio to
 * the same engine's before the peak, the lowest of 3 fresh processes (fewer if `plan.rounds` is) (what the engine keeps is in every
 * one; the few hundred kB V8 keeps or frees on its own schedule is not). Target: at most 1.05x.
 */
export function capacityCase(plan: BenchPlan, peak: number): BenchRow {
  const rounds = Array.from({ length: Math.min(plan.rounds, 3) }, () => probeCapacity(peak));
  const best = rounds.reduce((a, b) => (b.after / b.start < a.after / a.start ? b : a));
  const ratio = best.after / best.start;
  const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`;
  return {
    benchmark: 'heap kept after a peak',
    threads: peak,
    unit: 'MB',
    engine: best.after / 2 ** 20,
    floor: null,
    ratio,
    target: '≤ 1.05x',
    met: ratio <= 1.05,
    note: `8 threads live through a peak of ${peak.toLocaleString('en-US')} that all end; ${mb(best.after)} two seconds after it, against ${mb(best.start)} before it (settled heap and typed arrays, the lowest of ${rounds.length} fresh processes)`,
  };
}

import { Engine } from 'loom-threads';
import { workloads } from '../../harness/workloads.ts';
import type { StressConfig } from './stress-config.ts';

/**
 * One run of the stress page: a fresh engine with the workload's threads spawned, and the positions they write
 * (thread i at [2i, 2i+1]; NaN until it first moves).
 */
export class StressRun {
  readonly engine: Engine;
  readonly positions: Float32Array;

  constructor(readonly config: StressConfig) {
    // A short frame-time cap: a slow frame runs at most 6 catch-up ticks, so a heavy run degrades without spiralling.
    this.engine = new Engine({ seed: 1, maxFrameTime: 0.1 });
    this.engine.accounting.budgetMs = config.budgetMs;
    this.positions = new Float32Array(2 * config.threads).fill(Number.NaN);
    workloads[config.workload].spawn(this.engine, config.threads, this.positions);
  }
}

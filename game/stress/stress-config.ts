import { isWorkloadName, type WorkloadName } from '../../harness/workloads.ts';

/** What a stress run is: how many threads of which workload, drawn or not, under which per-tick budget. */
export interface StressConfig {
  threads: number;
  workload: WorkloadName;
  /** Each thread moves a sprite (drawn with a pixi ParticleContainer). */
  render: boolean;
  /** The engine's per-tick script budget, ms; 0 for none. */
  budgetMs: number;
}

/** The most threads the page offers. */
export const MAX_THREADS = 1_000_000;

export const DEFAULT_CONFIG: StressConfig = { threads: 10_000, workload: 'mixed', render: true, budgetMs: 0 };

/** Reads a config from URL parameters (`?threads=100000&workload=frame&render=0&budget=4`), defaults for the rest. */
export function configFromQuery(query: string): StressConfig {
  const params = new URLSearchParams(query);
  const threads = Number(params.get('threads') ?? DEFAULT_CONFIG.threads);
  const workload = params.get('workload') ?? DEFAULT_CONFIG.workload;
  const budget = Number(params.get('budget') ?? DEFAULT_CONFIG.budgetMs);
  return {
    threads: Number.isFinite(threads) ? Math.round(Math.min(MAX_THREADS, Math.max(0, threads))) : DEFAULT_CONFIG.threads,
    workload: isWorkloadName(workload) ? workload : DEFAULT_CONFIG.workload,
    render: params.has('render') ? params.get('render') !== '0' : DEFAULT_CONFIG.render,
    budgetMs: Number.isFinite(budget) && budget > 0 ? budget : 0,
  };
}

/** The URL parameters of a config, the inverse of {@link configFromQuery}. */
export function queryOf(config: StressConfig): string {
  const params = new URLSearchParams({ threads: String(config.threads), workload: config.workload, render: config.render ? '1' : '0' });
  if (config.budgetMs > 0) params.set('budget', String(config.budgetMs));
  return `?${params}`;
}

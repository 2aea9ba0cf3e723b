import { formatMarkdownTable, formatTable, grouped, rate, sig } from '../harness/format.ts';
import { heapCapacity, type StressResult } from './stress-run.ts';

const HEADERS = [
  'threads', 'ticks', 'tick mean ms', 'p50 ms', 'p99 ms', 'max ms', 'switches/s', 'ns/switch',
  'heap MB', 'B/thread', 'GC pauses', 'longest GC ms', 'major GCs',
];

function row(r: StressResult): string[] {
  return [
    grouped(r.threads),
    grouped(r.ticks),
    sig(r.tick.mean),
    sig(r.tick.p50),
    sig(r.tick.p99),
    sig(r.tick.max),
    rate(r.switchesPerSecond),
    sig(r.nsPerSwitch),
    sig(r.heapBytes / 2 ** 20),
    grouped(r.bytesPerThread),
    grouped(r.gc.pauses),
    sig(r.gc.longestMs),
    grouped(r.gc.major),
  ];
}

/** The results as a plain-text table. */
export function stressTable(results: readonly StressResult[]): string {
  return formatTable(HEADERS, results.map(row));
}

/** The results as a markdown table. */
export function stressMarkdown(results: readonly StressResult[]): string {
  return formatMarkdownTable(HEADERS, results.map(row));
}

/**
 * Answers "how many threads can my frame afford?": whether the p99 tick of the largest count fits the budget, a
 * linear estimate of the count whose p99 tick fills it, and how many threads the heap holds at the measured size.
 */
export function verdict(results: readonly StressResult[], budgetMs: number): string {
  const last = results.reduce((a, b) => (b.threads > a.threads ? b : a));
  const share = (100 * last.tick.p99) / budgetMs;
  const fits = last.tick.p99 <= budgetMs ? 'fits' : 'does NOT fit';
  const byTime = Math.floor((last.threads * budgetMs) / last.tick.p99);
  const byHeap = heapCapacity(last.bytesPerThread);
  const limit = Math.min(byTime, byHeap);
  const bound = byTime <= byHeap ? 'tick time' : 'heap';
  return [
    `Frame budget ${sig(budgetMs)} ms: at ${grouped(last.threads)} threads of ${last.workload} the p99 tick is ` +
      `${sig(last.tick.p99)} ms (${sig(share, 2)}% of the budget): it ${fits}.`,
    `Estimated limit: about ${grouped(limit)} threads (bound by ${bound}; tick time scaled linearly from this run ` +
      `allows ~${grouped(byTime)}, the heap at ${grouped(last.bytesPerThread)} B/thread holds ~${grouped(byHeap)}).`,
  ].join('\n');
}

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultCallSites } from 'loom-threads';
import { HelpRequested, UsageError, parseStressArgs, usage, type StressOptions } from './stress-args.ts';
import { chartSvg } from './chart.ts';
import { shortCount } from '../harness/format.ts';
import { canCollectGarbage } from '../harness/gc-watch.ts';
import { OutOfHeapError } from '../harness/memory.ts';
import { ProgressLine, type ProgressSink } from './progress.ts';
import { stressMarkdown, stressTable, verdict } from './stress-report.ts';
import { measureCount, type StressResult } from './stress-run.ts';

/** Where the stress command writes: results to `out`, messages and the live line to `err`. */
export interface CommandIo {
  out: (text: string) => void;
  err: ProgressSink;
}

/** The sweep's chart: tick time and bytes per thread against thread count. */
export function sweepChart(results: readonly StressResult[], budgetMs: number): string {
  const xs = results.map((r) => r.threads);
  const name = results[0]!.workload;
  return chartSvg(`Loom stress sweep, workload "${name}" (${new Date().toISOString().slice(0, 19)}Z, Node ${process.version})`, xs, [
    {
      title: `Tick time: ${name}`,
      yLabel: 'ms per tick (log scale)',
      logY: true,
      series: [
        { label: 'mean', color: '#2471a3', values: results.map((r) => r.tick.mean) },
        { label: 'p99', color: '#d68910', values: results.map((r) => r.tick.p99) },
      ],
      reference: { value: budgetMs, label: `frame budget ${budgetMs.toFixed(1)} ms` },
    },
    {
      title: `Heap per thread: ${name}`,
      yLabel: 'bytes per thread',
      logY: false,
      series: [{ label: 'bytes/thread (after full GC)', color: '#1e8449', values: results.map((r) => r.bytesPerThread) }],
    },
  ]);
}

async function writeResults(options: StressOptions, results: readonly StressResult[], text: string): Promise<string[]> {
  await mkdir(options.outDir, { recursive: true });
  const base = options.sweep
    ? `sweep-${options.workload}`
    : `stress-${options.workload}-${shortCount(options.counts[0]!)}`;
  const table = join(options.outDir, `${base}.md`);
  await writeFile(table, `# ${text}\n\n${stressMarkdown(results)}\n\n${verdict(results, options.budgetMs)}\n`);
  if (!options.sweep) return [table];
  const chart = join(options.outDir, `${base}.svg`);
  await writeFile(chart, sweepChart(results, options.budgetMs));
  return [table, chart];
}

/**
 * Runs `npm run stress` with the given arguments; returns the exit code (0 ok, 1 failed to fit, 2 bad arguments).
 */
export async function runStressCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  let options: StressOptions;
  try {
    options = parseStressArgs(argv);
  } catch (error) {
    if (error instanceof HelpRequested) {
      io.out(usage());
      return 0;
    }
    if (!(error instanceof UsageError)) throw error;
    io.err.write(`stress: ${error.message}\n\n${usage()}\n`);
    return 2;
  }
  if (!canCollectGarbage()) {
    io.err.write('stress: needs node --expose-gc to weigh the heap; run it as `npm run stress -- ...`\n');
    return 2;
  }
  // The engines run with the default call sites, which NODE_ENV decides: say which, as it changes every figure.
  const title = `Loom stress: workload ${options.workload}, ${options.seconds} s per count, seed ${options.seed}, callSites '${defaultCallSites()}', Node ${process.version}`;
  const progress = new ProgressLine(io.err);
  const results: StressResult[] = [];
  try {
    for (const count of options.counts) results.push(await measureCount(options, count, progress));
  } catch (error) {
    progress.clear();
    if (!(error instanceof OutOfHeapError)) throw error;
    if (results.length > 0) io.out(`${title}\n\n${stressTable(results)}\n`);
    io.err.write(`stress: ${error.message}\n`);
    return 1;
  }
  io.out(`${title}\n\n${stressTable(results)}\n\n${verdict(results, options.budgetMs)}`);
  const files = await writeResults(options, results, title);
  io.out(`\nWrote ${files.join(' and ')}`);
  return 0;
}

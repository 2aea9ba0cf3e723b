import { WORKLOAD_NAMES, isWorkloadName, workloads, type WorkloadName } from '../harness/workloads.ts';

/** What `npm run stress` was asked to do. */
export interface StressOptions {
  workload: WorkloadName;
  /** Thread counts to measure in turn: one for a single run, several for a sweep. */
  counts: number[];
  /** Real seconds of ticks to measure per count (after the warm-up). */
  seconds: number;
  /** Seed of the engine's random generator. */
  seed: number;
  /** The frame budget the verdict compares tick times with, in ms. */
  budgetMs: number;
  /** Where the sweep's chart and table are written. */
  outDir: string;
  /** Whether a sweep was asked for (writes a chart). */
  sweep: boolean;
}

/** A bad command line: the message says what is wrong; the usage follows it. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Asked for `--help`: print the usage and succeed. */
export class HelpRequested extends Error {
  override name = 'HelpRequested';
}

const DEFAULTS = { workload: 'sleepers' as WorkloadName, threads: 100_000, seconds: 10, seed: 1, budgetMs: 1000 / 60 };

/** The usage text of the stress command. */
export function usage(): string {
  const names = WORKLOAD_NAMES.map((name) => `    ${name.padEnd(9)} ${workloads[name].description}`).join('\n');
  return `Usage: npm run stress -- [--threads N | --sweep N,N,...] [--workload NAME] [--seconds S] [options]

Runs the Loom engine headless with N threads of a workload, ticking as fast as it can for S seconds,
then prints tick times, switch rates, heap per thread and GC pauses.

  --threads N      threads to run (default ${DEFAULTS.threads.toLocaleString('en-US')}); accepts 500, 10k, 2.5M, 1e6, 1_000_000
  --sweep LIST     measure each count in turn, e.g. 1k,10k,100k,1M; writes a chart (SVG) and the table
  --workload NAME  one of (default ${DEFAULTS.workload}):
${names}
  --seconds S      real seconds measured per count (default ${DEFAULTS.seconds})
  --seed N         seed of engine.random (default ${DEFAULTS.seed})
  --budget MS      frame budget the verdict compares the p99 tick with (default 16.7, one 60 Hz frame)
  --out DIR        where the table is written, and a sweep's chart (default bench/results)
  --help           show this text

Examples:
  npm run stress -- --threads 1000000 --workload sleepers --seconds 10
  npm run stress -- --sweep 1k,10k,100k,1M --workload frame --seconds 3
  node --env-file=harness/production.env --max-old-space-size=8192 --expose-gc --import tsx tools/stress.ts --threads 10M

npm run stress runs with NODE_ENV=production (harness/production.env), so the engine captures no call sites, as
in a production build; the title says which call sites the engine captured.`;
}

/** Parses a count: `500`, `10k`, `2.5M`, `1e6`, `1_000_000`. */
export function parseCount(text: string, flag: string): number {
  const match = /^(\d[\d_]*(?:\.\d+)?(?:e\d+)?)([kKmM]?)$/.exec(text.trim());
  if (!match) throw new UsageError(`${flag} expects a thread count such as 1000, 10k or 1M, got "${text}"`);
  const scale = { '': 1, k: 1e3, K: 1e3, m: 1e6, M: 1e6 }[match[2]!]!;
  const value = Number(match[1]!.replaceAll('_', '')) * scale;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new UsageError(`${flag} expects a whole number of threads ≥ 1, got "${text}"`);
  }
  return value;
}

function parseNumber(text: string, flag: string, min: number): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < min) {
    throw new UsageError(`${flag} expects a number ≥ ${min}, got "${text}"`);
  }
  return value;
}

/** Splits `--flag value` and `--flag=value` into pairs; every flag but --help takes a value. */
function pairs(argv: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') throw new HelpRequested();
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}" (options start with --)`);
    const eq = arg.indexOf('=');
    if (eq > 0) {
      out.push([arg.slice(0, eq), arg.slice(eq + 1)]);
      continue;
    }
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${arg} needs a value`);
    out.push([arg, value]);
    i++;
  }
  return out;
}

/** Parses the stress command's arguments (without node and the script). Throws UsageError or HelpRequested. */
export function parseStressArgs(argv: readonly string[]): StressOptions {
  const options: StressOptions = {
    workload: DEFAULTS.workload,
    counts: [DEFAULTS.threads],
    seconds: DEFAULTS.seconds,
    seed: DEFAULTS.seed,
    budgetMs: DEFAULTS.budgetMs,
    outDir: 'bench/results',
    sweep: false,
  };
  let threadsGiven = false;
  for (const [flag, value] of pairs(argv)) {
    switch (flag) {
      case '--threads':
        options.counts = [parseCount(value, flag)];
        threadsGiven = true;
        break;
      case '--sweep':
        options.counts = value.split(',').map((part) => parseCount(part, flag));
        options.sweep = true;
        break;
      case '--workload':
        if (!isWorkloadName(value)) throw new UsageError(`unknown workload "${value}"; choose one of ${WORKLOAD_NAMES.join(', ')}`);
        options.workload = value;
        break;
      case '--seconds':
        options.seconds = parseNumber(value, flag, 0.1);
        break;
      case '--seed':
        options.seed = parseNumber(value, flag, 0);
        break;
      case '--budget':
        options.budgetMs = parseNumber(value, flag, 0.01);
        break;
      case '--out':
        options.outDir = value;
        break;
      default:
        throw new UsageError(`unknown option ${flag}`);
    }
  }
  if (threadsGiven && options.sweep) throw new UsageError('give either --threads or --sweep, not both');
  return options;
}

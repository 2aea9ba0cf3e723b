// What a benchmark's results are stamped with: the engine's commit, Node, the CPU, the load and the date.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';

/** The engine's commit, marked `+changes` when engine/ differs from it. */
function engineVersion(): string {
  try {
    const git = (...args: string[]): string =>
      execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', 'engine') ? '+changes' : ''}`;
  } catch {
    return 'unknown';
  }
}

/** One line: engine commit, Node version, CPUs, load average (1, 5, 15 min) and the time, for a results file. */
export function environment(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const load = loadavg().map((l) => l.toFixed(2)).join(' ');
  return `engine ${engineVersion()}, Node ${process.version}, ${cpus().length} × ${cpu}, load average ${load}, ${new Date().toISOString()}`;
}

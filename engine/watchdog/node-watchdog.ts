import { Worker } from 'node:worker_threads';
import { Watchdog, type WatchdogOptions } from './watchdog.ts';

/** Options of {@link nodeWatchdog}. */
export interface NodeWatchdogOptions extends WatchdogOptions {
  /**
   * End the process once a hang is reported, for servers and CI. A stuck main thread can run no handler, so the
   * worker writes the report to stderr itself and kills the process (SIGKILL, exit status 137). Default false:
   * report and leave the process running.
   */
  exit?: boolean;
}

/**
 * A {@link Watchdog} whose worker is a Node worker thread; import this module only from Node code. Reports go
 * straight to stderr (file descriptor 2): a worker's `console` output goes through the main thread, which is
 * stuck. The worker does not keep the process alive.
 *
 * @example
 * ```ts
 * import { nodeWatchdog } from 'loom-threads/watchdog-node';
 * const engine = new Engine({ watchdog: nodeWatchdog({ limitMs: 2000, exit: true }) });
 * ```
 */
export function nodeWatchdog(options: NodeWatchdogOptions = {}): Watchdog {
  const workerData = { exit: options.exit === true };
  const worker = import.meta.url.endsWith('.ts')
    ? new Worker(fromSource(), { eval: true, workerData })
    : new Worker(new URL('./node-worker.js', import.meta.url), { workerData });
  worker.unref();
  return new Watchdog(worker, options);
}

// Run from source (this repo, tsx): Node 20 runs no loader hooks in worker threads, so the worker loads its
// TypeScript entry through tsx itself. The built package's worker is plain JavaScript beside this file.
function fromSource(): string {
  const entry = new URL('./node-worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(tsx)}).then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(import.meta.url)}))`;
}

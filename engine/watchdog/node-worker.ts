// The entry of nodeWatchdog's worker thread.
import { writeSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { startWatcher } from './hang-watcher.ts';

const { exit } = workerData as { exit: boolean };
startWatcher((take) => parentPort!.on('message', take), (line) => {
  writeSync(2, `${line}\n`);
  if (exit) process.kill(process.pid, 'SIGKILL');
});

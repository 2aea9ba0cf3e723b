// `npm run server:cluster -- [--port 2567] [--processes N] [--swarm 500] [--redis-port 6379] [--inspect [--inspect-port P]]`:
// the co-op server as one process per core sharing one Redis. It uses the Redis on 127.0.0.1:<redis-port> if one
// answers, else starts one there with persistence off, and stops it (and every process it started, by pid) on Ctrl-C.
// With --inspect, each process has its inspection endpoint on a port of its own, from P (default: the port after the
// last game port) on.
import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { redisAnswers, startLocalRedis, type LocalRedis } from './local-redis.ts';

const argv = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = argv.indexOf(`--${name}`);
  return at < 0 ? fallback : Number(argv[at + 1]);
};
const port = option('port', 2567);
const processes = option('processes', availableParallelism());
const swarm = option('swarm', 500);
const redisPort = option('redis-port', 6379);
const inspect = argv.includes('--inspect');
const inspectPort = option('inspect-port', port + processes);
const counts = [port, processes, swarm, redisPort, inspectPort];
if (!counts.every(Number.isInteger) || processes < 1 || port < 1 || port + processes > 65536 || redisPort < 1 || redisPort > 65535 || inspectPort < 1 || inspectPort + processes > 65536) {
  console.log('Usage: npm run server:cluster -- [--port 2567] [--processes N] [--swarm 500] [--redis-port 6379] [--inspect [--inspect-port P]]');
  process.exit(2);
}

let redis: LocalRedis | null = null;
if (await redisAnswers(redisPort)) {
  console.log(`Using the Redis that answers on 127.0.0.1:${redisPort}`);
} else {
  redis = await startLocalRedis(redisPort);
  console.log(`No Redis answered on 127.0.0.1:${redisPort}: started redis-server there (pid ${redis.pid}, persistence off)`);
}
const url = `redis://127.0.0.1:${redisPort}`;
const main = fileURLToPath(new URL('./main.ts', import.meta.url));
const children: ChildProcess[] = [];
for (let i = 0; i < processes; i++) {
  // Each its own inspection port: the one a process takes by default (2568) is the next process's game port.
  const inspection = inspect ? ['--inspect', '--inspect-port', String(inspectPort + i)] : [];
  const args = [...process.execArgv, main, '--port', String(port + i), '--swarm', String(swarm), '--redis', url, '--no-play-link', ...inspection];
  const child = spawn(process.execPath, args, { stdio: 'inherit' });
  // A process that ends on its own (killed, or stopped and its rooms handed over) is said at once: its rooms move.
  // The count is of this cluster's own processes: one started by hand on a freed port is not among them.
  child.once('exit', (code, signal) => {
    if (!stopping) console.log(`Server process ${child.pid} (port ${port + i}) ended (${signal ?? `exit code ${code}`}); ${alive()} of the ${processes} this cluster started still running`);
  });
  children.push(child);
}
const alive = (): number => children.filter((child) => child.exitCode === null && child.signalCode === null).length;
const perCore = argv.includes('--processes') ? '' : ' (one per core)';
console.log(`Started ${processes} server processes${perCore}, sharing ${url}:`);
children.forEach((child, i) => console.log(`  pid ${child.pid}: ws://127.0.0.1:${port + i}`));
if (inspect) console.log(`Their inspection endpoints, in the same order: ports ${inspectPort} to ${inspectPort + processes - 1} (http://127.0.0.1:${inspectPort} for the first)`);
// Every address in the link: a page whose room's process dies rejoins the room, rebuilt, through another.
const addresses = children.map((_, i) => `ws://127.0.0.1:${port + i}`).join(',');
console.log(`Play: npm start, then open http://localhost:5173/?server=${addresses} in two windows`);

let stopping = false;
const stop = async (): Promise<void> => {
  if (stopping) return;
  stopping = true;
  await Promise.all(children.map((child) => new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    process.kill(child.pid!, 'SIGTERM');
  })));
  await redis?.stop();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());

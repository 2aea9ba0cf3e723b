// `npm run server:cluster -- [--port 2567] [--processes N] [--swarm 500] [--redis-port 6379]`: the co-op server as one
// process per core sharing one Redis. It uses the Redis on 127.0.0.1:<redis-port> if one answers, else starts one
// there with persistence off, and stops it (and every process it started, by pid) on Ctrl-C.
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
const counts = [port, processes, swarm, redisPort];
if (!counts.every(Number.isInteger) || processes < 1 || port < 1 || port + processes > 65536 || redisPort < 1 || redisPort > 65535) {
  console.log('Usage: npm run server:cluster -- [--port 2567] [--processes N] [--swarm 500] [--redis-port 6379]');
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
  const args = [...process.execArgv, main, '--port', String(port + i), '--swarm', String(swarm), '--redis', url];
  children.push(spawn(process.execPath, args, { stdio: 'inherit' }));
}
console.log(`Started ${processes} server processes (one per core), ports ${port} to ${port + processes - 1}, sharing ${url}`);
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

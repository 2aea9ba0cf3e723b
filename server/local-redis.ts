import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';

/** Where Debian puts `redis-server` (`apt-get install -y redis-server`); `$REDIS_SERVER` overrides it. */
export function findRedisServer(): string | null {
  const candidates = [process.env.REDIS_SERVER, '/usr/bin/redis-server', '/usr/local/bin/redis-server'];
  return candidates.find((path): path is string => !!path && existsSync(path)) ?? null;
}

/** A `redis-server` this process started: its port and pid, and how to stop it (by its pid). */
export interface LocalRedis {
  port: number;
  pid: number;
  url: string;
  stop(): Promise<void>;
}

/** Whether a Redis answers `PING` on 127.0.0.1:`port` within `timeoutMs`. */
export function redisAnswers(port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let reply = '';
    const done = (answered: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answered);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => {
      reply += data.toString('latin1');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
    socket.on('error', () => done(false));
  });
}

/**
 * Starts `redis-server` on 127.0.0.1:`port` with persistence off (no RDB snapshots, no append-only file), and waits
 * until it answers. Stop it with `stop()`, which signals its pid and waits for it to exit.
 *
 * @example
 * ```ts
 * const redis = await startLocalRedis(6390);
 * await startServer({ port: 2567, redis: redis.url });
 * ```
 */
export async function startLocalRedis(port: number, tries = 200): Promise<LocalRedis> {
  const binary = findRedisServer();
  if (binary === null) throw new Error('redis-server not found: install it with `apt-get install -y redis-server`, or set REDIS_SERVER');
  // Its own process group: a Ctrl-C meant for the servers must not stop their Redis before they have shut down.
  const child = spawn(binary, ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'], { stdio: 'ignore', detached: true });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let early = false;
  void exited.then(() => void (early = true));
  for (let i = 0; i < tries && !early; i++) {
    if (await redisAnswers(port)) return running(child, port, exited);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server on 127.0.0.1:${port} did not answer${early ? ' (it exited: is the port taken?)' : ''}`);
}

function running(child: ChildProcess, port: number, exited: Promise<void>): LocalRedis {
  const pid = child.pid!;
  return {
    port,
    pid,
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) process.kill(pid, 'SIGTERM');
      await exited;
    },
  };
}

// Tests that need redis-server: run it when it is installed, skip naming how to install it when not, and fail
// instead in CI (E2E_REQUIRED=1 or CI=true). Each suite starts its own Redis on a free loopback port.
import { createServer, type Server } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
import { findRedisServer, startLocalRedis, type LocalRedis } from '../../server/local-redis.ts';

/** What to tell someone whose machine has no redis-server. */
export const REDIS_INSTALL_HINT = 'redis-server not found (looked at $REDIS_SERVER, /usr/bin/redis-server, /usr/local/bin/redis-server): install it with `apt-get install -y redis-server`';

/** How Redis tests behave here: run, skip (no redis-server), or fail (none, but required). */
export type RedisTestMode = { kind: 'run' } | { kind: 'skip'; message: string } | { kind: 'fail'; message: string };

/** Decides how Redis tests behave, from the redis-server found and whether this run requires it. */
export function redisTestMode(
  binary = findRedisServer(),
  required = process.env.E2E_REQUIRED === '1' || process.env.CI === 'true',
): RedisTestMode {
  if (binary !== null) return { kind: 'run' };
  if (required) return { kind: 'fail', message: `Redis tests are required here (E2E_REQUIRED=1 or CI=true) but ${REDIS_INSTALL_HINT}` };
  return { kind: 'skip', message: REDIS_INSTALL_HINT };
}

/** Like vitest's `describe` for a suite that needs redis-server: run, skip with a warning, or one failing test. */
export function describeRedis(name: string, fn: () => void): void {
  const mode = redisTestMode();
  if (mode.kind === 'run') {
    describe(name, fn);
  } else if (mode.kind === 'skip') {
    console.warn(`Skipping Redis tests "${name}": ${mode.message}`);
    describe.skip(name, fn);
  } else {
    describe(name, () => {
      it('needs redis-server', () => {
        throw new Error(mode.message);
      });
    });
  }
}

/** A loopback port free right now: the OS picks it, the probe lets it go. */
export async function freePort(): Promise<number> {
  const probe = await listening(0);
  const address = probe.address();
  await closed(probe);
  return typeof address === 'object' && address !== null ? address.port : 0;
}

/**
 * The first of `count` consecutive loopback ports all free right now, for a command that takes a first port and
 * counts up from it. Two ports from `freePort` can be neighbours, and the one after a free port can be taken.
 */
export async function freePortRun(count: number, candidate: () => Promise<number> = freePort): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = await candidate();
    if (first + count > 65536) continue;
    const held: Server[] = [];
    try {
      for (let at = first; at < first + count; at++) held.push(await listening(at));
      return first;
    } catch {
      // One of them is taken: try another run.
    } finally {
      await Promise.all(held.map(closed));
    }
  }
  throw new Error(`no run of ${count} free loopback ports found in 50 tries`);
}

function listening(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function closed(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/**
 * A Redis of the enclosing describe's own, started on a free loopback port before its tests and stopped by pid after
 * them, emptied before each test (as a Redis restarted with persistence off), with a client connected to it.
 *
 * @example
 * ```ts
 * describeRedis('a room log', () => {
 *   const store = useFreshRedis();
 *   it('appends', async () => { await store.client.set('k', 'v'); });
 * });
 * ```
 */
export function useFreshRedis(): { readonly client: Redis; readonly url: string } {
  let server: LocalRedis | undefined;
  let client: Redis | undefined;
  beforeAll(async () => {
    server = await startLocalRedis(await freePort());
    client = new Redis(server.url);
  }, 20_000);
  afterAll(async () => {
    await client?.quit();
    await server?.stop();
  });
  beforeEach(async () => void (await client!.flushall()));
  return {
    get client() {
      return client!;
    },
    /** Its address, for server processes to connect to. */
    get url() {
      return server!.url;
    },
  };
}

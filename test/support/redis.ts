// Tests that need redis-server: run it when it is installed, skip naming how to install it when not, and fail
// instead in CI (E2E_REQUIRED=1 or CI=true). Each suite starts its own Redis on a free loopback port.
import { createServer } from 'node:net';
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
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
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

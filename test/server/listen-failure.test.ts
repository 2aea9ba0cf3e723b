// A server process joining a cluster on a port already taken fails to start, and leaves nothing behind in the shared
// Redis: Colyseus lists a process before its port is open, and new rooms were sent to the one that never listened.
import { createServer, type Server } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { startServer } from '../../server/start-server.ts';
import { describeRedis, freePort, useFreshRedis } from '../support/redis.ts';

describeRedis('a server that cannot listen', () => {
  const store = useFreshRedis();
  let blocker: Server | null = null;

  afterEach(() => {
    blocker?.close();
    blocker = null;
  });

  it('fails with the port in its error and unlists itself from the Redis it shares', async () => {
    const port = await freePort();
    blocker = createServer().listen(port, '127.0.0.1');
    await new Promise((resolve) => blocker!.once('listening', resolve));
    const redis = `redis://127.0.0.1:${store.client.options.port}`;
    await expect(startServer({ port, swarm: 0, redis })).rejects.toThrow(`EADDRINUSE: address already in use 127.0.0.1:${port}`);
    expect(await store.client.hgetall('roomcount')).toEqual({});
  });
});

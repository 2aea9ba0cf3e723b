// freePortRun: a command given a first port counts up from it, so every port of the run must be free at once.
import { createServer, type Server } from 'node:net';
import { expect, it } from 'vitest';
import { freePort, freePortRun } from './redis.ts';

function listen(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

const close = (server: Server): Promise<void> => new Promise((resolve) => server.close(() => resolve()));

it('gives the first of a run of consecutive loopback ports that can all be listened on together', async () => {
  const first = await freePortRun(4);
  const servers = await Promise.all([0, 1, 2, 3].map((offset) => listen(first + offset)));
  expect(servers.map((server) => (server.address() as { port: number }).port)).toEqual([first, first + 1, first + 2, first + 3]);
  await Promise.all(servers.map(close));
});

it('passes over a free port whose neighbour is taken', async () => {
  const taken = await listen(0);
  const neighbour = (taken.address() as { port: number }).port;
  try {
    const candidates = [neighbour - 1, await freePort()];
    const first = await freePortRun(2, () => Promise.resolve(candidates.shift()!));
    expect(first).not.toBe(neighbour - 1);
    expect(candidates).toEqual([]);
  } finally {
    await close(taken);
  }
});

// The game's joinRoom on a real server on a loopback port: a link naming several addresses (`?server=A,B`, as
// `npm run server:cluster` prints it) joins through the first that answers, and says which it tried when none does.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { joinFailure, joinRoom } from '../../game/net/server-link.ts';
import { ARENA_ROOM, startServer, type RunningServer } from '../../server/start-server.ts';
import { freePort } from '../support/redis.ts';

let running: RunningServer;

beforeAll(async () => {
  running = await startServer({ port: 0, swarm: 0, clock: 'manual' });
});

afterAll(async () => {
  await running.stop();
});

const quiet = { onView: () => {}, onProblem: () => {} };

it('joins through the next address when the first has no server (its process is gone)', async () => {
  const dead = `ws://127.0.0.1:${await freePort()}`;
  const live = `ws://127.0.0.1:${running.port}`;
  const link = await joinRoom(dead, ARENA_ROOM, { ...quiet, servers: [dead, live] });
  try {
    expect(link.seat.seat).toBe(0);
    expect(link.room.roomId).toBe(link.seat.roomId);
  } finally {
    link.leave();
  }
});

it('with no server at any address, says which addresses it tried and why the last failed', async () => {
  const [a, b] = [`ws://127.0.0.1:${await freePort()}`, `ws://127.0.0.1:${await freePort()}`];
  await expect(joinRoom(a, ARENA_ROOM, { ...quiet, servers: [b] })).rejects.toThrow(new RegExp(`^no server answered at ${a}, ${b} \\(.+\\)$`));
});

it("says what a browser's failed request was, which colyseus.js rejects with as a ProgressEvent, not an Error", () => {
  expect(joinFailure({ type: 'error', loaded: 0, total: 0 })).toBe('the request ended with a network error');
  expect(joinFailure(new Error('seat taken'))).toBe('seat taken');
});

// Two server processes (children, as `npm run server:cluster` starts them) share one Redis started by the test: rooms
// created through either are placed on both (placeRoomEvenly), and each client is sent to the process holding its room.
import { Client, type Room } from 'colyseus.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLocalRedis, type LocalRedis } from '../../server/local-redis.ts';
import { describeRedis, freePort } from '../support/redis.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { until, watch } from './room-clients.ts';

describeRedis('several server processes sharing one Redis', () => {
  let redis: LocalRedis;
  const servers: ServerProcess[] = [];
  const rooms: Room[] = [];

  beforeAll(async () => {
    redis = await startLocalRedis(await freePort());
    for (let i = 0; i < 2; i++) servers.push(await startServerProcess(await freePort(), ['--swarm', '20', '--redis', redis.url]));
  }, 120_000);

  afterAll(async () => {
    for (const room of rooms) room.connection.close();
    await Promise.all(servers.map((server) => server.stop()));
    await redis?.stop();
  });

  it('places rooms on both processes and every client reaches its room on its process', async () => {
    const [a, b] = servers.map((server) => new Client(server.url));
    const watched = [];
    for (const client of [a!, a!, b!, b!]) {
      const room = await client.create('arena');
      rooms.push(room);
      watched.push(watch(room));
    }
    const ports = rooms.map((room) => new URL((room.connection.transport as unknown as { ws: WebSocket }).ws.url).port);
    expect(ports.filter((port) => port === String(servers[0]!.port))).toHaveLength(2);
    expect(ports.filter((port) => port === String(servers[1]!.port))).toHaveLength(2);
    // Each room ticks where it lives: every client gets its seat and views from its own room.
    for (const [i, w] of watched.entries()) {
      expect((await w.seat).roomId).toBe(rooms[i]!.roomId);
      await until(() => w.frames.size > 0, `client ${i} has a view`, 4000);
    }
    // A second client joins a room on the other process by its id, through the first process's matchmaker.
    const other = rooms.find((_, i) => ports[i] === String(servers[1]!.port))!;
    const guest = await a!.joinById(other.roomId);
    rooms.push(guest);
    const seen = watch(guest);
    expect((await seen.seat).seat).toBe(1);
  }, 60_000);
});

// Mail through durable rooms on a Colyseus server in this process (manual clock, a Redis the test starts): a game
// with an outbox (RoomGame.outbox) gets its mail sent and read by DurableLoomRoom, delivered to the named thread of
// the other room, recorded in its log; a room closed for good is an unknown room to mail sent after.
import { Server, matchMaker } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { restore } from 'loom-threads';
import { RoomCluster, defineDurableRoom, readRoomLog, type DurableLoomRoom } from 'loom-threads/colyseus';
import { startLocalRedis, type LocalRedis } from '../../server/local-redis.ts';
import { createMailSimulation, mailGame, sender, type MailSim } from '../support/mail-game.ts';
import { describeRedis, freePort } from '../support/redis.ts';

describeRedis('mail through durable rooms', () => {
  let redisServer: LocalRedis;
  let redis: Redis;
  let server: Server;

  beforeAll(async () => {
    redisServer = await startLocalRedis(await freePort());
    redis = new Redis(redisServer.url);
    server = new Server({ transport: new WebSocketTransport(), greet: false, gracefullyShutdown: false });
    server.define('mail', defineDurableRoom({ game: mailGame, clock: 'manual', cluster: new RoomCluster({ redis, flushEvery: 6 }) }));
    await server.listen(await freePort(), '127.0.0.1');
  }, 20_000);

  afterAll(async () => {
    await server?.gracefullyShutdown(false);
    await redis?.quit();
    await redisServer?.stop();
  });

  async function create(): Promise<DurableLoomRoom<MailSim>> {
    const { roomId } = await matchMaker.createRoom('mail', {});
    const room = matchMaker.getLocalRoomById(roomId) as DurableLoomRoom<MailSim>;
    room.autoDispose = false;
    return room;
  }

  /** Steps each room one tick at a time, letting Redis answer between ticks. */
  async function step(rooms: DurableLoomRoom<MailSim>[], ticks: number): Promise<void> {
    for (let i = 0; i < ticks; i++) {
      for (const room of rooms) room.step();
      for (const room of rooms) {
        await room.log.settled();
        await room.mail!.settled();
      }
    }
  }

  it("delivers a thread's mail to the named thread of another room, recorded in that room's log; a closed room is unknown", async () => {
    const [a, c] = [await create(), await create()];
    const world = a.session.recorder.sim.world;
    a.session.recorder.spawn(sender, world, c.roomId, 'keeper', { hello: 'c' });
    await step([a, c], 18);
    const kept = c.session.recorder.sim.world.kept.map((json) => JSON.parse(json) as [number, { from: string; body: unknown }]);
    expect(kept).toEqual([[8, expect.objectContaining({ kind: 'mail', from: a.roomId, seq: 1, tick: 1, body: { hello: 'c' } })]]);
    const logged = (await readRoomLog(redis, c.roomId))!;
    expect(restore(logged.recording, createMailSimulation).sim.world.kept).toEqual(c.session.recorder.sim.world.kept);

    const gone = c.roomId;
    await c.disconnect();
    a.session.recorder.spawn(sender, world, gone, 'keeper', 'late');
    await step([a], 18);
    expect(world.returned.map((json) => JSON.parse(json) as unknown)).toEqual([
      { kind: 'mail-error', room: gone, name: 'keeper', seq: 2, error: `room ${a.roomId}, thread #3 sender: mail #2 to "keeper" in room ${gone} was not delivered: there is no room ${gone}` },
    ]);
  });
});

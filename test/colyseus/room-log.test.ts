// A room's log in Redis, stepped by hand: a session of the dot game under a RoomLog, against a Redis the test
// starts. Appends land every flushEvery ticks and read back into a recording that restores to the same hash; the
// lease fences a copy whose room was claimed elsewhere; a lapsed lease nobody took is taken back; a Redis that lost
// everything gets the whole log again; a room handed over gives up its lease keeping its whole log; closing deletes it.
import { expect, it } from 'vitest';
import { restore, stateHash } from 'loom-threads';
import { ROOM_INDEX, RoomLog, RoomSession, readRoomLog, roomKeys, roomLogCommands, type RoomLogState } from 'loom-threads/colyseus';
import { describeRedis, useFreshRedis } from '../support/redis.ts';
import { createDotSimulation, type DotSim } from './dot-game.ts';
import { dotGame } from './dot-room-game.ts';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeRedis('a room log in Redis', () => {
  const store = useFreshRedis();
  let rooms = 0;

  function room(options: { leaseMs?: number; flushEvery?: number } = {}) {
    const roomId = `room-${++rooms}`;
    const session = new RoomSession(dotGame, { roomId, seed: 5, checkpointEvery: 5, onScriptError: () => {} });
    const log = new RoomLog(store.client, roomId, 'dots', `process-a:${rooms}`, { flushEvery: 6, ...options });
    const states: RoomLogState[] = [];
    log.onState = (state) => states.push(state);
    const hashes = new Map<number, string>();
    const step = (ticks: number): number => {
      let ran = 0;
      for (let i = 0; i < ticks; i++) {
        if (!log.mayTick()) continue;
        session.step();
        hashes.set(session.tick, stateHash(session.sim.engine, session.sim.hashWorld));
        log.afterTick();
        ran++;
      }
      return ran;
    };
    return { roomId, session, log, states, hashes, step };
  }


  it('appends every flushEvery ticks; the log reads back into a recording that restores to the same hash', async () => {
    const { roomId, session, log, hashes, step } = room();
    await log.open(session.recorder);
    const seat = session.takeSeat()!;
    session.queue(seat, 1, [1]);
    step(11);
    session.queue(seat, 2, [-1]);
    step(9);
    await log.settled();
    expect(log.appends).toBe(4); // the opening one, then at ticks 6, 12 and 18
    expect(log.durableTick).toBe(18);
    expect(await store.client.hget(ROOM_INDEX, roomId)).toBe('dots');
    const logged = (await readRoomLog(store.client, roomId))!;
    expect(logged.recording.ticks).toBe(18);
    expect(logged.roomName).toBe('dots');
    expect(logged.recording.checkpoints.map((c) => [c.tick, c.hash])).toEqual([5, 10, 15].map((t) => [t, hashes.get(t)]));
    const recorder = restore(logged.recording, createDotSimulation);
    expect(recorder.sim.engine.tick).toBe(18);
    expect(stateHash(recorder.sim.engine, recorder.sim.hashWorld)).toBe(hashes.get(18));
    expect((recorder.sim as DotSim).world.dots[seat]).toBe(session.sim.world.dots[seat]! + 2); // 2 ticks later at -1 each
  });

  it('carries the seats: each flush after a change holds every seat\'s token', async () => {
    const { roomId, session, log, step } = room();
    await log.open(session.recorder);
    log.setSeats(['t0', null, null]);
    step(6);
    await log.settled();
    expect((await readRoomLog(store.client, roomId))!.seats).toEqual(['t0', null, null]);
  });

  it('a copy whose lease lapsed and was claimed elsewhere is refused, learns it moved, and never ticks again', async () => {
    const { roomId, session, log, step } = room({ leaseMs: 150 });
    let moved = 0;
    log.onMoved = () => moved++;
    await log.open(session.recorder);
    step(6);
    await log.settled();
    await wait(200); // as if the process had been paused past its lease
    const commands = roomLogCommands(store.client);
    expect(await commands.claim(roomKeys(roomId), 'process-b:1', 10_000)).toBe(log.owner);
    expect(step(1)).toBe(0); // the lease is not known to hold: no tick, a renewal goes out instead
    await log.settled();
    expect(moved).toBe(1);
    expect(log.state).toBe('moved');
    expect(step(10)).toBe(0);
    expect(session.tick).toBe(6);
    expect((await readRoomLog(store.client, roomId))!.owner).toBe('process-b:1');
    await log.close(); // the room's log is the new owner's now: closing this copy leaves it
    expect(await store.client.exists(roomKeys(roomId).head)).toBe(1);
  });

  it('a lapsed lease that nobody claimed is taken back, and the room ticks on', async () => {
    const { session, log, step } = room({ leaseMs: 150 });
    await log.open(session.recorder);
    step(6);
    await log.settled();
    await wait(200);
    expect(step(1)).toBe(0);
    await log.settled();
    expect(log.state).toBe('durable');
    expect(step(6)).toBe(6);
  });

  it('a Redis that lost everything (restarted empty) gets the head and the whole log again', async () => {
    const { roomId, session, log, states, hashes, step } = room();
    await log.open(session.recorder);
    const seat = session.takeSeat()!;
    session.queue(seat, 1, [1]);
    step(12);
    await log.settled();
    await store.client.flushall();
    step(6); // the append at tick 18 finds no room: the log is written again
    await log.settled();
    step(6);
    await log.settled();
    expect(states).toEqual(['not-durable', 'durable']);
    const logged = (await readRoomLog(store.client, roomId))!;
    expect(logged.recording.ticks).toBe(24);
    expect(logged.recording.events).toEqual(session.recording().events);
    const restored = restore(logged.recording, createDotSimulation);
    expect(stateHash(restored.sim.engine, restored.sim.hashWorld)).toBe(hashes.get(24));
  });

  it('a room being rebuilt renews its lease without changing its log, until another owner has it', async () => {
    const { roomId, session, log, step } = room({ leaseMs: 150 });
    await log.open(session.recorder);
    step(6);
    await log.settled();
    const commands = roomLogCommands(store.client);
    const keys = roomKeys(roomId);
    await wait(200);
    expect(await commands.claim(keys, 'process-b:1', 150)).toBe(log.owner);
    const rebuilding = new RoomLog(store.client, roomId, 'dots', 'process-b:1', { leaseMs: 150 });
    const before = await store.client.hgetall(keys.head);
    const position = { events: Number(before.events), checkpoints: Number(before.checkpoints) };
    await wait(100);
    expect((await rebuilding.renew(position, 6)).held).toBe(true);
    await wait(100); // past the claim's own expiry: only the renewal keeps it
    expect(await store.client.get(keys.lease)).toBe('process-b:1');
    expect(await store.client.hgetall(keys.head)).toEqual(before);
    await store.client.set(keys.lease, 'process-c:1');
    expect((await rebuilding.renew(position, 6)).held).toBe(false);
  });

  it('released (handed over), the log gets every tick run, the lease goes with the log kept, the room ticks no more, and closing after deletes nothing', async () => {
    const { roomId, session, log, hashes, step } = room();
    await log.open(session.recorder);
    step(9); // three ticks past the last append
    expect(await log.release()).toBe(9);
    expect(log.state).toBe('released');
    expect(step(6)).toBe(0);
    await log.close();
    expect(await store.client.exists(roomKeys(roomId).lease)).toBe(0);
    expect(await store.client.hget(ROOM_INDEX, roomId)).toBe('dots');
    const logged = (await readRoomLog(store.client, roomId))!;
    expect(logged.recording.ticks).toBe(9);
    const recorder = restore(logged.recording, createDotSimulation);
    expect(stateHash(recorder.sim.engine, recorder.sim.hashWorld)).toBe(hashes.get(9));
    // Another process claims it at once: the lease is free.
    expect(await roomLogCommands(store.client).claim(roomKeys(roomId), 'process-b:1', 10_000)).toBe(log.owner);
  });

  it('closing the room deletes its log and its entry in the index', async () => {
    const { roomId, session, log, step } = room();
    await log.open(session.recorder);
    step(6);
    await log.settled();
    await log.close();
    expect(log.state).toBe('closed');
    expect(step(6)).toBe(0);
    const keys = roomKeys(roomId);
    expect(await store.client.exists(keys.lease, keys.head, keys.log)).toBe(0);
    expect(await store.client.hexists(ROOM_INDEX, roomId)).toBe(0);
  });
});

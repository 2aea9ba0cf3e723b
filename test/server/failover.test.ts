// Failover: two server processes (children) share a Redis the test starts. A client plays in a room; the process
// holding it is killed with SIGKILL; the other process claims the room's lease, rebuilds it by re-simulating its log
// (same room id, same ship, checked against the last checkpoint hash), and the client rejoins with its ticket and
// plays on. A process stopped (SIGSTOP) past its lease, then continued, does not run its room again: it stops it.
// A process told to stop (SIGTERM) hands its room over: rebuilt elsewhere at the tick it stopped, nothing lost.
import { Client, type Room } from 'colyseus.js';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { Engine, replayRecording, restore } from 'loom-threads';
import { ROOM_MOVED, encodeInput, readRoomLog, type RejoinTicket, type ViewFrame } from 'loom-threads/colyseus';
import { keepRejoinTicket, rejoinRoom, rejoinWhenLost } from '../../game/net/rejoin.ts';
import { joinRoom, type ServerLink } from '../../game/net/server-link.ts';
import { applyWorldView, encodeWorldView } from '../../game/net/world-view.ts';
import { createGameSimulation } from '../../game/headless/simulation.ts';
import { gameKinds } from '../../game/scripts/kinds.ts';
import { World } from '../../game/sim/world.ts';
import { startLocalRedis, type LocalRedis } from '../../server/local-redis.ts';
import { describeRedis, freePort } from '../support/redis.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { until, watch, type Watched } from './room-clients.ts';

const LEASE_MS = 1000;
const LEFT = 1 << 2;
const RIGHT = 1 << 3;

describeRedis('rooms that outlive their process', () => {
  let redis: LocalRedis;
  let reader: Redis;
  let servers: ServerProcess[] = [];
  const rooms: Room[] = [];

  beforeAll(async () => {
    redis = await startLocalRedis(await freePort());
    reader = new Redis(redis.url);
    reader.on('error', () => {}); // one test restarts Redis: this reader reconnects by itself
  }, 20_000);

  afterEach(async () => {
    for (const room of rooms.splice(0)) room.connection.close();
    await Promise.all(servers.map((server) => server.stop()));
    servers = [];
    await reader.flushall();
  });

  afterAll(async () => {
    await reader?.quit();
    await redis?.stop();
  });

  async function twoProcesses(): Promise<void> {
    for (let i = 0; i < 2; i++) servers.push(await startServerProcess(await freePort(), ['--swarm', '20', '--redis', redis.url, '--lease-ms', String(LEASE_MS)]));
  }

  function portOf(room: Room): number {
    return Number(new URL((room.connection.transport as unknown as { ws: WebSocket }).ws.url).port);
  }

  /** A client in a new room: its views, its ticket, and the process holding the room. */
  async function play(): Promise<{ watched: Watched; ticket: () => RejoinTicket | null; host: ServerProcess; survivor: ServerProcess }> {
    const room = await new Client(servers[0]!.url).create('arena', { seed: 9 });
    rooms.push(room);
    const watched = watch(room);
    const ticket = keepRejoinTicket(room);
    const host = servers.find((server) => server.port === portOf(room))!;
    return { watched, ticket, host, survivor: servers.find((server) => server !== host)! };
  }

  /** The room's client rejoining by itself once its connection is lost, watched again once back. */
  function rejoining(room: Room, urls: string[]): { back: Promise<Room>; again: () => Watched } {
    let again: Watched | null = null;
    const back = new Promise<Room>((resolve, reject) => rejoinWhenLost(room, urls, {
      retryMs: 100,
      onRejoined: (rejoined) => {
        again = watch(rejoined);
        resolve(rejoined);
      },
      onGiveUp: reject,
    }));
    return { back, again: () => again! };
  }

  function shipIn(frame: ViewFrame, seat: number): { id: number; x: number } {
    const world = new World(new Engine({ seed: 1 }), { kinds: gameKinds(), seats: 4 });
    applyWorldView(frame.view, world, frame.tick, seat);
    const ship = world.players.find((player) => player.seat === seat)!;
    return { id: ship.id, x: ship.x };
  }

  const shipOf = (watched: Watched, tick: number): { id: number; x: number } => shipIn(watched.frames.get(tick)!, 0);
  const lastTick = (watched: Watched): number => Math.max(...watched.frames.keys());

  it('kill -9 of the process holding a room: another process rebuilds it, and both its clients rejoin by themselves and play on in the same world', async () => {
    await twoProcesses();
    const { watched, ticket, host, survivor } = await play();
    // The client comes back by itself: reconnection fails (the process is gone), so it rejoins with its ticket.
    const { back, again: againNow } = rejoining(watched.room, [host.url, survivor.url]);
    const seat = (await watched.seat).seat;
    // A second player, through the other process's matchmaker, comes back by itself too.
    const other = await new Client(survivor.url).joinById(watched.room.roomId);
    rooms.push(other);
    watch(other);
    const { back: otherBack, again: otherAgainNow } = rejoining(other, [survivor.url, host.url]);
    watched.room.sendBytes('input', encodeInput(1, [RIGHT, 4480, 2800]));
    await until(() => watched.frames.size > 0 && lastTick(watched) >= 120 && ticket() !== null, 'the room has run 2 seconds', 4000);
    const before = lastTick(watched);
    const shipBefore = shipOf(watched, before);
    const left = new Promise<number>((resolve) => watched.room.onLeave(resolve));
    host.signal('SIGKILL');
    await host.exited;
    expect(await left).not.toBe(ROOM_MOVED); // the socket just dropped
    const [rejoined, otherRejoined] = await Promise.all([back, otherBack]);
    rooms.push(rejoined, otherRejoined);
    const [again, otherAgain] = [againNow(), otherAgainNow()];
    expect(otherRejoined.roomId).toBe(watched.room.roomId);
    expect((await otherAgain.seat).seat).toBe(1 - seat);
    expect(rejoined.roomId).toBe(watched.room.roomId);
    expect(portOf(rejoined)).toBe(survivor.port);
    expect((await again.seat).seat).toBe(seat);
    await until(() => again.frames.size > 2, 'views from the rebuilt room', 4000);
    const first = Math.min(...again.frames.keys());
    const shipAfter = shipOf(again, first);
    expect(shipAfter.id).toBe(shipBefore.id); // the same ship: same entity, same place in the world
    expect(shipAfter.x).toBeGreaterThan(shipBefore.x - 270 * 12 / 60); // at most the flush's ticks of flight lost

    const rebuilt = /room (\S+) rebuilt here from its log at tick (\d+) in (\d+) ms/.exec(survivor.output());
    expect(rebuilt?.[1]).toBe(watched.room.roomId);
    const fromTick = Number(rebuilt![2]);
    expect(before - fromTick).toBeLessThanOrEqual(12); // flushEvery (6) plus the appends in flight, at most
    expect(first).toBeGreaterThan(fromTick);

    // A ticket is the seat's: a wrong token, or a seat already played again, is refused naming the room and client.
    await expect(rejoinRoom([survivor.url], { ...ticket()!, token: 'not-the-token' }, { rounds: 1 })).rejects.toThrow(`room ${rejoined.roomId}: client`);
    await expect(rejoinRoom([survivor.url], ticket()!, { rounds: 1 })).rejects.toThrow(`seat ${seat} is played by another client`);

    // The log carries on under the new owner, and the whole of it replays headless to its checkpoints' hashes.
    again.room.sendBytes('input', encodeInput(2, [0, 4480, 2800]));
    await until(() => lastTick(again) >= fromTick + 90, 'the rebuilt room has run on', 4000);
    const logged = (await readRoomLog(reader, rejoined.roomId))!;
    expect(logged.recording.ticks).toBeGreaterThan(fromTick + 60);
    expect(replayRecording(logged.recording, createGameSimulation, { verify: true }).divergence).toBeNull();

    // No entity lost or doubled: a view both players got from the rebuilt room is, byte for byte, the view of the
    // log re-simulated headless to that tick (at a tick with no host event stamped on it, which came after the view).
    const eventTicks = new Set(logged.recording.events.map((event) => event.tick));
    const at = [...again.frames.keys()].filter((tick) => tick > first && tick <= logged.recording.ticks && !eventTicks.has(tick) && otherAgain.frames.has(tick)).sort((a, b) => a - b)[0]!;
    const upTo = { ...logged.recording, ticks: at, events: logged.recording.events.filter((event) => event.tick < at), checkpoints: logged.recording.checkpoints.filter((checkpoint) => checkpoint.tick <= at) };
    const headless = restore(upTo, createGameSimulation);
    expect(again.frames.get(at)!.view).toEqual(encodeWorldView(headless.sim.world));
    expect(otherAgain.frames.get(at)!.view).toEqual(again.frames.get(at)!.view);
  }, 60_000);

  it('SIGTERM of the process holding a room hands it over: the other rebuilds it at the tick it stopped, nothing lost, and its client rejoins by itself', async () => {
    await twoProcesses();
    const { watched, ticket, host, survivor } = await play();
    const { back, again: againNow } = rejoining(watched.room, [host.url, survivor.url]);
    watched.room.sendBytes('input', encodeInput(1, [RIGHT, 4480, 2800]));
    await until(() => watched.frames.size > 0 && lastTick(watched) >= 120 && ticket() !== null, 'the room has run 2 seconds', 4000);
    const left = new Promise<number>((resolve) => watched.room.onLeave(resolve));
    host.signal('SIGTERM');
    expect(await left).toBe(ROOM_MOVED);
    await host.exited;
    const handed = /room (\S+)\] handed over at tick (\d+): its log holds every tick/.exec(host.output());
    expect(handed?.[1]).toBe(watched.room.roomId);
    expect(host.output()).not.toContain('no other server process is running');
    const stoppedAt = Number(handed![2]);
    expect(stoppedAt).toBeGreaterThanOrEqual(lastTick(watched)); // every view the client got is in the log
    const rejoined = await back;
    rooms.push(rejoined);
    const again = againNow();
    expect(portOf(rejoined)).toBe(survivor.port);
    expect((await again.seat).seat).toBe((await watched.seat).seat);
    // Rebuilt at the very tick the room stopped: a crash loses up to two appends' ticks, a hand-over none.
    const rebuilt = /room (\S+) rebuilt here from its log at tick (\d+)/.exec(survivor.output());
    expect(rebuilt?.[1]).toBe(watched.room.roomId);
    expect(Number(rebuilt![2])).toBe(stoppedAt);
    await until(() => again.frames.size > 2, 'views from the rebuilt room', 4000);
    expect(shipOf(again, Math.min(...again.frames.keys())).id).toBe(shipOf(watched, lastTick(watched)).id);
    const logged = (await readRoomLog(reader, rejoined.roomId))!;
    expect(replayRecording(logged.recording, createGameSimulation, { verify: true }).divergence).toBeNull();
  }, 60_000);

  it("the game's link (joinRoom) comes back by itself when its room's process is killed: reconnection fails, the ticket takes the same seat and ship in the rebuilt room", async () => {
    await twoProcesses();
    const frames: ViewFrame[] = [];
    const problems: string[] = [];
    const seen: string[] = [];
    const link: ServerLink = await joinRoom(servers[0]!.url, 'arena', {
      servers: servers.map((server) => server.url),
      onView: (frame) => void frames.push(frame),
      onProblem: (message) => void problems.push(message),
      onStatus: (status) => void seen.push(`${status.state} ${link.way}`),
    });
    try {
      const host = servers.find((server) => server.port === portOf(link.room))!;
      const survivor = servers.find((server) => server !== host)!;
      const roomId = link.room.roomId;
      link.send(1, [RIGHT, 4480, 2800]);
      await until(() => (frames.at(-1)?.tick ?? 0) >= 120, 'the room has run 2 seconds', 4000);
      const shipBefore = shipIn(frames.at(-1)!, link.seat.seat);
      expect(link.way).toBeNull();
      host.signal('SIGKILL');
      await until(() => link.status.state === 'connected', 'the link is back in the rebuilt room', 4000);
      const atBack = frames.length;
      await until(() => frames.length > atBack + 2, 'views from the rebuilt room', 4000);
      expect(seen[0]).toBe('reconnecting reconnection'); // it tries the usual way first
      expect(seen.at(-1)).toBe('connected failover');
      expect(link.way).toBe('failover');
      expect(link.room.roomId).toBe(roomId);
      expect(portOf(link.room)).toBe(survivor.port);
      const back = frames.at(-1)!;
      const shipAfter = shipIn(back, link.seat.seat);
      expect(shipAfter.id).toBe(shipBefore.id);
      // Its input reaches the rebuilt room: the ship, stopped by the room's neutral input meanwhile, flies left now.
      link.send(2, [LEFT, 4480, 2800]);
      await until(() => frames.at(-1)!.tick > back.tick + 60, 'the rebuilt room has run a second more', 4000);
      expect(shipIn(frames.at(-1)!, link.seat.seat).x).toBeLessThan(shipAfter.x - 100);
      expect(problems).toEqual([]);
    } finally {
      link.leave();
    }
  }, 60_000);

  it('SIGTERM of the last process hands its room over all the same, and says that no other process is there to take it', async () => {
    servers.push(await startServerProcess(await freePort(), ['--swarm', '20', '--redis', redis.url, '--lease-ms', String(LEASE_MS)]));
    const room = await new Client(servers[0]!.url).create('arena', { seed: 9 });
    rooms.push(room);
    const watched = watch(room);
    await until(() => watched.frames.size > 0 && lastTick(watched) >= 30, 'the room has run', 4000);
    servers[0]!.signal('SIGTERM');
    await servers[0]!.exited;
    expect(servers[0]!.output()).toContain(`[loom room ${room.roomId}] handed over at tick`);
    expect(servers[0]!.output()).toContain('[loom cluster] no other server process is running: the 1 room(s) handed over wait in Redis until one starts (their logs expire 10 minutes after their last append)');
    expect((await readRoomLog(reader, room.roomId))?.recording.ticks).toBeGreaterThanOrEqual(lastTick(watched));
  }, 30_000);

  it('Redis restarted (empty) during play: the room ticks on, says it is not durable, then its log catches up', async () => {
    servers.push(await startServerProcess(await freePort(), ['--swarm', '20', '--redis', redis.url, '--lease-ms', String(LEASE_MS)]));
    const { watched } = await play();
    const durable: boolean[] = [];
    watched.room.onMessage('durable', (said: boolean) => durable.push(said));
    await until(() => watched.frames.size > 0 && lastTick(watched) >= 60, 'the room has run a second', 4000);
    const port = redis.port;
    await redis.stop();
    const downAt = lastTick(watched);
    await until(() => lastTick(watched) >= downAt + 120, 'the room ticks on without Redis', 4000);
    expect(durable).toEqual([false]);
    expect(servers[0]!.output()).toContain('NOT durable until Redis answers');
    redis = await startLocalRedis(port);
    await until(() => durable.length === 2, 'the room is durable again', 4000);
    expect(durable).toEqual([false, true]);
    await until(() => lastTick(watched) >= downAt + 240, 'the room has run on', 4000);
    const logged = (await readRoomLog(reader, watched.room.roomId))!;
    expect(logged.recording.ticks).toBeGreaterThan(downAt + 120);
    expect(logged.recording.events[0]).toMatchObject({ tick: 0, type: 'spawn' }); // the whole log, from the start
    expect(replayRecording(logged.recording, createGameSimulation, { verify: true }).divergence).toBeNull();
    // Its listing is back too: a new client joins it by id.
    const guest = await new Client(servers[0]!.url).joinById(watched.room.roomId);
    rooms.push(guest);
  }, 60_000);

  it('a process stalled past a health check but not its lease keeps its room, and a room whose listing went lists itself again (issue 968)', async () => {
    for (let i = 0; i < 2; i++) servers.push(await startServerProcess(await freePort(), ['--swarm', '20', '--redis', redis.url, '--lease-ms', '20000']));
    const { watched, host, survivor } = await play();
    await until(() => watched.frames.size > 0 && lastTick(watched) >= 60, 'the room has run a second', 4000);
    const owner = (await readRoomLog(reader, watched.room.roomId))!.owner;
    host.signal('SIGSTOP');
    // A join through the other process times out on the stalled one: Colyseus's health check fails and deletes the
    // stalled process's listings.
    await expect(new Client(survivor.url).joinById(watched.room.roomId)).rejects.toThrow();
    for (let i = 0; i < 300 && (await reader.hexists('roomcaches', watched.room.roomId)) === 1; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await reader.hexists('roomcaches', watched.room.roomId)).toBe(0);
    const stalledAt = lastTick(watched);
    host.signal('SIGCONT');
    await until(() => lastTick(watched) >= stalledAt + 60, 'the room ticks on where it was', 4000);
    expect((await readRoomLog(reader, watched.room.roomId))!.owner).toBe(owner); // never moved
    expect(survivor.output()).not.toContain('rebuilt here');
    // Its listing may be back already (the stalled process answered the join's seat reservation once continued):
    // deleted again here as Colyseus's clean-up of a process that missed a health check does, it comes back.
    const relisted = (): number => host.output().split('listed again').length - 1;
    const before = relisted();
    await reader.hdel('roomcaches', watched.room.roomId);
    await until(() => relisted() > before, 'the room is listed again', 2000);
    for (let i = 0; i < 100 && (await reader.hexists('roomcaches', watched.room.roomId)) === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    const guest = await new Client(survivor.url).joinById(watched.room.roomId);
    rooms.push(guest);
    expect(portOf(guest)).toBe(host.port);
  }, 60_000);

  it('a process stopped past its lease and continued does not run its room again: it closes its clients with ROOM_MOVED', async () => {
    await twoProcesses();
    const { watched, ticket, host, survivor } = await play();
    await until(() => watched.frames.size > 0 && lastTick(watched) >= 60 && ticket() !== null, 'the room has run a second', 4000);
    const owner = async (): Promise<string> => (await readRoomLog(reader, watched.room.roomId))!.owner;
    const firstOwner = await owner();
    const moved = new Promise<number>((resolve) => watched.room.onLeave(resolve));
    host.signal('SIGSTOP');
    await until(() => survivor.output().includes(`room ${watched.room.roomId} rebuilt here`), 'the room is rebuilt on the other process', 2000);
    const rejoined = await rejoinRoom([survivor.url], ticket()!, { retryMs: 100 });
    rooms.push(rejoined);
    const again = watch(rejoined);
    await until(() => again.frames.size > 0, 'views from the rebuilt room', 4000);

    // Seconds after the stop, every view it sent before has arrived: after it continues, it sends none, as it never
    // ticks again.
    const stoppedAt = lastTick(watched);
    host.signal('SIGCONT');
    expect(await moved).toBe(ROOM_MOVED);
    expect(lastTick(watched)).toBe(stoppedAt);
    await until(() => host.output().includes('now runs on another process'), 'the stopped process says its room moved', 1000);
    expect(await owner()).not.toBe(firstOwner);
    expect((await owner()).split(':')[0]).not.toBe(firstOwner.split(':')[0]);
    // The room's listing is the rebuilt copy's: a new client joining by id reaches the survivor.
    const guest = await new Client(host.url).joinById(rejoined.roomId);
    rooms.push(guest);
    expect(portOf(guest)).toBe(survivor.port);
  }, 60_000);
});

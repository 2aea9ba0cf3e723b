// The sample game's room on a real Colyseus server on a loopback port, with colyseus.js clients through
// @colyseus/testing. The room's clock is manual: the test steps it, and asserts on ticks and state, never on time.
import { gameKinds } from '../../game/scripts/kinds.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ColyseusTestServer } from '@colyseus/testing';
import { decodeRecording, replayRecording, stateHash } from 'loom-threads';
import { INPUT_REJECTED, RECORDING_REFUSED, defineLoomRoom, encodeInput, type LoomRoom } from 'loom-threads/colyseus';
import { applyWorldView } from '../../game/net/world-view.ts';
import { createGameSimulation, type GameSimulation } from '../../game/headless/simulation.ts';
import { World } from '../../game/sim/world.ts';
import { Engine } from 'loom-threads';
import { arenaGame } from '../../server/arena-game.ts';
import { ARENA_ROOM, startServer, type RunningServer } from '../../server/start-server.ts';
import { until, watch, type Watched } from './room-clients.ts';

const RIGHT = 1 << 3;
const LEFT = 1 << 2;
const FIRING = 1 << 4;
const AIM = [560 * 8, 100 * 8];

let running: RunningServer;
let colyseus: ColyseusTestServer;

beforeAll(async () => {
  running = await startServer({ port: 0, swarm: 40, clock: 'manual', graceSeconds: 60 });
  running.server.define('arena-live', defineLoomRoom({ game: arenaGame({ swarm: 40 }) }));
  running.server.define('arena-quick', defineLoomRoom({ game: arenaGame({ swarm: 40 }), clock: 'manual', graceSeconds: 0.05 }));
  running.server.define('arena-small-saves', defineLoomRoom({ game: arenaGame({ swarm: 40 }), clock: 'manual', maxRecordingBytes: 100 }));
  colyseus = new ColyseusTestServer(running.server);
});

afterAll(async () => {
  await colyseus.cleanup();
  await running.stop();
});

function serverRoom(roomId: string): LoomRoom<GameSimulation> {
  return colyseus.getRoomById(roomId) as unknown as LoomRoom<GameSimulation>;
}

/** A client's picture of the world at a view: a mirror World, as the game's client keeps one. */
function mirrorOf(watched: Watched, tick: number, seat: number): World {
  const world = new World(new Engine({ seed: 1 }), { kinds: gameKinds(), seats: 4 });
  applyWorldView(watched.frames.get(tick)!.view, world, tick, seat);
  return world;
}

async function join(name: string, roomId?: string): Promise<{ watched: Watched; seat: number }> {
  const room = roomId === undefined ? await colyseus.sdk.create(name, { seed: 7 }) : await colyseus.sdk.joinById(roomId);
  const watched = watch(room);
  return { watched, seat: (await watched.seat).seat };
}

describe('the arena room', () => {
  it('two clients join, steer, and see the same entities; the room replays from its recording to the same hash', async () => {
    const a = await join(ARENA_ROOM);
    const b = await join(ARENA_ROOM, a.watched.room.roomId);
    expect([a.seat, b.seat]).toEqual([0, 1]);
    const room = serverRoom(a.watched.room.roomId);
    // What each client learns on joining, the room's seed among it (the HUD shows it).
    expect(await b.watched.seat).toEqual({ seat: 1, roomId: room.roomId, tickRate: 60, viewEvery: 2, seats: 4, seed: 7, graceSeconds: 60 });
    a.watched.room.sendBytes('input', encodeInput(1, [RIGHT | FIRING, ...AIM]));
    b.watched.room.sendBytes('input', encodeInput(1, [LEFT, ...AIM]));
    await until(() => room.stats.inputs === 2, 'the room has both inputs');
    room.step(40);
    const [fa, fb] = await Promise.all([a.watched.frameAt(40), b.watched.frameAt(40)]);
    expect(fa.view).toEqual(fb.view);
    expect(fa.acks.slice(0, 2)).toEqual([{ seq: 1, tick: 1 }, { seq: 1, tick: 1 }]);
    const seen = mirrorOf(a.watched, 40, 0);
    const ships = seen.players;
    expect(ships.map((ship) => ship.seat)).toEqual([0, 1]);
    const world = room.session.sim.world;
    expect(seen.entities.map((e) => [e.id, e.kind])).toEqual(world.entities.map((e) => [e.id, e.kind]));
    // Seat 0 flew right from its place left of centre, seat 1 left: 39 ticks at 270 units a second.
    expect(ships[0]!.x).toBeCloseTo(560 - 120 + 270 * 39 / 60, 0);
    expect(ships[1]!.x).toBeCloseTo(560 - 40 - 270 * 39 / 60, 0);
    expect(world.shots.length).toBeGreaterThan(0);

    const result = replayRecording(room.session.recording(), createGameSimulation, { verify: true });
    expect(result.divergence).toBeNull();
    expect(result.ticks).toBe(40);
    expect(result.finalHash).toBe(stateHash(room.session.sim.engine, room.session.sim.hashWorld));
  });

  it('a client that drops and reconnects within the grace period keeps its seat and its ship', async () => {
    const a = await join(ARENA_ROOM);
    const b = await join(ARENA_ROOM, a.watched.room.roomId);
    const room = serverRoom(a.watched.room.roomId);
    room.step(2);
    const ship = room.session.sim.world.players.find((s) => s.seat === 0)!;
    const token = a.watched.room.reconnectionToken;
    void a.watched.room.leave(false); // a dropped connection, not a goodbye
    await until(() => room.clients.length === 1, 'the server has seen the drop');
    room.step(30);
    expect(room.session.isTaken(0)).toBe(true);
    expect(ship.alive).toBe(true);
    const back = watch(await colyseus.sdk.reconnect(token));
    await until(() => room.clients.length === 2, 'the client is back');
    back.room.sendBytes('input', encodeInput(2, [RIGHT, ...AIM]));
    await until(() => room.stats.inputs === 1, 'the room has the input');
    const x = ship.x;
    room.step(10);
    expect(room.session.sim.world.players.find((s) => s.seat === 0)).toBe(ship);
    expect(ship.x).toBeCloseTo(x + 270 * 9 / 60, 6); // the physics runs before the ship's script reads its input
    const frame = await back.frameAt(room.session.tick);
    expect(mirrorOf(back, frame.tick, 0).player?.id).toBe(ship.id);
    expect(b.watched.errors).toEqual([]);
  });

  it('after the grace period the seat is given up: the ship is killed and its death plays', async () => {
    const a = await join('arena-quick');
    const b = await join('arena-quick', a.watched.room.roomId);
    const room = serverRoom(a.watched.room.roomId);
    room.step(2);
    const world = room.session.sim.world;
    const ship = world.players.find((s) => s.seat === 0)!;
    const thread = ship.thread!;
    void a.watched.room.leave(false);
    await until(() => !room.session.isTaken(0), 'the grace period has run out');
    room.step(1);
    expect(ship.alive).toBe(false);
    expect(thread.cancelling).toBe(true); // its finally plays the death
    room.step(75); // the player's death takes 1.2 s
    expect(thread.alive).toBe(false);
    expect(ship.removed).toBe(true);
    expect(world.players.map((s) => s.seat)).toEqual([1]);
    expect(b.watched.errors).toEqual([]);
  });

  it('malformed, oversized and flooding input is dropped with an error naming the client and the room; the room and the other client go on', async () => {
    const good = await join(ARENA_ROOM);
    const bad = await join(ARENA_ROOM, good.watched.room.roomId);
    const room = serverRoom(good.watched.room.roomId);
    const roomId = room.roomId;
    room.step(2);
    const badShip = room.session.sim.world.players.find((s) => s.seat === 1)!;
    const at = badShip.x;
    bad.watched.room.sendBytes('input', new Uint8Array(7));
    bad.watched.room.send('input', { buttons: 8 });
    bad.watched.room.send('take-over', { thread: 1 });
    bad.watched.room.sendBytes('input', new Uint8Array(1000));
    bad.watched.room.sendBytes('input', encodeInput(1, [RIGHT, 99_999, 0]));
    for (let i = 0; i < 200; i++) bad.watched.room.sendBytes('input', encodeInput(100 + i, [RIGHT, ...AIM]));
    good.watched.room.sendBytes('input', encodeInput(1, [LEFT, ...AIM]));
    await until(() => room.stats.inputs + Object.values(room.stats.rejected).reduce((s, n) => s + n, 0) === 206, 'every message has been judged');
    // Every input message spends from its client's budget, bad ones too: 4 bad, 26 of the burst, 174 refused.
    expect(room.stats.rejected).toEqual({ malformed: 4, oversized: 1, flooding: 174 });
    expect(room.stats.inputs).toBe(27);
    await until(() => bad.watched.errors.length === 3, 'the bad client has its errors');
    const client = bad.watched.room.sessionId;
    expect(bad.watched.errors.map((e) => e.code)).toEqual([INPUT_REJECTED, INPUT_REJECTED, INPUT_REJECTED]);
    expect(bad.watched.errors.map((e) => e.message)).toEqual([
      `room ${roomId}: input from client ${client} dropped (malformed): 7 bytes, an input is 16`,
      `room ${roomId}: input from client ${client} dropped (oversized): 1000 bytes, the most is 64`,
      `room ${roomId}: input from client ${client} dropped (flooding): more than 30 inputs in a burst, or 2 a tick`,
    ]);
    room.step(10);
    expect(room.session.tick).toBe(12);
    const goodShip = room.session.sim.world.players.find((s) => s.seat === 0)!;
    expect(goodShip.x).toBeCloseTo(560 - 120 - 270 * 9 / 60, 6);
    expect(badShip.x).toBeCloseTo(at + 270 * 9 / 60, 6); // its last accepted input steers its own ship only
    expect(good.watched.errors).toEqual([]);
    expect((await good.watched.frameAt(12)).acks[0]).toEqual({ seq: 1, tick: 3 });
  });

  it("a seated client asks for the room's recording: it replays to the room's hash; asking again at once, or for too big a one, is refused", async () => {
    const a = await join(ARENA_ROOM);
    const b = await join(ARENA_ROOM, a.watched.room.roomId);
    const room = serverRoom(a.watched.room.roomId);
    a.watched.room.sendBytes('input', encodeInput(1, [RIGHT | FIRING, ...AIM]));
    await until(() => room.stats.inputs === 1, 'the room has the input');
    room.step(90);
    const saves: Uint8Array[] = [];
    a.watched.room.onMessage('recording', (bytes: Uint8Array) => void saves.push(bytes));
    a.watched.room.send('recording');
    a.watched.room.send('recording');
    await until(() => saves.length === 1 && a.watched.errors.length === 1, 'the save and the refusal have come');
    expect(a.watched.errors[0]).toEqual({ code: RECORDING_REFUSED, message: `room ${room.roomId}: recording for client ${a.watched.room.sessionId} refused: one every 5 s` });
    const recording = decodeRecording(saves[0]!);
    expect(recording.ticks).toBe(90);
    expect(recording.header.meta).toEqual({ swarm: 40, wave: 1, seats: 4 });
    const result = replayRecording(recording, createGameSimulation, { verify: true });
    expect(result.divergence).toBeNull();
    expect(result.finalHash).toBe(stateHash(room.session.sim.engine, room.session.sim.hashWorld));
    room.step(300); // five seconds on: it may ask again
    a.watched.room.send('recording');
    await until(() => saves.length === 2, 'the second save has come');
    expect(decodeRecording(saves[1]!).ticks).toBe(390);
    expect(b.watched.errors).toEqual([]);

    const small = await join('arena-small-saves');
    small.watched.room.send('recording');
    await until(() => small.watched.errors.length === 1, 'the refusal has come');
    expect(small.watched.errors[0]!.message).toMatch(new RegExp(`^room ${small.watched.room.roomId}: recording for client ${small.watched.room.sessionId} refused: \\d+ bytes, the most sent is 100$`));
  });

  it('on its own clock, the room runs whole ticks through the accumulator and sends a view every second tick', async () => {
    const a = await join('arena-live');
    const room = serverRoom(a.watched.room.roomId);
    await until(() => room.session.tick >= 12, 'the room has run 12 ticks');
    expect(room.session.tick).toBe(room.fixedStep.ticks);
    await a.watched.frameAt(12);
    expect([...a.watched.frames.keys()].every((tick) => tick % 2 === 0)).toBe(true);
    expect(room.stats.viewsSent).toBe(Math.floor(room.session.tick / 2));
  });
});

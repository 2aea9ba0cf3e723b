// RoomConnection on an in-process Colyseus server on a loopback port: the server kills a client's socket (as a
// network drop does), and the client gets back in by itself with its seat, or, once the room's grace period is over,
// says it cannot. The rooms' clocks are manual: the test steps them and asserts on seats and dots, never on time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Server, matchMaker, type Client as ServerClient } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { Client, type Room } from 'colyseus.js';
import { RoomConnection, decodeViewFrame, defineLoomRoom, encodeInput, reconnectWith, type ConnectionStatus, type LoomRoom, type SeatMessage } from 'loom-threads/colyseus';
import type { DotSim } from './dot-game.ts';
import { dotGame } from './dot-room-game.ts';
import { until } from '../server/room-clients.ts';

let server: Server;
let url = '';

beforeAll(async () => {
  server = new Server({ transport: new WebSocketTransport(), greet: false, gracefullyShutdown: false });
  server.define('dots', defineLoomRoom({ game: dotGame, clock: 'manual', graceSeconds: 30 }));
  server.define('dots-quick', defineLoomRoom({ game: dotGame, clock: 'manual', graceSeconds: 0.05 }));
  await server.listen(0, '127.0.0.1');
  const address = (server.transport as WebSocketTransport).server?.address();
  url = `ws://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
});

afterAll(async () => {
  await server.gracefullyShutdown(false);
});

function serverRoom(roomId: string): LoomRoom<DotSim> {
  return matchMaker.getLocalRoomById(roomId) as unknown as LoomRoom<DotSim>;
}

/** Kills a client's socket on the server, with no close handshake: what a dropped network looks like. */
function killSocket(client: ServerClient): void {
  (client as unknown as { ref: { terminate(): void } }).ref.terminate();
}

interface Connected {
  connection: RoomConnection<Room>;
  statuses: ConnectionStatus[];
  dots: number[];
  seat: SeatMessage;
}

async function connect(name: string, options: { roomId?: string; graceMs?: number; attempts?: number; delayMs?: number } = {}): Promise<Connected> {
  const client = new Client(url);
  const room = options.roomId === undefined ? await client.create(name) : await client.joinById(options.roomId);
  const statuses: ConnectionStatus[] = [];
  const dots: number[] = [];
  const seat = new Promise<SeatMessage>((resolve) => room.onMessage('seat', resolve));
  const connection = new RoomConnection(room, {
    rejoin: reconnectWith(client),
    graceMs: options.graceMs,
    attempts: options.attempts,
    delayMs: options.delayMs ?? 20,
    attach: (joined) => joined.onMessage('view', (bytes: Uint8Array) => void dots.push(decodeViewFrame(bytes).view[0]!)),
    onStatus: (status) => void statuses.push(status),
  });
  return { connection, statuses, dots, seat: await seat };
}

describe('RoomConnection', () => {
  it('a client whose socket the server kills reconnects by itself, keeps its seat, and its input steers its dot again', async () => {
    const a = await connect('dots');
    const b = await connect('dots', { roomId: a.connection.room.roomId });
    const room = serverRoom(a.connection.room.roomId);
    expect([a.seat.seat, b.seat.seat]).toEqual([0, 1]);
    expect(a.seat.graceSeconds).toBe(30);
    const first = a.connection.room;
    killSocket(room.clients.find((c) => c.sessionId === first.sessionId)!);
    await until(() => a.statuses.some((s) => s.state === 'reconnecting'), 'the client has seen the drop');
    await until(() => a.connection.status.state === 'connected' && room.clients.length === 2, 'the client is back');
    expect(a.connection.room).not.toBe(first);
    expect(a.statuses.map((s) => s.state)).toEqual(['reconnecting', 'connected']);
    expect(a.statuses[0]).toMatchObject({ attempt: 1, attempts: 8, code: 1006 });
    expect(room.session.isTaken(0)).toBe(true);
    expect(room.session.players).toBe(2);

    a.connection.room.sendBytes('input', encodeInput(1, [1]));
    await until(() => room.stats.inputs === 1, 'the room has the input');
    room.step(4); // views go out every second tick: at ticks 2 and 4
    await until(() => a.dots.length === 2, 'the reconnected client has its views');
    expect(a.dots).toEqual([2, 4]); // its own dot, seat 0, moved by its input from tick 1: views reach the new room
    expect(room.session.sim.world.dots[0]).toBe(4);
    await Promise.all([a.connection.leave(), b.connection.leave()]);
    expect(a.connection.status.state).toBe('left');
  });

  it('after the grace period the room refuses it: the client gives up after its tries and says why', async () => {
    const a = await connect('dots-quick', { attempts: 2, delayMs: 200 });
    const b = await connect('dots-quick', { roomId: a.connection.room.roomId });
    const room = serverRoom(a.connection.room.roomId);
    room.step(2);
    killSocket(room.clients.find((c) => c.sessionId === a.connection.room.sessionId)!);
    await until(() => a.connection.status.state === 'lost', 'the client has given up', 2000);
    expect(room.session.isTaken(0)).toBe(false); // the seat was given up: the dot's thread is cancelled
    room.step(2);
    expect(room.session.sim.world.cleanedUp).toEqual([0]);
    expect(a.statuses.map((s) => s.state)).toEqual(['reconnecting', 'reconnecting', 'lost']);
    expect(a.connection.status).toEqual({ state: 'lost', roomId: room.roomId, reason: `lost the connection to room ${room.roomId}: 2 tries to reconnect failed` });
    await b.connection.leave();
  });

  it('knowing the grace period, it does not try once it is over', async () => {
    const a = await connect('dots-quick');
    const b = await connect('dots-quick', { roomId: a.connection.room.roomId, graceMs: a.seat.graceSeconds * 1000, delayMs: 200 });
    const room = serverRoom(b.connection.room.roomId);
    killSocket(room.clients.find((c) => c.sessionId === b.connection.room.sessionId)!);
    await until(() => b.connection.status.state === 'lost', 'the client has given up');
    expect(b.statuses).toEqual([{ state: 'lost', roomId: room.roomId, reason: `lost the connection to room ${room.roomId}: the room's grace period (0.05 s) is over: the seat is given up` }]);
    await a.connection.leave();
  });

  it('leave() is a consented leave: no reconnection after it, and it settles even on a connection already closed', async () => {
    const a = await connect('dots');
    const room = serverRoom(a.connection.room.roomId);
    killSocket(room.clients[0]!);
    await until(() => a.connection.status.state === 'reconnecting', 'the client has seen the drop');
    await a.connection.leave();
    expect(a.statuses.map((s) => s.state)).toEqual(['reconnecting', 'left']);
    const b = await connect('dots');
    const other = serverRoom(b.connection.room.roomId);
    killSocket(other.clients[0]!);
    await b.connection.leave(); // before the client has heard of the drop: colyseus.js's room.leave() alone never settles
    expect(b.statuses.map((s) => s.state)).toEqual(['left']);
    expect(room.clients.length + other.clients.length).toBe(0);
  });
});

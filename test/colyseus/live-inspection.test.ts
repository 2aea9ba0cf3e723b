// The inspector on a live room: a Colyseus server in this process on a loopback port, its rooms on a manual clock
// (the test steps them), and the inspection endpoint read with fetch as the inspector page reads it. Off unless a
// room is defined with `inspect`; read-only; loopback only.
import { Server } from '@colyseus/core';
import { ColyseusTestServer } from '@colyseus/testing';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineLoomRoom, RoomInspection, startInspection, type LoomRoom, type RunningInspection } from 'loom-threads/colyseus';
import type { FeedSnapshot, RoomListing } from 'loom-threads/inspector/feed';
import type { DotSim } from './dot-game.ts';
import { dotGame } from './dot-room-game.ts';
import { until, watch } from '../server/room-clients.ts';

let server: Server;
let colyseus: ColyseusTestServer;
let inspecting: RunningInspection;
let gamePort = 0;

beforeAll(async () => {
  // Snapshots as often as asked: the test steps the room between requests, with no wait.
  inspecting = await startInspection({ port: 0, inspection: new RoomInspection({ minIntervalMs: 0 }) });
  server = new Server({ transport: new WebSocketTransport(), greet: false, gracefullyShutdown: false });
  server.define('dots', defineLoomRoom({ game: dotGame, clock: 'manual' }));
  server.define('dots-inspected', defineLoomRoom({ game: dotGame, clock: 'manual', inspect: inspecting.inspection }));
  await server.listen(0, '127.0.0.1');
  gamePort = ((server.transport as WebSocketTransport).server!.address() as AddressInfo).port;
  (server as unknown as { port: number }).port = gamePort;
  colyseus = new ColyseusTestServer(server);
});

afterAll(async () => {
  await colyseus.cleanup();
  await server.gracefullyShutdown(false);
  await inspecting.stop();
});

function serverRoom(roomId: string): LoomRoom<DotSim> {
  return colyseus.getRoomById(roomId) as unknown as LoomRoom<DotSim>;
}

async function get<T>(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: T; response: Response }> {
  const response = await fetch(`${inspecting.url}${path}`, { headers });
  return { status: response.status, body: (await response.json()) as T, response };
}

/** A GET with any Host header (fetch sets its own): what a page on a rebound DNS name would send. */
function getAs(host: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const asked = request(`${inspecting.url}${path}`, { headers: { host } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    asked.on('error', reject).end();
  });
}

/** What the game's own port answers to a path, if anything within a second (Colyseus leaves other paths unanswered). */
async function onGamePort(path: string): Promise<string> {
  try {
    const response = await fetch(`http://127.0.0.1:${gamePort}${path}`, { signal: AbortSignal.timeout(1000) });
    return `${response.status} ${await response.text()}`;
  } catch (error) {
    return `no answer (${(error as Error).name})`;
  }
}

const names = (snapshot: FeedSnapshot): string[] => snapshot.threads.map((thread) => `#${thread.id} ${thread.name}`);

describe('the inspection endpoint on a live room', () => {
  it('lists an inspected room and shows its threads live: ticks advance, a new thread appears, one that ends is gone', async () => {
    const client = await colyseus.sdk.create('dots-inspected', { seed: 3 });
    const roomId = client.roomId;
    const room = serverRoom(roomId);
    await watch(client).seat;
    room.step(5);
    const listed = await get<{ rooms: RoomListing[] }>('/rooms');
    expect(listed.body.rooms).toEqual([{ roomId, name: 'dots-inspected', clients: 1, tick: 5, threads: 2 }]);

    const first = (await get<FeedSnapshot>(`/rooms/${roomId}`)).body;
    expect(first.tick).toBe(5);
    expect(names(first)).toEqual(['#1 arena', '#2 dot']);
    expect(first.threads.map((thread) => thread.stateName)).toEqual(['ready', 'ready']); // each yields a tick at a time
    expect(first.states).toEqual({ ready: 2, running: 0, waiting: 0, cancelling: 0 });

    const second = await colyseus.sdk.joinById(roomId);
    await watch(second).seat;
    room.step(3);
    const grown = (await get<FeedSnapshot>(`/rooms/${roomId}?thread=2`)).body;
    expect(grown.tick).toBe(8);
    expect(names(grown)).toEqual(['#1 arena', '#2 dot', '#3 dot']);
    expect(grown.threads[1]!.age).toBe(first.threads[1]!.age + 3);
    expect(grown.selected?.frames.map((frame) => frame.name)).toEqual(['dot']);
    expect(grown.accounting.tickResumes).toBe(3); // accounting went on with the first request: the arena and two dots

    await second.leave(true);
    await until(() => room.session.players === 1, 'the second client has left');
    room.step(2);
    const shrunk = (await get<FeedSnapshot>(`/rooms/${roomId}`)).body;
    expect(shrunk.tick).toBe(10);
    expect(names(shrunk)).toEqual(['#1 arena', '#2 dot']);
    await client.leave(true);
  });

  it('turns a room\'s accounting on only once asked, records where its threads wait, and never lists a room defined without inspect', async () => {
    const inspected = await colyseus.sdk.create('dots-inspected', { seed: 4 });
    await watch(inspected).seat;
    const plain = await colyseus.sdk.create('dots', { seed: 5 });
    await watch(plain).seat;
    const room = serverRoom(inspected.roomId);
    room.step(2);
    expect([inspecting.inspection.watching(inspected.roomId), room.session.sim.engine.accounting.enabled]).toEqual([false, false]);
    // The panel shows where each thread waits; a room the inspector cannot read keeps the engine's default.
    expect([room.session.sim.engine.callSites, serverRoom(plain.roomId).session.sim.engine.callSites]).toEqual(['waits', 'frames']);
    await get(`/rooms/${inspected.roomId}`);
    expect([inspecting.inspection.watching(inspected.roomId), room.session.sim.engine.accounting.enabled]).toEqual([true, true]);

    const rooms = (await get<{ rooms: RoomListing[] }>('/rooms')).body.rooms.map((listed) => listed.roomId);
    expect(rooms).toContain(inspected.roomId);
    expect(rooms).not.toContain(plain.roomId);
    const refused = await get<{ error: string }>(`/rooms/${plain.roomId}`);
    expect(refused.status).toBe(404);
    expect(refused.body.error).toBe(`no inspectable room ${plain.roomId} (closed, or not defined with inspect)`);
    await inspected.leave(true);
    await plain.leave(true);
  });

  it('gives a game client nothing: the game port serves no feed, and a room message asking for one is refused as malformed', async () => {
    const client = await colyseus.sdk.create('dots-inspected', { seed: 6 });
    const watched = watch(client);
    await watched.seat;
    for (const path of ['/rooms', `/rooms/${client.roomId}`, `/matchmake/rooms/${client.roomId}`]) {
      expect(await onGamePort(path)).not.toMatch(/"threads"|"rooms"/);
    }
    client.send('inspect', { thread: 1 });
    await until(() => watched.errors.length > 0, 'the room answered the inspect message');
    expect(watched.errors[0]!.message).toContain("(malformed): unknown message type 'inspect'");
    await client.leave(true);
  });

  it('reads only, from loopback only: other methods, hosts and origins are refused; a loopback page may read it', async () => {
    const post = await fetch(`${inspecting.url}/rooms`, { method: 'POST', body: '{}' });
    expect([post.status, ((await post.json()) as { error: string }).error]).toEqual([405, 'the inspection endpoint only reads: GET /rooms, GET /rooms/ID?thread=N']);
    expect(await getAs('inspector.example.com', '/rooms')).toBe(403);
    expect(await getAs(`localhost:${inspecting.port}`, '/rooms')).toBe(200);
    const foreign = await get<{ error: string }>('/rooms', { origin: 'https://evil.example.com' });
    expect([foreign.status, foreign.body.error]).toEqual([403, 'origin https://evil.example.com may not read the inspection endpoint']);
    const page = await get('/rooms', { origin: 'http://localhost:5173' });
    expect([page.status, page.response.headers.get('access-control-allow-origin')]).toEqual([200, 'http://localhost:5173']);
    expect((await get<{ error: string }>('/rooms/x?thread=-1')).status).toBe(400);
    expect((await get<{ error: string }>('/rooms/%E0%A4%A')).status).toBe(404);
    expect((await get<{ error: string }>('/threads')).status).toBe(404);
  });

  it('refuses to start in production or on an address other than loopback', async () => {
    await expect(startInspection({ port: 0, env: 'production' })).rejects.toThrow(
      'the Loom inspection endpoint is a development tool: it does not start with NODE_ENV=production',
    );
    await expect(startInspection({ port: 0, host: '0.0.0.0' })).rejects.toThrow(
      'the Loom inspection endpoint listens on loopback only (127.0.0.1, ::1, localhost), not on 0.0.0.0',
    );
  });
});

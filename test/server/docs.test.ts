// The code of docs/server.md and of the README section "On a server: co-op rooms", run as written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Server } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { Client } from 'colyseus.js';
import { replayRecording } from 'loom-threads';
import { RoomSession, decodeViewFrame, defineLoomRoom, encodeInput, startInspection } from 'loom-threads/colyseus';
import type { FeedSnapshot, RoomListing } from 'loom-threads/inspector/feed';
import { createDotSimulation, dotGame } from '../colyseus/dot-game.ts';
import { until } from './room-clients.ts';

describe('docs/server.md', () => {
  let server: Server;
  let port = 0;

  beforeAll(async () => {
    port = 0;
    server = new Server({ transport: new WebSocketTransport(), greet: false, gracefullyShutdown: false });
    server.define('dots', defineLoomRoom({ game: dotGame, graceSeconds: 10 }));
    await server.listen(port, '127.0.0.1');
    const address = (server.transport as WebSocketTransport).server?.address();
    port = typeof address === 'object' && address !== null ? address.port : 0;
  });

  afterAll(async () => {
    await server.gracefullyShutdown(false);
  });

  it('hosts the dot game: a colyseus.js client joins, sends input, and its dot moves in the views', async () => {
    const room = await new Client(`ws://127.0.0.1:${port}`).joinOrCreate('dots');
    const dots: number[] = [];
    room.onMessage('view', (bytes: Uint8Array) => {
      const frame = decodeViewFrame(bytes);
      dots.push(new Int8Array(frame.view.buffer, frame.view.byteOffset, frame.view.byteLength)[0]!);
    });
    room.sendBytes('input', encodeInput(1, [1]));
    await until(() => dots.some((at) => at >= 4), 'the dot has moved in the views');
    room.sendBytes('input', encodeInput(2, [0]));
    expect(dots.filter((at) => at !== -128).every((at, i, all) => i === 0 || at >= all[i - 1]!)).toBe(true);
    void room.leave(true).catch(() => {});
  });

  it('starts the inspection endpoint and lets it read a room defined with inspect (section "The inspector on a live room")', async () => {
    const inspecting = await startInspection({ port: 0 }); // the page's port 2568, free here
    server.define('dots-inspected', defineLoomRoom({ game: dotGame, inspect: inspecting.inspection }));
    const room = await new Client(`ws://127.0.0.1:${port}`).joinOrCreate('dots-inspected');
    room.onMessage('*', () => {});
    try {
      const rooms = ((await (await fetch(`${inspecting.url}/rooms`)).json()) as { rooms: RoomListing[] }).rooms;
      expect(rooms.map((listed) => [listed.roomId, listed.name])).toEqual([[room.roomId, 'dots-inspected']]);
      const snapshot = (await (await fetch(`${inspecting.url}/rooms/${room.roomId}?thread=2`)).json()) as FeedSnapshot;
      expect(snapshot.threads.map((thread) => thread.name)).toEqual(['arena', 'dot']);
      expect(snapshot.selected?.frames.map((frame) => frame.name)).toEqual(['dot']);
    } finally {
      await room.leave(true).catch(() => {});
      await inspecting.stop();
    }
  });

  it('steps a session by hand and replays its recording', () => {
    const session = new RoomSession(dotGame, { roomId: 'test', seed: 7 });
    const seat = session.takeSeat()!;
    session.queue(seat, 1, [1]);
    for (let i = 0; i < 10; i++) session.step();
    const { divergence, finalHash } = replayRecording(session.recording(), createDotSimulation, { verify: true });
    expect(divergence).toBeNull();
    expect(finalHash).toMatch(/^[0-9a-f]{16}$/);
    expect(session.sim.world.dots[0]).toBe(10);
  });
});

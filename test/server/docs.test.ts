// The code of docs/server.md and of the README section "On a server: co-op rooms", run from the files it shows:
// each of their `ts file=PATH` blocks must be that file as it is (so an edit of the doc's code fails here unless the
// file has it too), and the files are run below: a server, a client that reconnects by itself, a room replayed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from '@colyseus/core';
import type { WebSocketTransport } from '@colyseus/ws-transport';
import { matchMaker } from '@colyseus/core';
import { ROOT, codeBlocks } from '../docs/code-blocks.ts';
import { joinDots, steer } from '../colyseus/join-dots.ts';
import { replayDots } from '../colyseus/replay-dots.ts';
import { serveDots } from '../colyseus/serve-dots.ts';
import { Client } from 'colyseus.js';
import type { FeedSnapshot, RoomListing } from 'loom-threads/inspector/feed';
import { inspectDots } from '../colyseus/inspect-dots.ts';
import { until } from './room-clients.ts';

const shown = [...codeBlocks('docs/server.md'), ...codeBlocks('README.md').filter((block) => block.path?.startsWith('test/colyseus/'))];

describe('docs/server.md', () => {
  let server: Server;
  let url = '';

  beforeAll(async () => {
    server = await serveDots(0);
    const address = (server.transport as WebSocketTransport).server?.address();
    url = `ws://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  });

  afterAll(async () => {
    await server.gracefullyShutdown(false);
  });

  it('shows its code as files: each block is the file it names, as it is', () => {
    const files = shown.filter((block) => block.kind === 'file').map((block) => block.path);
    expect(files).toEqual([
      'test/colyseus/dot-room-game.ts', 'test/colyseus/serve-dots.ts', 'test/colyseus/join-dots.ts', 'test/colyseus/replay-dots.ts',
      'test/colyseus/inspect-dots.ts',
      'test/colyseus/serve-dots.ts',
    ]);
    expect(shown.filter((block) => block.kind === 'script')).toEqual([]);
    for (const block of shown.filter((b) => b.kind === 'file')) expect(`${block.code}\n`, block.where).toBe(readFileSync(join(ROOT, block.path!), 'utf8'));
  });

  it('serves the dot game: a client joins, steers, its dot moves in the views; its socket dies and it is back in its seat', async () => {
    const seen: number[] = [];
    const logged: string[] = [];
    const log = console.log;
    console.log = (line: string) => void logged.push(line);
    try {
      const connection = await joinDots(url, (dots) => void seen.push(dots[0]!));
      steer(connection, 1, 1);
      await until(() => seen.some((at) => at >= 4), 'the dot has moved in the views');
      steer(connection, 2, 0); // the dot game fails a dot that reaches 13 (for the error hook's tests)
      const room = matchMaker.getLocalRoomById(connection.room.roomId);
      (room.clients[0] as unknown as { ref: { terminate(): void } }).ref.terminate();
      await until(() => logged.length === 2, 'the client is back');
      expect(logged).toEqual(['dots: reconnecting', 'dots: connected']);
      steer(connection, 3, 1);
      await until(() => seen.some((at) => at >= 7), 'the dot moves again, steered by the reconnected client');
      steer(connection, 4, 0);
      expect(room.clients.length).toBe(1);
      await connection.leave();
      expect(logged.at(-1)).toBe('dots: left');
    } finally {
      console.log = log;
    }
    const placed = seen.filter((at) => at !== -128); // -128: no dot yet
    expect(placed.every((at, i) => i === 0 || at >= placed[i - 1]!)).toBe(true);
  });

  it('starts the inspection endpoint and lets it read a room defined with inspect (section "The inspector on a live room")', async () => {
    const inspecting = await inspectDots(server, 0);
    const room = await new Client(url).joinOrCreate('dots-inspected');
    room.onMessage('*', () => {});
    try {
      const rooms = ((await (await fetch(`${inspecting.url}/rooms`)).json()) as { rooms: RoomListing[] }).rooms;
      expect(rooms.map((listed) => [listed.roomId, listed.name])).toEqual([[room.roomId, 'dots-inspected']]);
      // The player's dot is spawned by the room's next tick after the join.
      const ask = async (): Promise<FeedSnapshot> => (await (await fetch(`${inspecting.url}/rooms/${room.roomId}?thread=2`)).json()) as FeedSnapshot;
      let snapshot = await ask();
      for (let tries = 0; snapshot.threads.length < 2 && tries < 100; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 50)); // the feed answers a sooner request with its last snapshot
        snapshot = await ask();
      }
      expect(snapshot.threads.map((thread) => thread.name)).toEqual(['arena', 'dot']);
      expect(snapshot.selected?.frames.map((frame) => frame.name)).toEqual(['dot']);
    } finally {
      await room.leave(true).catch(() => {});
      await inspecting.stop();
    }
  });

  it('steps a session by hand and replays its recording to the same hashes', () => {
    const { session, replay } = replayDots();
    expect(replay.divergence).toBeNull();
    expect(replay.ticks).toBe(10);
    expect(replay.finalHash).toMatch(/^[0-9a-f]{16}$/);
    expect(session.sim.world.dots[0]).toBe(10);
  });
});

import type { Server } from '@colyseus/core';
import { defineLoomRoom, startInspection, type RunningInspection } from 'loom-threads/colyseus';
import { dotGame } from './dot-room-game.ts';

/** Starts the inspection endpoint (2568 for the page; 0: a free port) and a room type, 'dots-inspected', it may read. */
export async function inspectDots(server: Server, port: number): Promise<RunningInspection> {
  const inspecting = await startInspection({ port }); // refuses NODE_ENV=production and non-loopback hosts
  server.define('dots-inspected', defineLoomRoom({ game: dotGame, inspect: inspecting.inspection }));
  // GET {inspecting.url}/rooms              the inspectable rooms: [{ roomId, name, clients, tick, threads }]
  // GET {inspecting.url}/rooms/ID?thread=N  a snapshot of room ID with thread N's stack (FeedSnapshot, JSON)
  return inspecting;
}

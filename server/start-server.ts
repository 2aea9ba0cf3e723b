import { Server } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { defineLoomRoom, type LoomRoomSettings } from 'loom-threads/colyseus';
import type { GameSimulation } from '../game/headless/simulation.ts';
import { arenaGame, type ArenaOptions } from './arena-game.ts';

/** Options of {@link startServer}. */
export interface ServerOptions extends ArenaOptions, Omit<Partial<LoomRoomSettings<GameSimulation>>, 'game'> {
  /** Default 2567; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1: loopback only, unless told otherwise. */
  host?: string;
}

/** A running server: its Colyseus `Server`, the port it listens on, and how to stop it. */
export interface RunningServer {
  server: Server;
  port: number;
  host: string;
  stop(): Promise<void>;
}

/** The room name clients join: `client.joinOrCreate(ARENA_ROOM)`. */
export const ARENA_ROOM = 'arena';

/**
 * Starts a Colyseus server hosting the sample game's co-op room, `arena`, on a WebSocket transport.
 *
 * @example
 * ```ts
 * const running = await startServer({ port: 0 });
 * console.log(`ws://${running.host}:${running.port}`);
 * await running.stop();
 * ```
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const { swarm, seats, port: _port, host: _host, ...room } = options;
  const server = new Server({ transport: new WebSocketTransport(), greet: false, gracefullyShutdown: false });
  server.define(ARENA_ROOM, defineLoomRoom({ ...room, game: arenaGame({ swarm, seats }) }));
  await server.listen(options.port ?? 2567, host);
  const address = (server.transport as WebSocketTransport).server?.address();
  const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? 2567);
  // @colyseus/testing's client reads the port from here.
  (server as unknown as { port: number }).port = port;
  return { server, port, host, stop: () => server.gracefullyShutdown(false) };
}

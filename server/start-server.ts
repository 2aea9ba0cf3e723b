import { Server } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { defineLoomRoom, startInspection, type LoomRoomSettings, type RunningInspection } from 'loom-threads/colyseus';
import type { GameSimulation } from '../game/headless/simulation.ts';
import { arenaGame, type ArenaOptions } from './arena-game.ts';

/** Options of {@link startServer}. */
export interface ServerOptions extends ArenaOptions, Omit<Partial<LoomRoomSettings<GameSimulation>>, 'game' | 'inspect'> {
  /** Default 2567; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1: loopback only, unless told otherwise. */
  host?: string;
  /**
   * Starts the inspection endpoint on its own loopback port (default 2568; 0 picks a free one), and lets it read
   * every arena room (docs/server.md, "The inspector on a live room"). Default: off.
   */
  inspect?: { port?: number };
}

/** A running server: its Colyseus `Server`, the port it listens on, and how to stop it. */
export interface RunningServer {
  server: Server;
  port: number;
  host: string;
  /** The inspection endpoint, if started with `inspect`. */
  inspection: RunningInspection | null;
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
  const { swarm, seats, port: _port, host: _host, inspect, ...room } = options;
  const inspection = inspect === undefined ? null : await startInspection({ port: inspect.port });
  const server = new Server({ transport: new WebSocketTransport(), greet: false, gracefullyShutdown: false });
  server.define(ARENA_ROOM, defineLoomRoom({ ...room, game: arenaGame({ swarm, seats }), inspect: inspection?.inspection }));
  try {
    await server.listen(options.port ?? 2567, host);
  } catch (error) {
    await inspection?.stop();
    throw error;
  }
  const address = (server.transport as WebSocketTransport).server?.address();
  const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? 2567);
  // @colyseus/testing's client reads the port from here.
  (server as unknown as { port: number }).port = port;
  const stop = async (): Promise<void> => {
    await server.gracefullyShutdown(false);
    await inspection?.stop();
  };
  return { server, port, host, inspection, stop };
}

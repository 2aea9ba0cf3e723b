import { Server } from '@colyseus/core';
import { RedisDriver } from '@colyseus/redis-driver';
import { RedisPresence } from '@colyseus/redis-presence';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { Redis } from 'ioredis';
import { RoomCluster, defineDurableRoom, defineLoomRoom, placeRoomEvenly, startInspection, type LoomRoomSettings, type RoomLogOptions, type RunningInspection } from 'loom-threads/colyseus';
import type { GameSimulation } from '../game/headless/simulation.ts';
import { arenaGame, type ArenaOptions } from './arena-game.ts';

/** Options of {@link startServer}. */
export interface ServerOptions extends ArenaOptions, Omit<Partial<LoomRoomSettings<GameSimulation>>, 'game' | 'inspect'> {
  /** Default 2567; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1: loopback only, unless told otherwise. */
  host?: string;
  /**
   * A Redis URL (`redis://127.0.0.1:6379`): this process joins the others that share it (Colyseus's Redis presence
   * and driver), and clients reach its rooms at `host:port`, so the port must be given (not 0). Without it, the
   * server is one process on its own, with no Redis at all.
   */
  redis?: string;
  /** With `redis`: how the rooms' logs are kept (lease, appends). */
  log?: RoomLogOptions;
  /**
   * Starts the inspection endpoint on its own loopback port (default 2568; 0 picks a free one), and lets it read
   * every arena room (docs/server.md, "The inspector on a live room"). Default: off.
   */
  inspect?: { port?: number };
}

/**
 * A running server: its Colyseus `Server`, the port it listens on, and how to stop it. Sharing a Redis, `stop` hands
 * its rooms over to the other processes (`RoomCluster.handOver`); on its own, it ends them.
 */
export interface RunningServer {
  server: Server;
  /** With `redis`: the durable rooms' cluster (its failover scan, the rebuilds it did). */
  cluster: RoomCluster | null;
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
  const { swarm, seats, port: _port, host: _host, redis, log, inspect, ...room } = options;
  if (redis !== undefined && !options.port) throw new RangeError('a server sharing a Redis needs its own port (not 0): clients are sent to host:port');
  const inspection = inspect === undefined ? null : await startInspection({ port: inspect.port });
  const server = new Server({
    transport: new WebSocketTransport(),
    greet: false,
    gracefullyShutdown: false,
    ...(redis === undefined ? {} : {
      presence: new RedisPresence(redis),
      driver: new RedisDriver(redis),
      publicAddress: `${host}:${options.port}`,
      selectProcessIdToCreateRoom: placeRoomEvenly,
    }),
  });
  const game = arenaGame({ swarm, seats });
  const settings = { ...room, game, inspect: inspection?.inspection };
  // Sharing a Redis, rooms are durable: their logs go to it, and a room whose process dies is rebuilt on another.
  const cluster = redis === undefined ? null : new RoomCluster({ redis: new Redis(redis), ...log });
  server.define(ARENA_ROOM, cluster === null ? defineLoomRoom(settings) : defineDurableRoom({ ...settings, cluster }));
  try {
    await server.listen(options.port ?? 2567, host);
  } catch (error) {
    // Colyseus has already listed this process in the shared Redis: unlisted, or new rooms would be sent to it.
    await server.gracefullyShutdown(false).catch(() => {});
    await cluster?.redis.quit();
    await inspection?.stop();
    throw error;
  }
  cluster?.start();
  const address = (server.transport as WebSocketTransport).server?.address();
  const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? 2567);
  // @colyseus/testing's client reads the port from here.
  (server as unknown as { port: number }).port = port;
  const stop = async (): Promise<void> => {
    await cluster?.handOver();
    await server.gracefullyShutdown(false);
    await cluster?.redis.quit();
    await inspection?.stop();
  };
  return { server, cluster, port, host, inspection, stop };
}

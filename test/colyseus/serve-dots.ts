import { Server } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { defineLoomRoom } from 'loom-threads/colyseus';
import { dotGame } from './dot-room-game.ts';

/** Serves the dot game as room 'dots' on a loopback port (0: a free one). */
export async function serveDots(port: number): Promise<Server> {
  const server = new Server({ transport: new WebSocketTransport(), greet: false, gracefullyShutdown: false });
  server.define('dots', defineLoomRoom({ game: dotGame, graceSeconds: 10 }));
  await server.listen(port, '127.0.0.1');
  return server;
}

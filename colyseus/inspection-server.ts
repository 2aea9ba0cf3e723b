import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RoomInspection } from './room-inspection.ts';

/** Options of {@link startInspection}. */
export interface InspectionOptions {
  /** The inspection's own port, apart from the game's. Default 2568; 0 picks a free one. */
  port?: number;
  /** A loopback address only: 127.0.0.1 (default), ::1 or localhost. Anything else is refused. */
  host?: string;
  /** The environment: refused when `production`. Default `process.env.NODE_ENV`. */
  env?: string;
  /** The registry the rooms add themselves to. Default: a new one. */
  inspection?: RoomInspection;
  /** How often rooms nobody asks about stop being watched, ms. Default 1,000. */
  idleCheckMs?: number;
}

/** A running inspection endpoint. */
export interface RunningInspection {
  /** Give it to the rooms: `defineLoomRoom({ ..., inspect: running.inspection })`. */
  inspection: RoomInspection;
  /** `http://127.0.0.1:2568`: what the inspector page is given. */
  url: string;
  port: number;
  /** Closes the endpoint and stops watching every room. */
  stop(): Promise<void>;
}

const LOOPBACK_HOST = /^(?:127(?:\.\d{1,3}){3}|localhost|::1|\[::1\])$/;
const ROOM_PATH = /^\/rooms\/([^/]+)$/;

/**
 * Starts the inspection endpoint: an HTTP server of its own, on a loopback port apart from the game's, that answers
 * `GET /rooms` (the inspectable rooms) and `GET /rooms/ID?thread=N` (a snapshot of what the inspector panel shows
 * of room ID, with thread N's details), as JSON, and nothing else: it only reads. A development tool: it refuses to
 * start with NODE_ENV=production or on an address other than loopback, it answers only requests addressed to a
 * loopback host (no DNS rebinding), and a page may read it only from a loopback origin.
 *
 * @example
 * ```ts
 * const inspecting = await startInspection({ port: 0 });
 * server.define('arena', defineLoomRoom({ game: dots, inspect: inspecting.inspection }));
 * console.log(`inspector: ${inspecting.url}`);
 * await inspecting.stop();
 * ```
 */
export async function startInspection(options: InspectionOptions = {}): Promise<RunningInspection> {
  const host = options.host ?? '127.0.0.1';
  const env = options.env ?? process.env.NODE_ENV;
  if (env === 'production') throw new Error('the Loom inspection endpoint is a development tool: it does not start with NODE_ENV=production');
  if (!LOOPBACK_HOST.test(host)) throw new Error(`the Loom inspection endpoint listens on loopback only (127.0.0.1, ::1, localhost), not on ${host}`);
  const inspection = options.inspection ?? new RoomInspection();
  const server = createServer((request, response) => {
    try {
      answer(inspection, request, response);
    } catch (error) {
      send(response, 500, { error: `the inspection endpoint failed on ${request.url}: ${String(error)}` });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 2568, host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  const idle = setInterval(() => inspection.idle(performance.now()), options.idleCheckMs ?? 1000);
  idle.unref();
  const shown = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return { inspection, url: `http://${shown}:${port}`, port, stop: () => stop(server, idle, inspection) };
}

function stop(server: Server, idle: ReturnType<typeof setInterval>, inspection: RoomInspection): Promise<void> {
  clearInterval(idle);
  inspection.close();
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

function answer(inspection: RoomInspection, request: IncomingMessage, response: ServerResponse): void {
  const origin = request.headers.origin;
  if (!isLoopbackHost(request.headers.host)) return send(response, 403, { error: 'the inspection endpoint answers requests to a loopback host only' });
  if (origin !== undefined && !isLoopbackOrigin(origin)) return send(response, 403, { error: `origin ${origin} may not read the inspection endpoint` });
  if (origin !== undefined) response.setHeader('Access-Control-Allow-Origin', origin).setHeader('Vary', 'Origin');
  if (request.method !== 'GET') return send(response, 405, { error: 'the inspection endpoint only reads: GET /rooms, GET /rooms/ID?thread=N' });
  const url = new URL(request.url ?? '/', 'http://loopback');
  if (url.pathname === '/rooms') return send(response, 200, { rooms: inspection.rooms() });
  const roomId = ROOM_PATH.exec(url.pathname)?.[1];
  const room = roomId === undefined ? undefined : decoded(roomId);
  if (room === undefined) return send(response, 404, { error: 'the inspection endpoint has GET /rooms and GET /rooms/ID?thread=N' });
  const threadParam = url.searchParams.get('thread');
  const thread = threadParam === null ? null : Number(threadParam);
  if (thread !== null && !(Number.isSafeInteger(thread) && thread >= 0)) return send(response, 400, { error: `thread must be a thread id, not '${threadParam}'` });
  const snapshot = inspection.snapshot(room, thread, performance.now());
  if (snapshot === null) return send(response, 404, { error: `no inspectable room ${room} (closed, or not defined with inspect)` });
  send(response, 200, snapshot);
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify(body));
}

function decoded(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

function isLoopbackHost(header: string | undefined): boolean {
  if (header === undefined) return false;
  const host = header.startsWith('[') ? header.slice(0, header.indexOf(']') + 1) : header.replace(/:\d+$/, '');
  return LOOPBACK_HOST.test(host);
}

function isLoopbackOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOST.test(url.hostname);
  } catch {
    return false;
  }
}

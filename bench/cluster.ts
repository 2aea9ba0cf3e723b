// `npm run bench:cluster -- [--age 60] [--rooms 4] [--clients 1]`: durable rooms on a loopback Redis this bench starts.
// 1. What a room's log in Redis costs per tick: the sample game (swarm 500) stepped by hand, one session with its
//    RoomLog and one without, in alternating blocks in this process; the ratio of their tick times.
// 2. Failover: two server processes (children, default lease 3 s), K rooms with M loopback bots each, aged `--age`
//    seconds; the process holding the most rooms is killed with SIGKILL; every bot of its rooms rejoins. Reports
//    rooms per process and their p99 tick (the processes' own --stats), bytes per client, time from the kill to a
//    rejoined client's first view, the restore's time, and the ticks lost (the last view received from the dead
//    process minus the tick the room was rebuilt at).
// Bounded: everything runs on 127.0.0.1 and is stopped by pid at the end.
import { Client, type Room } from 'colyseus.js';
import { Redis } from 'ioredis';
import { RoomLog, RoomSession, decodeViewFrame, encodeInput, type RejoinTicket } from 'loom-threads/colyseus';
import { keepRejoinTicket, rejoinRoom } from '../game/net/rejoin.ts';
import { percentile } from '../harness/stats.ts';
import { arenaGame } from '../server/arena-game.ts';
import { startLocalRedis } from '../server/local-redis.ts';
import { startServerProcess, type ServerProcess } from '../test/support/server-process.ts';
import { freePort } from '../test/support/redis.ts';
import { numberOption } from './arguments.ts';

const AGE_S = numberOption('age', 60);
const ROOMS = numberOption('rooms', 4);
const CLIENTS = numberOption('clients', 1);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const redisServer = await startLocalRedis(await freePort());
try {
  await logCost();
  await failover();
} finally {
  await redisServer.stop();
}

async function logCost(): Promise<void> {
  const redis = new Redis(redisServer.url);
  const game = arenaGame({ swarm: 500 });
  const plain = new RoomSession(game, { roomId: 'plain', seed: 3 });
  const logged = new RoomSession(game, { roomId: 'logged', seed: 3 });
  const log = new RoomLog(redis, 'logged', 'arena', 'bench:1');
  await log.open(logged.recorder);
  for (const session of [plain, logged]) session.takeSeat();
  const times = { plain: [] as number[], logged: [] as number[] };
  const run = (session: RoomSession, into: number[], withLog: boolean): void => {
    for (let i = 0; i < 300; i++) {
      const tick = session.tick;
      if (tick % 20 === 0) session.queue(0, tick, [tick % 40 === 0 ? 8 | 16 : 4 | 16, 4480 + (tick % 7) * 100, 2800]);
      const start = performance.now();
      if (!withLog || log.mayTick()) {
        session.step();
        if (withLog) log.afterTick();
      }
      into.push(performance.now() - start);
    }
  };
  for (let block = 0; block < 20; block++) {
    run(plain, times.plain, false);
    run(logged, times.logged, true);
    await log.settled(); // the replies are handled between blocks, as between a real room's ticks
  }
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  const sorted = (xs: number[]): number[] => [...xs].sort((a, b) => a - b);
  const bytes = Number(await redis.memory('USAGE', log.keys.log)) + Number(await redis.memory('USAGE', log.keys.head));
  console.log(`log cost: ${times.logged.length} ticks each (swarm 500, one seat, input every 20 ticks), appends every ${log.flushEvery} ticks`);
  console.log(`  mean tick  ${mean(times.plain).toFixed(3)} ms without the log, ${mean(times.logged).toFixed(3)} ms with it: ${(mean(times.logged) / mean(times.plain)).toFixed(3)}x`);
  console.log(`  p99 tick   ${percentile(sorted(times.plain), 0.99).toFixed(3)} ms without, ${percentile(sorted(times.logged), 0.99).toFixed(3)} ms with`);
  const seconds = logged.tick / 60;
  console.log(`  Redis holds ${(bytes / 1024).toFixed(1)} KB of log for ${logged.tick} ticks: ${(bytes / seconds).toFixed(0)} B per second of play, ${(bytes * 60 / seconds / 1024).toFixed(0)} KB per minute`);
  await log.close();
  await redis.quit();
}

interface Player {
  room: Room;
  ticket: () => RejoinTicket | null;
  lastTick: number;
  bytes: number;
  port: number;
}

function portOf(room: Room): number {
  return Number(new URL((room.connection.transport as unknown as { ws: WebSocket }).ws.url).port);
}

function follow(room: Room, player: Omit<Player, 'room' | 'port' | 'ticket'> & Partial<Player>): Player {
  const followed = player as Player;
  followed.room = room;
  followed.port = portOf(room);
  room.onMessage('seat', () => {});
  room.onMessage('rejoin', () => {});
  room.onMessage('pong', () => {});
  room.onMessage('view', (bytes: Uint8Array) => {
    followed.lastTick = decodeViewFrame(bytes).tick;
    followed.bytes += bytes.byteLength;
  });
  return followed;
}

/** The last `[loom stats]` line a server process printed. */
function lastStats(server: ServerProcess): string {
  return [...server.output().matchAll(/\[loom stats\] (.*)/g)].at(-1)?.[1] ?? 'no stats yet';
}

async function failover(): Promise<void> {
  const servers: ServerProcess[] = [];
  for (let i = 0; i < 2; i++) servers.push(await startServerProcess(await freePort(), ['--swarm', '500', '--redis', redisServer.url, '--stats', '5']));
  const players: Player[] = [];
  try {
    for (let i = 0; i < ROOMS; i++) {
      const first = await new Client(servers[0]!.url).create('arena', { seed: i + 1 });
      for (let c = 0; c < CLIENTS; c++) {
        const room = c === 0 ? first : await new Client(servers[c % 2]!.url).joinById(first.roomId);
        players.push(follow(room, { ticket: keepRejoinTicket(room), lastTick: 0, bytes: 0 }));
      }
    }
    let seq = 0;
    const steering = setInterval(() => {
      seq++;
      for (const player of players) player.room.sendBytes('input', encodeInput(seq, [seq % 2 === 0 ? 8 | 16 : 4 | 16, 4480 + (seq % 7) * 100, 2800]));
    }, 100);
    const roomsOn = (server: ServerProcess): number => new Set(players.filter((p) => p.port === server.port).map((p) => p.room.roomId)).size;
    console.log(`failover: ${ROOMS} rooms, ${CLIENTS} bot(s) each, aged ${AGE_S} s; rooms per process: ${servers.map(roomsOn).join(' and ')}`);
    await sleep(AGE_S * 1000);
    for (const server of servers) console.log(`  process on ${server.port}: ${lastStats(server)}`);
    const bytesPerClient = players.reduce((sum, p) => sum + p.bytes, 0) / players.length / AGE_S;
    const victim = servers.reduce((most, s) => (roomsOn(s) > roomsOn(most) ? s : most));
    const survivor = servers.find((s) => s !== victim)!;
    const moving = players.filter((p) => p.port === victim.port);
    // The last view each client got before its socket closed, views in flight at the kill included.
    const lastSeen = moving.map((p) => new Promise<number>((resolve) => p.room.onLeave(() => resolve(p.lastTick))));
    const killedAt = performance.now();
    victim.signal('SIGKILL');
    await victim.exited;
    const back = await Promise.all(moving.map(async (player, i) => {
      const room = await rejoinRoom([victim.url, survivor.url], player.ticket()!, { retryMs: 50, rounds: 400 });
      const first = new Promise<number>((resolve) => room.onMessage('view', (bytes: Uint8Array) => resolve(decodeViewFrame(bytes).tick)));
      const again = follow(room, { ticket: player.ticket, lastTick: 0, bytes: 0 });
      players[players.indexOf(player)] = again;
      const tick = await first;
      return { ms: performance.now() - killedAt, tick, seen: await lastSeen[i]! };
    }));
    await sleep(6000);
    console.log(`  survivor after the rebuilds: ${lastStats(survivor)}`);
    clearInterval(steering);
    const rebuilt = [...survivor.output().matchAll(/room (\S+) rebuilt here from its log at tick (\d+) in (\d+) ms/g)];
    const fromTick = new Map(rebuilt.map((m) => [m[1]!, Number(m[2])]));
    console.log(`  bytes per client per second: ${bytesPerClient.toFixed(0)}`);
    for (const [i, result] of back.entries()) {
      const roomId = moving[i]!.room.roomId;
      const from = fromTick.get(roomId)!;
      const restoreMs = Number(rebuilt.find((m) => m[1] === roomId)![3]);
      console.log(`  room ${roomId}: ${from} ticks old; kill to the rejoined client's first view ${result.ms.toFixed(0)} ms (of it re-simulation and creation ${restoreMs} ms); last view received from the dead process: tick ${result.seen}, rebuilt at tick ${from}: ${Math.max(0, result.seen - from)} ticks lost`);
    }
  } finally {
    for (const player of players) player.room.connection.close();
    await Promise.all(servers.map((server) => server.stop()));
  }
}

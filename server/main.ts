// `npm run server -- [--port 2567] [--host 127.0.0.1] [--swarm 500] [--record DIR] [--redis URL [--lease-ms 3000] [--stats SECONDS]] [--inspect [--inspect-port 2568]] [--no-play-link]`:
// the sample game's co-op server; with --redis, one of several processes sharing that Redis (npm run server:cluster
// starts them, with --no-play-link: it prints the link naming them all); with --inspect, the inspection endpoint on
// its own loopback port.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { matchMaker } from '@colyseus/core';
import { encodeRecording } from 'loom-threads';
import { startServer } from './start-server.ts';

const argv = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = argv.indexOf(`--${name}`);
  return at < 0 ? undefined : argv[at + 1];
};
const port = Number(option('port') ?? 2567);
const swarm = Number(option('swarm') ?? 500);
const record = option('record');
const redis = option('redis');
const leaseMs = option('lease-ms') === undefined ? undefined : Number(option('lease-ms'));
const statsEvery = Number(option('stats') ?? 0);
const inspectPort = Number(option('inspect-port') ?? 2568);
const inspect = argv.includes('--inspect') || option('inspect-port') !== undefined;
const validPort = (value: number): boolean => Number.isInteger(value) && value >= 0 && value <= 65535;
if (!validPort(port) || !Number.isInteger(swarm) || swarm < 0 || (leaseMs !== undefined && !(leaseMs >= 100)) || !(statsEvery >= 0) || !validPort(inspectPort)) {
  console.log('Usage: npm run server -- [--port 2567] [--host 127.0.0.1] [--swarm 500] [--record DIR] [--redis URL [--lease-ms 3000] [--stats SECONDS]] [--inspect [--inspect-port 2568]] [--no-play-link]');
  process.exit(2);
}
if (record !== undefined) mkdirSync(record, { recursive: true });

const running = await startServer({
  port,
  host: option('host'),
  swarm,
  redis,
  log: leaseMs === undefined ? undefined : { leaseMs },
  inspect: inspect ? { port: inspectPort } : undefined,
  onRecording: record === undefined ? undefined : (roomId, recording) => {
    const file = join(record, `${roomId}.loomrec`);
    writeFileSync(file, encodeRecording(recording));
    console.log(`room ${roomId} closed after ${recording.ticks} ticks: npm run replay -- ${file} --verify`);
  },
});
const url = `ws://${running.host}:${running.port}`;
console.log(`Loom co-op server on ${url} (room 'arena', 2 to 4 players)${redis === undefined ? '' : `, sharing ${redis} with the other processes`}`);
if (!argv.includes('--no-play-link')) console.log(`Play: npm start, then open http://localhost:5173/?server=${url} in two windows`);
if (record !== undefined) console.log(`Each room's recording is written to ${record}/ when it closes`);
if (running.inspection !== null) {
  console.log(`Inspection endpoint on ${running.inspection.url} (loopback only, read-only: a development tool)`);
  console.log(`Inspect a room: npm start, then open http://localhost:5173/inspect.html?inspect=${running.inspection.url}`);
}

// --stats: every so many seconds, the durable rooms' tick times here (the last 4096 ticks), for bench:cluster.
const cluster = running.cluster;
if (statsEvery > 0 && cluster !== null) {
  setInterval(() => {
    const sorted = [...cluster.tickMs].sort((a, b) => a - b);
    const at = (q: number): string => (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0).toFixed(3);
    console.log(`[loom stats] rooms ${matchMaker.stats.local.roomCount}, tick p50 ${at(0.5)} ms, p99 ${at(0.99)} ms over ${sorted.length} ticks`);
  }, statsEvery * 1000).unref();
}

// A shutdown that cannot reach its Redis would wait for it forever: a few seconds, then exit anyway.
const stop = (): void => {
  setTimeout(() => process.exit(1), 3000).unref();
  void running.stop().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

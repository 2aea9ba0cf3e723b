// `npm run server -- [--port 2567] [--host 127.0.0.1] [--swarm 500] [--record DIR] [--redis URL [--lease-ms 3000]]`: the sample game's
// co-op server; with --redis, one of several processes sharing that Redis (npm run server:cluster starts them).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
if (!Number.isInteger(port) || port < 0 || port > 65535 || !Number.isInteger(swarm) || swarm < 0 || (leaseMs !== undefined && !(leaseMs >= 100))) {
  console.log('Usage: npm run server -- [--port 2567] [--host 127.0.0.1] [--swarm 500] [--record DIR] [--redis URL [--lease-ms 3000]]');
  process.exit(2);
}
if (record !== undefined) mkdirSync(record, { recursive: true });

const running = await startServer({
  port,
  host: option('host'),
  swarm,
  redis,
  log: leaseMs === undefined ? undefined : { leaseMs },
  onRecording: record === undefined ? undefined : (roomId, recording) => {
    const file = join(record, `${roomId}.loomrec`);
    writeFileSync(file, encodeRecording(recording));
    console.log(`room ${roomId} closed after ${recording.ticks} ticks: npm run replay -- ${file} --verify`);
  },
});
const url = `ws://${running.host}:${running.port}`;
console.log(`Loom co-op server on ${url} (room 'arena', 2 to 4 players)${redis === undefined ? '' : `, sharing ${redis} with the other processes`}`);
console.log(`Play: npm start, then open http://localhost:5173/?server=${url} in two windows`);
if (record !== undefined) console.log(`Each room's recording is written to ${record}/ when it closes`);

// A shutdown that cannot reach its Redis would wait for it forever: a few seconds, then exit anyway.
const stop = (): void => {
  setTimeout(() => process.exit(1), 3000).unref();
  void running.stop().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

// `npm run server -- [--port 2567] [--host 127.0.0.1] [--swarm 500] [--record DIR] [--inspect [--inspect-port 2568]]`:
// the sample game's co-op server.
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
const inspectPort = Number(option('inspect-port') ?? 2568);
const inspect = argv.includes('--inspect') || option('inspect-port') !== undefined;
if (!Number.isInteger(port) || port < 0 || port > 65535 || !Number.isInteger(swarm) || swarm < 0 || !Number.isInteger(inspectPort) || inspectPort < 0 || inspectPort > 65535) {
  console.log('Usage: npm run server -- [--port 2567] [--host 127.0.0.1] [--swarm 500] [--record DIR] [--inspect [--inspect-port 2568]]');
  process.exit(2);
}
if (record !== undefined) mkdirSync(record, { recursive: true });

const running = await startServer({
  port,
  host: option('host'),
  swarm,
  inspect: inspect ? { port: inspectPort } : undefined,
  onRecording: record === undefined ? undefined : (roomId, recording) => {
    const file = join(record, `${roomId}.loomrec`);
    writeFileSync(file, encodeRecording(recording));
    console.log(`room ${roomId} closed after ${recording.ticks} ticks: npm run replay -- ${file} --verify`);
  },
});
const url = `ws://${running.host}:${running.port}`;
console.log(`Loom co-op server on ${url} (room 'arena', 2 to 4 players)`);
console.log(`Play: npm start, then open http://localhost:5173/?server=${url} in two windows`);
if (record !== undefined) console.log(`Each room's recording is written to ${record}/ when it closes`);
if (running.inspection !== null) {
  console.log(`Inspection endpoint on ${running.inspection.url} (loopback only, read-only: a development tool)`);
  console.log(`Inspect a room: npm start, then open http://localhost:5173/inspect.html?inspect=${running.inspection.url}`);
}

const stop = (): void => void running.stop().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

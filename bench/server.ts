// `npm run bench:server`: rooms per process at 60 Hz with two loopback bots each, raised until the p99 of the
// process's tick work per 16.7 ms frame passes 16.7 ms; bytes per client per second; input-to-effect latency in
// ticks; and a room's cost beside the same world stepped headless in the same run. Bounded: each step runs a few
// seconds, the server is this process and the bots one child process (`server-bot-fleet.ts`), all on 127.0.0.1,
// and everything is closed at the end.
import { fork, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { LoomRoom, RoomSession } from 'loom-threads/colyseus';
import type { GameSimulation } from '../game/headless/simulation.ts';
import { arenaGame } from '../server/arena-game.ts';
import { startServer } from '../server/start-server.ts';
import { compareViews } from './schema-view.ts';
import type { FleetReply, FleetRequest } from './server-bot-fleet.ts';
import { percentile } from '../harness/stats.ts';

const STEPS = [1, 4, 8, 16, 32, 64, 100, 150, 200, 250, 300].filter((rooms) => rooms <= Number(process.env.BENCH_MAX_ROOMS ?? Infinity));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const WARMUP_SECONDS = 2;
const FRAME_MS = 1000 / 60;
const SWARM = 500;

interface Sample { at: number; ms: number }
const samples: Sample[] = [];
let simulationMs = 0;
const rooms: LoomRoom<GameSimulation>[] = [];

const settings = { game: arenaGame({ swarm: SWARM }) };
class TimedArena extends LoomRoom<GameSimulation> {
  protected readonly settings = settings;
  override onCreate(options: { seed?: unknown }): void {
    super.onCreate(options);
    rooms.push(this);
    // The simulation's share of each tick, timed apart from the view's encoding and broadcast.
    const session = this.session;
    const step = session.step.bind(session);
    session.step = () => {
      const start = performance.now();
      step();
      simulationMs += performance.now() - start;
    };
  }
  override advance(elapsedMs: number): number {
    const start = performance.now();
    const ticks = super.advance(elapsedMs);
    if (ticks > 0) samples.push({ at: start, ms: performance.now() - start });
    return ticks;
  }
}

const running = await startServer({ port: 0, swarm: SWARM });
running.server.define('arena', TimedArena);
const url = `ws://${running.host}:${running.port}`;
const fleet = fork(new URL('./server-bot-fleet.ts', import.meta.url));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

console.log(`bench:server on ${url}: swarm ${SWARM}, two bots a room in a second process, ${SECONDS} s a step, load average ${loadavg()[0]!.toFixed(1)}`);
console.log('rooms  p99 frame work (ms)  p99 room tick (ms)  dropped  bytes/client/s  latency p50/p99 (ticks)');
let roomsOk = 0;
let roomTickMs = NaN;
let simulationShare = NaN;
for (const target of STEPS) {
  await ask(fleet, { kind: 'add', url, rooms: target - rooms.length, seed: rooms.length + 1 }, 'added');
  await sleep(WARMUP_SECONDS * 1000);
  samples.length = 0;
  simulationMs = 0;
  fleet.send({ kind: 'clear' } satisfies FleetRequest);
  const bytesBefore = rooms.reduce((sum, room) => sum + room.stats.viewBytes, 0);
  const droppedBefore = rooms.reduce((sum, room) => sum + room.fixedStep.dropped, 0);
  const start = performance.now();
  await sleep(SECONDS * 1000);
  const seconds = (performance.now() - start) / 1000;
  const frames = new Map<number, number>();
  for (const s of samples) frames.set(Math.floor((s.at - start) / FRAME_MS), (frames.get(Math.floor((s.at - start) / FRAME_MS)) ?? 0) + s.ms);
  const frameP99 = percentile(Float64Array.from(frames.values()).sort(), 0.99);
  const tickP99 = percentile(Float64Array.from(samples, (s) => s.ms).sort(), 0.99);
  const dropped = rooms.reduce((sum, room) => sum + room.fixedStep.dropped, 0) - droppedBefore;
  const bytes = (rooms.reduce((sum, room) => sum + room.stats.viewBytes, 0) - bytesBefore) / (rooms.length * 2) / seconds;
  const { ticks } = await ask(fleet, { kind: 'latencies' }, 'latencies');
  const latencies = Float64Array.from(ticks).sort();
  console.log(`${String(target).padStart(5)}  ${frameP99.toFixed(2).padStart(20)}  ${tickP99.toFixed(3).padStart(18)}  ${String(dropped).padStart(7)}  ${Math.round(bytes).toLocaleString('en-US').padStart(14)}  ${percentile(latencies, 0.5)}/${percentile(latencies, 0.99)}`);
  if (frameP99 > FRAME_MS) break;
  roomsOk = target;
  const tickMs = samples.reduce((sum, s) => sum + s.ms, 0);
  roomTickMs = tickMs / samples.length;
  simulationShare = simulationMs / tickMs;
}

// The same world headless, in the same process: sessions with two seats, fed the bots' kind of input, stepped by hand.
const headless = Array.from({ length: 8 }, (_, i) => new RoomSession(arenaGame({ swarm: SWARM }), { roomId: `h${i}`, seed: i + 1 }));
for (const session of headless) {
  session.takeSeat();
  session.takeSeat();
}
const HEADLESS_TICKS = 600;
const headlessStart = performance.now();
for (let tick = 0; tick < HEADLESS_TICKS; tick++) {
  for (const session of headless) {
    if (tick % 6 === 0) for (let seat = 0; seat < 2; seat++) session.queue(seat, tick, [(tick % 12 === 0 ? 8 : 4) | 16, 4480, 2800]);
    session.step();
  }
}
const headlessMs = (performance.now() - headlessStart) / (HEADLESS_TICKS * headless.length);
console.log(`rooms per process under a 16.7 ms p99 frame: ${roomsOk}`);
console.log(`a room's tick with its networking, at ${roomsOk} rooms: ${roomTickMs.toFixed(3)} ms mean; the same world headless: ${headlessMs.toFixed(3)} ms; ratio ${(roomTickMs / headlessMs).toFixed(2)}`);
console.log(`the rooms' own simulation was ${(simulationShare * 100).toFixed(0)}% of their tick work (the rest: views encoded and broadcast)`);

const views = compareViews(60, SWARM);
console.log(`views of a 60 s two-seat room, every 2nd tick, per client: binary snapshot ${Math.round(views.binary).toLocaleString('en-US')} B/s (${views.binaryMs.toFixed(3)} ms to encode), @colyseus/schema 3 patches ${Math.round(views.schema).toLocaleString('en-US')} B/s (${views.schemaMs.toFixed(3)} ms to sync and encode)`);

await ask(fleet, { kind: 'stop' }, 'stopped');
await running.stop();
process.exit(0);

function ask<K extends FleetReply['kind']>(child: ChildProcess, request: FleetRequest, kind: K): Promise<Extract<FleetReply, { kind: K }>> {
  return new Promise((resolve, reject) => {
    const died = (code: number | null): void => reject(new Error(`the bot fleet exited (${code}) before answering '${request.kind}'`));
    const listen = (reply: FleetReply): void => {
      if (reply.kind !== kind) return;
      child.off('message', listen);
      child.off('exit', died);
      resolve(reply as Extract<FleetReply, { kind: K }>);
    };
    child.on('message', listen);
    child.once('exit', died);
    child.send(request);
  });
}

// `npm run bench:inspect-room`: what inspecting a live room costs its tick. Three rooms of the sample game (swarm
// 500, two seats fed the bench bots' kind of input), same seed and same input, so each tick they do the same work,
// stepped by hand in this process, in turn (the order turns every tick): one with no inspection; one registered for
// inspection with nobody asking; one inspected as inspect.html does it (a snapshot every 15 ticks, 4 a second at
// 60 Hz, with one thread's details, serialized to JSON as the endpoint sends it). The figures are each room's mean
// tick, the snapshot's work included, as a ratio to the first. It runs as `npm run server` does in development (call
// sites captured), since inspection is a development tool.
import { RoomInspection, RoomSession } from 'loom-threads/colyseus';
import { arenaGame } from '../server/arena-game.ts';

const TICKS = Number(process.env.BENCH_TICKS ?? 7200);
const WARMUP = 600;
const SNAPSHOT_EVERY = 15;
const MODES = ['off', 'registered, nobody asking', 'inspected (4 snapshots/s)'] as const;
type Mode = (typeof MODES)[number];

const inspection = new RoomInspection({ minIntervalMs: 0 });
const rooms = MODES.map((mode) => {
  const session = new RoomSession(arenaGame({ swarm: 500 }), { roomId: mode, seed: 7 });
  session.takeSeat();
  session.takeSeat();
  return { mode, session, ms: 0 };
});
const snapshots = { ms: 0, count: 0, bytes: 0 };

function step(room: (typeof rooms)[number], tick: number, timed: boolean): void {
  const start = performance.now();
  const { session } = room;
  if (tick % 6 === 0) for (let seat = 0; seat < 2; seat++) session.queue(seat, tick, [(tick % 12 === 0 ? 8 : 4) | 16, 4480, 2800]);
  session.step();
  if (room.mode === 'inspected (4 snapshots/s)' && tick % SNAPSHOT_EVERY === 0) snapshot(room.mode, session.sim.engine, timed);
  if (timed) room.ms += performance.now() - start;
}

function snapshot(roomId: Mode, engine: RoomSession['sim']['engine'], timed: boolean): void {
  const start = performance.now();
  const selected = engine.threads()[Math.min(4, engine.threadCount - 1)]?.id ?? null;
  const json = JSON.stringify(inspection.snapshot(roomId, selected, start));
  if (!timed) return;
  snapshots.ms += performance.now() - start;
  snapshots.count++;
  snapshots.bytes += json.length;
}

for (const room of rooms.slice(1)) inspection.add({ roomId: room.mode, roomName: 'arena', clients: { length: 2 }, session: room.session });
for (let tick = 0; tick < WARMUP + TICKS; tick++) {
  for (let k = 0; k < rooms.length; k++) step(rooms[(tick + k) % rooms.length]!, tick, tick >= WARMUP);
}

const hashes = new Set(rooms.map((room) => room.session.recorder.recording().checkpoints.at(-1)?.hash));
const baseMs = rooms[0]!.ms / TICKS;
console.log(`bench:inspect-room: three arena rooms (swarm 500, 2 seats, seed 7), ${TICKS} ticks each after ${WARMUP} of warm-up, ${rooms[0]!.session.sim.engine.threadCount} threads each at the end; same world in all three: ${hashes.size === 1}`);
for (const room of rooms) console.log(`${room.mode.padEnd(28)} ${(room.ms / TICKS).toFixed(4)} ms a tick  ${(room.ms / TICKS / baseMs).toFixed(2)}x`);
console.log(`a snapshot with its JSON: ${(snapshots.ms / snapshots.count).toFixed(3)} ms, ${Math.round(snapshots.bytes / snapshots.count).toLocaleString('en-US')} bytes (${snapshots.count} taken)`);

// `npm run bench:replay [-- --seed 7 --swarm 500]`: how fast a save of the sample game restores. It records a headless
// session with the scripted player until a run reaches wave 6 (so waves 1 to 5 are all in it), then re-simulates
// it the way restore() does, and reports simulated time per real time, overall and per wave, beside the same
// session played without a recorder in this process.
import { Engine, Replayer, encodeRecording, replayRecording, restore, type Recording } from 'loom-threads';
import { game } from '../game/scripts/game.ts';
import { gameKinds } from '../game/scripts/kinds.ts';
import { autopilot } from '../game/sim/autopilot.ts';
import { playScripted, recordGame } from '../game/headless/session.ts';
import { createGameSimulation } from '../game/headless/simulation.ts';
import { World } from '../game/sim/world.ts';
import { numberOption } from './arguments.ts';

const seed = numberOption('seed', 7);
const swarm = numberOption('swarm', 500);
const MAX_TICKS = 60 * 60 * 20;
const quiet = (): void => {};

function recordSession(): { recording: Recording; ms: number } {
  const { sim, recorder } = recordGame({ seed, swarm, onError: quiet });
  const start = performance.now();
  while (sim.world.wave < 6 && sim.engine.tick < MAX_TICKS) playScripted(sim, recorder, 60);
  return { recording: recorder.recording(), ms: performance.now() - start };
}

// The same inputs without a recorder: the live game's own cost. The session's restarts come from the recording.
function playPlain(recording: Recording): number {
  const replayer = new Replayer(recording, (setup) => createGameSimulation(setup, { onError: quiet }));
  const start = performance.now();
  replayer.runTo(recording.ticks);
  return performance.now() - start;
}

function timeRestore(recording: Recording): number {
  const start = performance.now();
  restore(recording, (setup) => createGameSimulation(setup, { onError: quiet }));
  return performance.now() - start;
}

function timeVerify(recording: Recording): number {
  const start = performance.now();
  replayRecording(recording, (setup) => createGameSimulation(setup, { onError: quiet }), { verify: true });
  return performance.now() - start;
}

// Per wave: each tick timed and filed under the wave it ran in.
function perWave(recording: Recording): Map<number, { ticks: number; ms: number }> {
  const replayer = new Replayer(recording, (setup) => createGameSimulation(setup, { onError: quiet }));
  const waves = new Map<number, { ticks: number; ms: number }>();
  while (replayer.tick < recording.ticks) {
    const wave = replayer.sim.world.wave;
    const start = performance.now();
    replayer.step();
    const bucket = waves.get(wave) ?? { ticks: 0, ms: 0 };
    bucket.ticks++;
    bucket.ms += performance.now() - start;
    waves.set(wave, bucket);
  }
  return waves;
}

// A live run with no recorder at all: the engine and world stepped by hand, as the browser's loop does.
function playUnrecorded(ticks: number): number {
  const engine = new Engine({ seed, onError: quiet });
  const world = new World(engine, { kinds: gameKinds(), swarm });
  engine.spawn(game, world);
  const start = performance.now();
  for (let i = 0; i < ticks; i++) {
    autopilot(world);
    engine.step();
    world.takeEvents();
  }
  return performance.now() - start;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const realTime = (ticks: number, ms: number): string => `${(ticks / 60 / (ms / 1000)).toFixed(0)}x`;

const { recording, ms: recordMs } = recordSession();
const ticks = recording.ticks;
const bytes = encodeRecording(recording).length;
console.log(`session: seed ${seed}, swarm ${swarm}, ${ticks} ticks (${(ticks / 3600).toFixed(1)} min), ${bytes} bytes; recorded live in ${recordMs.toFixed(0)} ms (${realTime(ticks, recordMs)} real time)`);
const restores = [0, 1, 2].map(() => timeRestore(recording));
const verified = [0, 1, 2].map(() => timeVerify(recording));
const plain = [0, 1, 2].map(() => playPlain(recording));
const firstMinutes = Math.min(ticks, 3600 * 3);
const unrecorded = median([0, 1, 2].map(() => playUnrecorded(firstMinutes)));
const replayedFirst = median([0, 1, 2].map(() => {
  const replayer = new Replayer(recording, (setup) => createGameSimulation(setup, { onError: quiet }));
  const start = performance.now();
  replayer.runTo(firstMinutes);
  return performance.now() - start;
}));
console.log(`restore (checks the last checkpoint):    median ${median(restores).toFixed(0)} ms = ${realTime(ticks, median(restores))} real time`);
console.log(`replay checking every checkpoint (--verify): median ${median(verified).toFixed(0)} ms = ${realTime(ticks, median(verified))} real time`);
console.log(`replay checking none:                    median ${median(plain).toFixed(0)} ms = ${realTime(ticks, median(plain))} real time`);
console.log(`baseline, first ${firstMinutes} ticks: the game stepped by hand with no recorder ${unrecorded.toFixed(0)} ms, replayed ${replayedFirst.toFixed(0)} ms: replay costs ${(replayedFirst / unrecorded).toFixed(2)}x the bare game`);
console.log('per wave (all runs of the session):');
for (const [wave, { ticks: n, ms }] of [...perWave(recording)].sort((a, b) => a[0] - b[0])) {
  console.log(`  wave ${wave}: ${n} ticks, ${(ms / n * 1000).toFixed(0)} µs/tick, ${realTime(n, ms)} real time`);
}

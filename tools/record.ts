// `npm run record -- run.loomrec [--minutes 10] [--seed 7] [--swarm 500]`: records the sample game headless, with the
// scripted player (game/sim/autopilot.ts) at the controls, restarting after each game over.
import { writeFileSync } from 'node:fs';
import { encodeRecording } from 'loom-threads';
import { playScripted, recordGame } from '../game/headless/session.ts';

const argv = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = argv.indexOf(`--${name}`);
  const value = at < 0 ? fallback : Number(argv[at + 1]);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} takes a number ≥ 0`);
  return value;
};
const file = argv.find((arg, i) => !arg.startsWith('--') && !argv[i - 1]?.startsWith('--'));
if (file === undefined) {
  console.log('Usage: npm run record -- <out.loomrec> [--minutes 10] [--seed 7] [--swarm 500]');
  process.exitCode = 2;
} else {
  const { sim, recorder } = recordGame({ seed: option('seed', 7), swarm: option('swarm', 500) });
  playScripted(sim, recorder, Math.round(option('minutes', 10) * 60 * 60));
  const bytes = encodeRecording(recorder.recording());
  writeFileSync(file, bytes);
  const { events, checkpoints } = recorder.recording();
  console.log(`${file}: ${sim.engine.tick} ticks, ${events.length} host events, ${checkpoints.length} checkpoints, ${bytes.length} bytes (${(bytes.length / 1024).toFixed(1)} KiB); wave ${sim.world.wave}, run ${sim.world.runs}`);
}

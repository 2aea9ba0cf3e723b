// `npm run bench:seek [-- --minutes 10 --seed 7 --swarm 500]`: how fast the replay page's timeline seeks, as
// simulated time per real time. It records a headless session of the sample game with the scripted player, then in
// headless Chromium (the replay page of a production build) seeks from tick 0 to its end, and reports the multiple
// of real time over the whole seek (frames included) and over the slices alone, beside a straight replay of the
// same recording in this Node process (the figure `npm run bench:replay` reports).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Replayer, encodeRecording } from 'loom-threads';
import { playScripted, recordGame } from '../game/headless/session.ts';
import { createGameSimulation } from '../game/headless/simulation.ts';
import { launchChromium, servePreview } from '../test/support/browser.ts';
import { numberOption } from './arguments.ts';

const minutes = numberOption('minutes', 10);
const seed = numberOption('seed', 7);
const swarm = numberOption('swarm', 500);
const quiet = (): void => {};

const { sim, recorder } = recordGame({ seed, swarm, onError: quiet });
playScripted(sim, recorder, minutes * 3600);
const recording = recorder.recording();
const ticks = recording.ticks;
const realTime = (ms: number): string => `${(ticks / 60 / (ms / 1000)).toFixed(0)}x`;

// As the replay page replays: checking every checkpoint.
const nodeStart = performance.now();
new Replayer(recording, (setup) => createGameSimulation(setup, { onError: quiet }), { verify: true }).runTo(ticks);
const nodeMs = performance.now() - nodeStart;

const preview = await servePreview();
const browser = await launchChromium();
try {
  await writeFile(join(preview.outDir, 'bench-seek.loomrec'), encodeRecording(recording));
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(`${preview.url}?replay=bench-seek.loomrec&paused`);
  await page.waitForSelector('body[data-ready]', { timeout: 60_000 });
  // Written as a string: the page runs it as it is, without this file's transpiler helpers.
  const seek = await page.evaluate<{ ms: number; sliceMs: number; frames: number; tick: number }>(`new Promise((resolve) => {
    const travel = window.loomReplay.travel;
    const runSlice = travel.runSlice.bind(travel);
    let sliceMs = 0;
    let frames = 0;
    travel.runSlice = (budget) => {
      const start = performance.now();
      try { return runSlice(budget); } finally { sliceMs += performance.now() - start; frames++; }
    };
    const start = performance.now();
    travel.seekTo(${ticks});
    const poll = () => {
      if (travel.seeking !== null) return requestAnimationFrame(poll);
      resolve({ ms: performance.now() - start, sliceMs, frames, tick: travel.tick });
    };
    requestAnimationFrame(poll);
  })`);
  console.log(`recording: seed ${seed}, swarm ${swarm}, ${ticks} ticks (${minutes} min)`);
  console.log(`Node, straight replay checking every checkpoint: ${nodeMs.toFixed(0)} ms = ${realTime(nodeMs)} real time`);
  console.log(`Chromium, timeline seek 0 → ${seek.tick}: ${seek.ms.toFixed(0)} ms over ${seek.frames} frames = ${realTime(seek.ms)} real time; ` +
    `the slices alone ${seek.sliceMs.toFixed(0)} ms = ${realTime(seek.sliceMs)}; Chromium's seek takes ${(seek.ms / nodeMs).toFixed(2)}x Node's replay`);
} finally {
  await browser.close();
  await preview.close();
}

import { readFileSync } from 'node:fs';
import { RecordingError, decodeRecording, formatDivergence, replayRecording } from 'loom-threads';
import { createGameSimulation } from '../game/headless/simulation.ts';

const USAGE = `Usage: npm run replay -- <recording> [--verify] [--until TICK] [--json]

Replays a recording of the sample game headless and prints the ticks run, ticks per second and the final state
hash. --verify compares the state hash at every checkpoint; at the first that differs it names the first thread
whose trace differs, with what it did in the recording and in the replay, and the scripts that called
Math.random, Date.now or performance.now. --until stops at a tick. --json prints one JSON object.
Exit code: 0 replayed (and verified), 1 diverged, 2 bad command line or unreadable recording.`;

interface ReplayArgs {
  file: string;
  verify: boolean;
  until: number | undefined;
  json: boolean;
}

/** Runs `npm run replay`; returns the exit code. */
export function runReplayCommand(argv: string[], out: (text: string) => void, now: () => number): number {
  let args: ReplayArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    out(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  try {
    const recording = decodeRecording(readFileSync(args.file));
    const start = now();
    const result = replayRecording(recording, (setup) => createGameSimulation(setup, { onError: () => {} }), { verify: args.verify, until: args.until });
    const seconds = (now() - start) / 1000;
    const ticks = result.ticks;
    const report = {
      ticks,
      ticksPerSecond: Math.round(ticks / seconds),
      realTime: Number((ticks / recording.header.tickRate / seconds).toFixed(1)),
      finalHash: result.finalHash,
      ...(args.verify && { checkpointsChecked: result.checked, divergence: result.divergence }),
    };
    if (args.json) out(JSON.stringify(report));
    else {
      out(`${ticks} ticks in ${seconds.toFixed(2)} s: ${report.ticksPerSecond} ticks/s, ${report.realTime}x real time; final hash ${result.finalHash}`);
      if (args.verify) out(result.divergence ? formatDivergence(result.divergence) : `verified: all ${result.checked} checkpoints match`);
    }
    return result.divergence ? 1 : 0;
  } catch (error) {
    if (!(error instanceof RecordingError) && (error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    out(`${args.file}: ${(error as Error).message}`);
    return 2;
  }
}

function parseArgs(argv: string[]): ReplayArgs {
  const args: ReplayArgs = { file: '', verify: false, until: undefined, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--verify') args.verify = true;
    else if (arg === '--json') args.json = true;
    else if (arg === '--until') {
      const tick = Number(argv[++i]);
      if (!Number.isSafeInteger(tick) || tick < 0) throw new Error(`--until takes a tick (a whole number ≥ 0), got ${argv[i]}`);
      args.until = tick;
    } else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else if (args.file === '') args.file = arg;
    else throw new Error(`one recording at a time (got ${args.file} and ${arg})`);
  }
  if (args.file === '') throw new Error('which recording? give its path');
  return args;
}

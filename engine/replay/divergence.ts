import { describeTrace, sameTrace, type ThreadTrace } from './thread-trace.ts';

/** The first thread whose trace differs between a recording and its replay. */
export interface ThreadDivergence {
  id: number;
  name: string;
  /** The tick it began doing something else: the earlier of the two ticks it parked in. */
  tick: number;
  /** What it did in the recorded run, and in the replay ('ended' if it was not alive). */
  recorded: string;
  replay: string;
}

/**
 * Where a replay left its recording: the first checkpoint whose state hash differs, the last one that matched,
 * and the first thread whose trace differs (null if the threads agree and only the world differs). A verifier
 * adds the nondeterministic calls scripts made (see guardNondeterminism) when it re-runs to the checkpoint.
 */
export interface Divergence {
  /** The first checkpoint tick whose hash differs. */
  tick: number;
  /** The last checkpoint tick that matched (0: none before). */
  lastGood: number;
  recordedHash: string;
  replayHash: string;
  thread: ThreadDivergence | null;
  /** Calls of Math.random, Date.now or performance.now made by scripts up to `tick`, e.g. `#5 jitter called Math.random at tick 12`. */
  nondeterministic: string[];
}

/**
 * The thread that diverged first: of the threads whose traces differ at a checkpoint, the one that started to
 * differ earliest (by the tick each side parked in), the lowest id first on a tie.
 *
 * @example
 * ```ts
 * firstDivergentThread(recordedTraces, traceThreads(engine)); // { id: 812, name: 'grunt', tick: 4410, ... }
 * ```
 */
export function firstDivergentThread(recorded: ReadonlyMap<number, ThreadTrace>, replay: ReadonlyMap<number, ThreadTrace>): ThreadDivergence | null {
  let first: ThreadDivergence | null = null;
  for (const id of new Set([...recorded.keys(), ...replay.keys()])) {
    const then = recorded.get(id);
    const now = replay.get(id);
    if (then !== undefined && now !== undefined && sameTrace(then, now)) continue;
    const tick = Math.min(then?.since ?? Infinity, now?.since ?? Infinity);
    if (first !== null && (tick > first.tick || (tick === first.tick && id > first.id))) continue;
    first = { id, name: (then ?? now)!.name, tick, recorded: describeTrace(then), replay: describeTrace(now) };
  }
  return first;
}

/**
 * The report a verifier prints, e.g.
 * `#812 grunt at tick 4410: recorded "sleep until 73.50 s in grunt", replay "until playerNear in grunt"`.
 */
export function formatDivergence(divergence: Divergence): string {
  const lines = [`diverged between tick ${divergence.lastGood} and tick ${divergence.tick}: state hash ${divergence.replayHash}, recorded ${divergence.recordedHash}`];
  const thread = divergence.thread;
  if (thread === null) lines.push('no recorded thread trace tells the runs apart: the world state differs, or the recording ends before its next traces');
  else lines.push(`#${thread.id} ${thread.name} at tick ${thread.tick}: recorded "${thread.recorded}", replay "${thread.replay}"`);
  for (const call of divergence.nondeterministic) lines.push(`nondeterministic: ${call}`);
  return lines.join('\n');
}

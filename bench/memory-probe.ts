// Weighs parked threads in a process of its own:
// `node --expose-gc --import tsx bench/memory-probe.ts engine N [callSites]` (callSites 'off' unless given).
// A fresh process keeps the figure clean: in a process that has run other benchmarks, stale references held by
// interpreter frames and leftover heap growth shift heapUsed by as much as the threads themselves weigh.
import type { CallSites } from 'loom-threads';
import { heapLimitBytes, settledBytes } from '../harness/memory.ts';
import { population, PROBE_SIDES, type ProbeSide } from './parked-population.ts';

/** What a probe prints, as JSON on one line. */
export interface ProbeResult {
  side: ProbeSide;
  count: number;
  /** Heap per parked thread (or bare generator), bodies not counted, bytes. */
  bytesPerThread: number;
  /** JS heap in use with them all parked, bodies included, bytes (what the heap limit applies to). */
  heapUsed: number;
  heapLimit: number;
}

function probe(side: ProbeSide, count: number, callSites: CallSites): ProbeResult {
  const steps = population(side, count, callSites);
  steps.next();
  const before = settledBytes();
  const check = steps.next().value as () => boolean;
  const after = settledBytes();
  if (!check()) throw new Error('memory probe: lost threads');
  return { side, count, bytesPerThread: (after - before) / count, heapUsed: process.memoryUsage().heapUsed, heapLimit: heapLimitBytes() };
}

const [side, countText, callSites = 'off'] = process.argv.slice(2);
const modes: readonly string[] = ['off', 'frames', 'waits'] satisfies CallSites[];
if (!(PROBE_SIDES as readonly string[]).includes(side!) || !(Number(countText) > 0) || !modes.includes(callSites)) {
  console.error(`usage: node --expose-gc --import tsx bench/memory-probe.ts ${PROBE_SIDES.join('|')} COUNT [off|frames|waits]`);
  process.exit(2);
}
console.log(JSON.stringify(probe(side as ProbeSide, Number(countText), callSites as CallSites)));

// Measures `frame` against its floor in a process of its own, the two populations built in the order asked:
// whichever is built second gets the better place in the heap (about 18% at 100k threads), so `npm run bench`
// measures both orders and reports their mean.
// Run: node --import tsx bench/frame-probe.ts engine-first|floor-first THREADS SCRIPTS ROUNDS
import { frameFloor, type Floor } from './floors.ts';
import { interleave, nsPerResume, type Paired } from './measure.ts';
import { Body, frameEngine } from '../harness/workloads.ts';

/** Which population is built first. */
export type BuildOrder = 'engine-first' | 'floor-first';

function bodies(threads: number): Body[] {
  return Body.placed(1, threads, new Float32Array(2 * threads));
}

/** What a probe prints, as JSON on one line: the medians of its rounds, and the ticks in each round. */
export interface FrameProbeResult extends Omit<Paired, 'rounds'> {
  ticks: number;
}

async function probe(order: BuildOrder, threads: number, scripts: number, rounds: number): Promise<FrameProbeResult> {
  let engine: { tick(): number };
  let floor: Floor;
  if (order === 'engine-first') {
    engine = frameEngine(bodies(threads), scripts);
    floor = frameFloor(bodies(threads), scripts);
  } else {
    floor = frameFloor(bodies(threads), scripts);
    engine = frameEngine(bodies(threads), scripts);
  }
  const ticks = Math.min(200, Math.max(3, Math.round(2e6 / threads))); // about 2M resumes a round
  const { engine: ns, floor: floorNs, ratio } = await interleave(rounds, () => nsPerResume(engine, ticks), () => nsPerResume(floor, ticks));
  return { engine: ns, floor: floorNs, ratio, ticks };
}

const [order, ...numbers] = process.argv.slice(2);
const [threads, scripts, rounds] = numbers.map(Number);
if ((order !== 'engine-first' && order !== 'floor-first') || ![threads, scripts, rounds].every((n) => Number.isInteger(n) && n! > 0)) {
  console.error('usage: node --import tsx bench/frame-probe.ts engine-first|floor-first THREADS SCRIPTS ROUNDS');
  process.exit(2);
}
console.log(JSON.stringify(await probe(order, threads!, scripts!, rounds!)));

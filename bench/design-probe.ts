// Measures one design of `sleepers` against its floor in a process of its own (see designs.ts): the floor is built
// first and the design second, for every design alike, since what is built second runs faster.
// Run: node --expose-gc --import tsx bench/design-probe.ts DESIGN THREADS ROUNDS SEED
import { Engine } from 'loom-threads';
import { sleepersRoundTicks } from './bench-cases.ts';
import { DESIGNS, FLOOR, type Design } from './design-builds.ts';
import { interleave, nsPerResume, type Paired } from './measure.ts';
import { collectGarbage } from '../harness/gc-watch.ts';
import { Body } from '../harness/workloads.ts';

/** What a probe prints, as JSON on one line: the medians of its rounds, and the ticks in each round. */
export interface DesignProbeResult extends Omit<Paired, 'rounds'> {
  ticks: number;
}

async function probe(design: Design, threads: number, rounds: number, seed: number): Promise<DesignProbeResult> {
  const built = ({ build }: Design) => build(Body.placed(seed, threads, new Float32Array(2 * threads)), new Engine({ seed }).random, seed);
  const floor = built(FLOOR);
  const measured = built(design);
  const ticks = sleepersRoundTicks(threads); // as the bench's sleepers rows
  for (let t = 0; t < ticks; t++) {
    floor.tick();
    measured.tick();
  }
  collectGarbage(); // both populations old before the first round, whatever their building left young
  const { engine, floor: floorNs, ratio } = await interleave(rounds, () => nsPerResume(measured, ticks), () => nsPerResume(floor, ticks));
  return { engine, floor: floorNs, ratio, ticks };
}

const [name, ...numbers] = process.argv.slice(2);
const [threads, rounds, seed] = numbers.map(Number);
const design = Object.hasOwn(DESIGNS, name ?? '') ? DESIGNS[name!]! : null;
if (design === null || ![threads, rounds, seed].every((n) => Number.isInteger(n) && n! > 0)) {
  console.error(`usage: node --expose-gc --import tsx bench/design-probe.ts DESIGN THREADS ROUNDS SEED (designs: ${Object.keys(DESIGNS).join(', ')})`);
  process.exit(2);
}
console.log(JSON.stringify(await probe(design, threads!, rounds!, seed!)));

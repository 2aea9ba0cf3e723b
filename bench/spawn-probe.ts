// Measures spawning against its floor in a process of its own: most of a spawn's cost is the collector's, moving
// 100,000 live threads out of the young generation, and what earlier cases left in the heap moved the figure by half.
// Run: node --expose-gc --import tsx bench/spawn-probe.ts direct|held THREADS ROUNDS SEED
import { Engine } from 'loom-threads';
import { runHeldFloor, runOnceFloor } from './floors.ts';
import { interleave, timed, type Paired } from './measure.ts';
import { Body } from '../harness/workloads.ts';

/** Which floor the engine is set beside: create and run each generator, or create them all and then run each. */
export type SpawnFloor = 'direct' | 'held';

/** What a probe prints, as JSON on one line: the medians of its rounds. */
export type SpawnProbeResult = Omit<Paired, 'rounds'>;

function* once(body: Body) {
  body.move();
}

async function probe(kind: SpawnFloor, count: number, rounds: number, seed: number): Promise<SpawnProbeResult> {
  const placed = Body.placed(seed, count, new Float32Array(2 * count));
  const engineRound = (): number => {
    const engine = new Engine({ seed });
    const { ms } = timed(() => {
      for (let i = 0; i < count; i++) engine.spawn(once, placed[i]!);
      engine.step();
    });
    if (engine.threadCount !== 0) throw new Error('spawn probe: threads left running');
    return (ms * 1e6) / count;
  };
  const floor = kind === 'direct' ? runOnceFloor : runHeldFloor;
  const { engine, floor: floorNs, ratio } = await interleave(rounds, engineRound, () => (timed(() => floor(placed)).ms * 1e6) / count);
  return { engine, floor: floorNs, ratio };
}

const [kind, ...numbers] = process.argv.slice(2);
const [threads, rounds, seed] = numbers.map(Number);
if ((kind !== 'direct' && kind !== 'held') || ![threads, rounds, seed].every((n) => Number.isInteger(n) && n! > 0)) {
  console.error('usage: node --expose-gc --import tsx bench/spawn-probe.ts direct|held THREADS ROUNDS SEED');
  process.exit(2);
}
console.log(JSON.stringify(await probe(kind, threads!, rounds!, seed!)));

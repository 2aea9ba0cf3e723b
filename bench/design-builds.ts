// The designs `npm run bench:designs` measures on `sleepers`, each with how its population is built and what it
// does: Loom itself, and the minimal engines (minimal-engines.ts) and floor set beside it; and the floor they are
// each measured against.
import { Engine, type Random } from 'loom-threads';
import { TICK_RATE } from './bench-cases.ts';
import { sleepersFloor, sleepersOpFloor, type Floor } from './floors.ts';
import { columnSleepers, recordSleepers } from './minimal-engines.ts';
import { sleeper, steppedLikeAFloor, type Body } from '../harness/workloads.ts';

/** A design measured, or the floor: how its population is built, and what it does, as the table says it. */
export interface Design {
  build: (bodies: readonly Body[], random: Random, seed: number) => Floor;
  what: string;
}

/** The floor every design is measured against: the goal's. */
export const FLOOR: Design = {
  build: (bodies, random) => sleepersFloor(bodies, random, TICK_RATE),
  what: 'a calendar queue of bare generators that yield their sleep',
};

/** The designs, by name, from no engine at all to Loom. */
export const DESIGNS: Record<string, Design> = {
  'op floor': {
    build: (bodies, random) => sleepersOpFloor(bodies, random, TICK_RATE),
    what: 'no engine: the floor, its scripts making an op per sleep and handing it over with `yield*`',
  },
  columns: {
    build: (bodies, random) => columnSleepers(bodies, random, TICK_RATE),
    what: 'a minimal engine keeping nothing of a waiting thread in a record: the wheel holds (slot, generation) pairs',
  },
  records: {
    build: (bodies, random) => recordSleepers(bodies, random, TICK_RATE),
    what: "a minimal engine of Loom's design: a record per thread, the wheel's lists linked through the records",
  },
  loom: { build: (bodies, _, seed) => loomSleepers(bodies, seed), what: 'the engine, as `npm run bench` runs it' },
};

/** `sleepers` on the engine, its ticks counted as a floor's. */
function loomSleepers(bodies: readonly Body[], seed: number): Floor {
  const engine = new Engine({ seed, tickRate: TICK_RATE });
  for (const body of bodies) engine.spawn(sleeper, body);
  return steppedLikeAFloor(engine);
}

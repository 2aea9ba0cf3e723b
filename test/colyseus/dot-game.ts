// A small game for the adapter's tests: each seat steers a dot along a line. The room writes the seats and moves
// where the input channel reads them; the arena script spawns a dot per taken seat and cancels it when the seat is
// given up (its finally logs the cleanup). A dot that reaches 13 fails, to exercise the room's error hook.
import { Engine, spawn, type Recorder, type Simulation, type SimulationSetup, type StateHasher, type Thread } from 'loom-threads';
import type { RoomGame } from 'loom-threads/colyseus';

export const SEATS = 3;

export class DotWorld {
  readonly seated: boolean[] = new Array<boolean>(SEATS).fill(false);
  readonly moves: number[] = new Array<number>(SEATS).fill(0);
  readonly dots: (number | null)[] = new Array<number | null>(SEATS).fill(null);
  readonly cleanedUp: number[] = [];
}

export interface DotSim extends Simulation {
  world: DotWorld;
}

function* dot(world: DotWorld, seat: number) {
  world.dots[seat] = 0;
  try {
    for (;;) {
      world.dots[seat]! += world.moves[seat]!;
      if (world.dots[seat] === 13) throw new Error('unlucky 13');
      yield;
    }
  } finally {
    world.dots[seat] = null;
    world.cleanedUp.push(seat);
  }
}

function* arena(world: DotWorld) {
  const threads: (Thread | null)[] = new Array<Thread | null>(SEATS).fill(null);
  for (;;) {
    for (let seat = 0; seat < SEATS; seat++) {
      const thread = threads[seat];
      if (world.seated[seat] && (thread === null || thread === undefined)) threads[seat] = yield* spawn({ detached: true }, dot, world, seat);
      else if (!world.seated[seat] && thread) {
        thread.cancel();
        threads[seat] = null;
      }
    }
    yield;
  }
}

export function createDotSimulation(setup: SimulationSetup): DotSim {
  const engine = new Engine({ seed: setup.seed, tickRate: setup.tickRate, onError: () => {} });
  const world = new DotWorld();
  return {
    engine,
    world,
    scripts: { arena },
    refs: { world },
    input: {
      size: 1 + SEATS,
      read: () => [world.seated.reduce((mask, taken, seat) => mask | (taken ? 1 << seat : 0), 0), ...world.moves],
      write: ([mask = 0, ...moves]) => {
        for (let seat = 0; seat < SEATS; seat++) {
          world.seated[seat] = (mask & (1 << seat)) !== 0;
          world.moves[seat] = moves[seat] ?? 0;
        }
      },
    },
    hashWorld: (h: StateHasher) => {
      for (const at of world.dots) h.int(at ?? -1);
    },
  };
}

/** The dots as a view: one signed byte per seat, -128 for none. */
function view(sim: DotSim): Uint8Array {
  return Int8Array.from(sim.world.dots, (at) => at ?? -128) as unknown as Uint8Array;
}

export const dotGame: RoomGame<DotSim> = {
  create: createDotSimulation,
  meta: { game: 'dots' },
  seats: SEATS,
  input: [{ name: 'move', min: -1, max: 1 }],
  neutral: [0],
  start: (recorder: Recorder<DotSim>) => void recorder.spawn(arena, recorder.sim.world),
  seat: (recorder, seat, taken) => {
    recorder.sim.world.seated[seat] = taken;
    if (!taken) recorder.sim.world.moves[seat] = 0;
  },
  apply: (recorder, seat, [move = 0]) => {
    recorder.sim.world.moves[seat] = move;
  },
  view: (sim) => new Uint8Array(view(sim).buffer),
};

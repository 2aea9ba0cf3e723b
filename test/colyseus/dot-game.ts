// A small game for the adapter's tests: each seat steers a dot along a line (dot-room-game.ts hosts it in a room,
// shown in docs/server.md). The room writes the seats and moves where the input channel reads them; the arena
// script spawns a dot per taken seat and cancels it when the seat is given up (its finally logs the cleanup). A dot
// that reaches 13 fails, to exercise the room's error hook.
import { Engine, spawn, type Simulation, type SimulationSetup, type StateHasher, type Thread } from 'loom-threads';

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

export function* arena(world: DotWorld) {
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
export function dotView(sim: DotSim): Uint8Array {
  return new Uint8Array(Int8Array.from(sim.world.dots, (at) => at ?? -128).buffer);
}

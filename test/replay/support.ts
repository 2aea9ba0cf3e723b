import { Engine, createSignal, type Recording, type Script, type Simulation, type SimulationSetup } from '../../engine/index.ts';
import { playScripted, recordGame } from '../../game/headless/session.ts';

/**
 * A small recordable simulation: `scripts` to spawn, a `bell` signal, one input slot (`input.value`), and a
 * world (`log`, an order array every script writes to) that the state hash covers.
 */
export function createLogSimulation(scripts: Record<string, Script>) {
  return (setup: SimulationSetup) => {
    const engine = new Engine({ seed: setup.seed, tickRate: setup.tickRate, onError: () => {} });
    const world = { log: [] as string[], input: 0 };
    const bell = createSignal<string>('bell');
    const sim: Simulation & { world: typeof world } = {
      engine,
      world,
      scripts,
      refs: { world, bell },
      signals: [bell],
      input: { size: 1, read: () => [world.input], write: ([value]) => void (world.input = value!) },
      hashWorld: (h) => {
        for (const line of world.log) h.string(line);
      },
    };
    return { sim, world, bell };
  };
}

/** A recording of `ticks` ticks of the sample game (60 critters) from `seed`, played by the scripted player. */
export function recordSampleGame(seed: number, ticks: number): Recording {
  const { sim, recorder } = recordGame({ seed, swarm: 60 });
  playScripted(sim, recorder, ticks);
  return recorder.recording();
}

/** A clock that moves 1 ms each time it is read: a slice of budget b runs exactly b ticks. */
export function steppingClock(): () => number {
  let ms = 0;
  return () => ms++;
}

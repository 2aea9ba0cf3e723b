import { Engine, createSignal, type Script, type Simulation, type SimulationSetup } from '../../engine/index.ts';

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

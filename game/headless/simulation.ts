import { Engine, type EngineOptions, type Simulation, type SimulationSetup } from 'loom-threads';
import { drill } from '../scripts/drill.ts';
import { game } from '../scripts/game.ts';
import { gameKinds } from '../scripts/kinds.ts';
import { crewInputChannel } from '../sim/crew-input-channel.ts';
import { inputChannel } from '../sim/input-channel.ts';
import { World } from '../sim/world.ts';
import { hashWorld } from '../sim/world-hash.ts';

/** The sample game as a recordable simulation, with its world at hand. */
export interface GameSimulation extends Simulation {
  world: World;
}

/**
 * Assembles the sample game for a recording's setup: an engine; a world given the game's kinds (`gameKinds()`), the
 * setup's swarm size and first wave (`meta.swarm`, `meta.wave`; `meta.seats` makes it co-op, as a server room
 * records it); the scripts to spawn (`game`, and the fault `drill`); the restart signal, the input and the world hash.
 * It spawns nothing: a recorder spawns `game` (and records it), and a replay spawns it from the recording.
 *
 * @example
 * ```ts
 * const sim = createGameSimulation({ seed: 7, tickRate: 60, meta: { swarm: 500, wave: 1 } });
 * const recorder = new Recorder(sim, { meta: { swarm: 500, wave: 1 } });
 * recorder.spawn(game, sim.world);
 * ```
 */
export function createGameSimulation(setup: SimulationSetup, options: Pick<EngineOptions, 'onError' | 'hotReload'> = {}): GameSimulation {
  const engine = new Engine({ ...options, seed: setup.seed, tickRate: setup.tickRate });
  const swarm = typeof setup.meta.swarm === 'number' ? setup.meta.swarm : undefined;
  const firstWave = typeof setup.meta.wave === 'number' ? setup.meta.wave : undefined;
  const seats = typeof setup.meta.seats === 'number' ? setup.meta.seats : undefined;
  const world = new World(engine, { kinds: gameKinds(), swarm, firstWave, seats });
  return {
    engine,
    world,
    scripts: { game, drill },
    refs: { world },
    signals: [world.restartRequested],
    input: world.coop ? crewInputChannel(world) : inputChannel(world.input),
    hashWorld: (h) => hashWorld(world, h),
  };
}

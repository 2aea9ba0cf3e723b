import { Recorder, type RecorderOptions } from 'loom-threads';
import { game } from '../scripts/game.ts';
import { autopilot } from '../sim/autopilot.ts';
import { createGameSimulation, type GameSimulation } from './simulation.ts';
import type { World } from '../sim/world.ts';

/** How a headless recorded game is set up. */
export interface SessionSetup {
  seed: number;
  swarm?: number;
  wave?: number;
  checkpointEvery?: RecorderOptions['checkpointEvery'];
  onError?: (error: unknown) => void;
  /** Made for hot reload (docs/hot-reload.md): the live game under `npm start`. */
  hotReload?: boolean;
}

/** Seconds the game-over screen shows before the scripted player restarts. */
const RESTART_AFTER = 3;

/**
 * Starts the sample game headless under a recorder, as the browser would: the game script spawned through the
 * recorder, so the recording holds it.
 *
 * @example
 * ```ts
 * const { sim, recorder } = recordGame({ seed: 7 });
 * playScripted(sim, recorder, 60 * 60);
 * ```
 */
export function recordGame(setup: SessionSetup): { sim: GameSimulation; recorder: Recorder<GameSimulation> } {
  const meta = { swarm: setup.swarm ?? 500, wave: setup.wave ?? 1 };
  const sim = createGameSimulation({ seed: setup.seed, tickRate: 60, meta }, { onError: setup.onError, hotReload: setup.hotReload });
  const recorder = new Recorder(sim, { meta, checkpointEvery: setup.checkpointEvery });
  recorder.spawn(game, sim.world);
  return { sim, recorder };
}

/**
 * Plays `ticks` ticks with the {@link autopilot} at the controls, restarting through the recorder three seconds
 * after each game over, as a player pressing R would.
 */
export function playScripted(sim: GameSimulation, recorder: Recorder, ticks: number, pilot: (world: World) => void = autopilot): void {
  const world = sim.world;
  for (let i = 0; i < ticks; i++) {
    pilot(world);
    if (wantsRestart(world)) recorder.emit(world.restartRequested);
    recorder.step();
    world.takeEvents();
  }
}

function wantsRestart(world: World): boolean {
  const player = world.player;
  return world.gameOver && player !== null && world.time - player.diedAt >= RESTART_AFTER && world.restartRequested.waiting > 0;
}

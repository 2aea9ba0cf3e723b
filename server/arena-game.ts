import type { Recorder } from 'loom-threads';
import type { RoomGame } from 'loom-threads/colyseus';
import { game } from '../game/scripts/game.ts';
import { MAX_SEATS } from '../game/sim/crew-input-channel.ts';
import type { InputState } from '../game/sim/input-state.ts';
import { createGameSimulation, type GameSimulation } from '../game/headless/simulation.ts';
import type { GameEvent } from '../game/sim/events.ts';
import type { World } from '../game/sim/world.ts';
import { encodeWorldView } from '../game/net/world-view.ts';

/** The buttons a client sends, one bit each, in this order (as the one player's recording keeps them). */
export const ARENA_BUTTONS = ['up', 'down', 'left', 'right', 'firing', 'dash'] as const;
/** Aims go in eighths of an arena unit. */
export const AIM_STEPS = 8;
/** Seconds the game-over screen shows before the room starts the next run. */
const RESTART_AFTER = 3;

/** How an arena room is set up. */
export interface ArenaOptions {
  /** Critters in a full swarm wave. Default 500. */
  swarm?: number;
  /** Players a room holds, 1 to 4. Default 4. */
  seats?: number;
}

/**
 * The sample game as a room: 2 to 4 ships in one arena, the waves and the boss run on the server only. A client's
 * input is its buttons (six bits) and its aim (eighths of an arena unit); each seat's input is written where the
 * co-op input channel reads it, so the room's recording replays with `npm run replay`. When every ship is down, the
 * room restarts the run three seconds later, through the recorder.
 *
 * @example
 * ```ts
 * server.define('arena', defineLoomRoom({ game: arenaGame({ swarm: 200 }) }));
 * ```
 */
export function arenaGame(options: ArenaOptions = {}): RoomGame<GameSimulation> {
  const seats = options.seats ?? MAX_SEATS;
  if (!Number.isInteger(seats) || seats < 1 || seats > MAX_SEATS) throw new RangeError(`an arena has 1 to ${MAX_SEATS} seats, not ${seats}`);
  const overSince = new WeakMap<World, number>();
  return {
    create: (setup) => createGameSimulation(setup),
    meta: { swarm: options.swarm ?? 500, wave: 1, seats },
    seats,
    input: [
      { name: 'buttons', min: 0, max: (1 << ARENA_BUTTONS.length) - 1 },
      { name: 'aimX', min: 0, max: 1120 * AIM_STEPS },
      { name: 'aimY', min: 0, max: 700 * AIM_STEPS },
    ],
    neutral: [0, 560 * AIM_STEPS, 350 * AIM_STEPS],
    start: (recorder) => void recorder.spawn(game, recorder.sim.world),
    seat(recorder, seat, taken) {
      const world = recorder.sim.world;
      world.seated[seat] = taken;
      if (!taken) writeInput(world.seats[seat]!, [0, 560 * AIM_STEPS, 350 * AIM_STEPS]);
    },
    apply: (recorder, seat, values) => writeInput(recorder.sim.world.seats[seat]!, values),
    afterTick: (recorder) => restartWhenOver(recorder, overSince),
    // The effects asked for since the last view go out with it, once: the room sends each view to every client.
    view: (sim, since) => encodeWorldView(sim.world, effectsAfter(sim.world, since)),
  };
}

// Taken all, sent only those of the ticks after `since`: a rebuilt room's world holds its whole past's effects.
function effectsAfter(world: World, since: number): GameEvent[] {
  const dt = world.engine.dt;
  return world.takeEvents().filter((event) => Math.round(event.time / dt) > since);
}

function writeInput(input: InputState, [buttons = 0, aimX = 0, aimY = 0]: readonly number[]): void {
  ARENA_BUTTONS.forEach((button, bit) => {
    input[button] = (buttons & (1 << bit)) !== 0;
  });
  input.aimX = aimX / AIM_STEPS;
  input.aimY = aimY / AIM_STEPS;
}

// The restart is the host's decision, like a player pressing R: it goes through the recorder, so replays have it.
function restartWhenOver(recorder: Recorder<GameSimulation>, overSince: WeakMap<World, number>): void {
  const world = recorder.sim.world;
  if (!world.gameOver) {
    overSince.delete(world);
    return;
  }
  const since = overSince.get(world) ?? world.time;
  overSince.set(world, since);
  if (world.time - since >= RESTART_AFTER && world.restartRequested.waiting > 0) recorder.emit(world.restartRequested);
}

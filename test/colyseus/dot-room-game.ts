import type { RoomGame } from 'loom-threads/colyseus';
import { SEATS, arena, createDotSimulation, dotView, type DotSim } from './dot-game.ts';

export const dotGame: RoomGame<DotSim> = {
  create: createDotSimulation,              // the engine, the world, scripts, input channel, world hash
  meta: { game: 'dots' },                    // kept in the recording's header
  seats: SEATS,                              // 3
  input: [{ name: 'move', min: -1, max: 1 }],
  neutral: [0],                              // a dropped client's seat, until it reconnects
  start: (recorder) => void recorder.spawn(arena, recorder.sim.world),
  seat: (recorder, seat, taken) => {
    recorder.sim.world.seated[seat] = taken;
    if (!taken) recorder.sim.world.moves[seat] = 0;
  },
  apply: (recorder, seat, [move = 0]) => {
    recorder.sim.world.moves[seat] = move;
  },
  view: dotView,                             // one signed byte per seat
};

import { script } from 'loom-threads';
import type { Entity } from '../sim/entity.ts';
import type { World } from '../sim/world.ts';
import { spawnEntity } from './lifecycle.ts';
import { PLAYER } from './player.ts';
import { hotScripts } from './hot-modules.ts';

/** Space between the ships of neighbouring seats when they appear. */
const SEAT_SPACING = 80;

/**
 * Co-op: keeps one ship in the arena for each taken seat. A seat taken gets its ship at once (mid-wave too); a seat
 * given up loses it (killed: its thread is cancelled and its death plays); a ship shot down stays down until the next
 * run. Returns when every taken seat has lost its ship: the game is over.
 *
 * @example
 * ```ts
 * yield* spawn(physics, world);
 * const waves = yield* spawn(director, world);
 * yield* crew(world);
 * world.gameOver = true;
 * ```
 */
export const crew = script(function* crew(world: World) {
  const ships: (Entity | null)[] = world.seats.map(() => null);
  const downed: boolean[] = world.seats.map(() => false);
  for (;;) {
    let seated = 0;
    let flying = 0;
    for (let seat = 0; seat < ships.length; seat++) {
      let ship = ships[seat] ?? null;
      if (!world.seated[seat]) {
        if (ship?.alive) world.kill(ship, false);
        ships[seat] = null;
        downed[seat] = false;
        continue;
      }
      seated++;
      if (ship !== null && !ship.alive) {
        ships[seat] = ship = null;
        downed[seat] = true;
      }
      if (ship === null && !downed[seat]) ships[seat] = ship = yield* launch(world, seat);
      if (ship?.alive) flying++;
    }
    if (seated > 0 && flying === 0) return;
    yield;
  }
});

const launch = script(function* launch(world: World, seat: number) {
  const { width, height } = world.arena;
  const ship = yield* spawnEntity(world, PLAYER, width / 2 + (seat - (world.seats.length - 1) / 2) * SEAT_SPACING, height / 2);
  ship.seat = seat; // before its script first runs, later this tick
  return ship;
});

// An edit of this file restarts the threads running its scripts on the new code (docs/hot-reload.md).
if (import.meta.hot) {
  import.meta.hot.accept();
  hotScripts.update(import.meta.hot.data, { crew, launch });
}

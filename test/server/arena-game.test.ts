// The sample game in co-op, as a room runs it, stepped by hand: no network, no wall clock.
import { gameKinds } from '../../game/scripts/kinds.ts';
import { describe, expect, it } from 'vitest';
import { Engine, replayRecording, restore } from 'loom-threads';
import { RoomSession } from 'loom-threads/colyseus';
import { applyWorldView } from '../../game/net/world-view.ts';
import { crewInputChannel } from '../../game/sim/crew-input-channel.ts';
import { createGameSimulation, type GameSimulation } from '../../game/headless/simulation.ts';
import { World } from '../../game/sim/world.ts';
import { arenaGame } from '../../server/arena-game.ts';

const FIRING = 1 << 4;

/** How many effects a view carries, as a client's mirror world reads them. */
function effectsIn(view: Uint8Array, tick: number): number {
  const mirror = new World(new Engine({ seed: 1 }), { kinds: gameKinds(), seats: 4 });
  applyWorldView(view, mirror, tick, 0);
  return mirror.takeEvents().length;
}

function run(session: RoomSession<GameSimulation>, ticks: number): void {
  for (let i = 0; i < ticks; i++) session.step();
}

describe('the arena game', () => {
  it("keeps each seat's taken bit, buttons and aim through the co-op input channel", () => {
    const world = new World(new Engine({ seed: 1 }), { kinds: gameKinds(), seats: 4 });
    const channel = crewInputChannel(world);
    world.seated[1] = world.seated[3] = true;
    world.seats[3]!.firing = world.seats[3]!.up = true;
    world.seats[1]!.aimX = 1120;
    world.seats[1]!.aimY = 0.125;
    world.seats[0]!.aimX = -50; // kept inside the arena
    const sample = channel.read();
    const other = new World(new Engine({ seed: 1 }), { kinds: gameKinds(), seats: 4 });
    crewInputChannel(other).write(sample);
    expect(other.seated).toEqual([false, true, false, true]);
    expect(other.seats.map((s) => [s.up, s.firing, s.aimX, s.aimY])).toEqual([
      [false, false, 0, world.seats[0]!.aimY], [false, false, 1120, 0.125], [false, false, 560, 350], [true, true, 560, 350],
    ]);
    expect(() => crewInputChannel(new World(new Engine({ seed: 1 }), { kinds: gameKinds(), seats: 5 }))).toThrow(/at most 4 seats/);
  });

  it('a ship per taken seat; when every ship is down the game is over, and three seconds later the room restarts it', () => {
    const session = new RoomSession(arenaGame({ swarm: 20 }), { roomId: 'r', seed: 3 });
    const world = session.sim.world;
    session.takeSeat();
    session.takeSeat();
    run(session, 2);
    const [first, second] = world.players;
    expect([first!.seat, second!.seat]).toEqual([0, 1]);
    world.kill(first!, false); // by hand, not recorded: this session's recording would not replay
    run(session, 2);
    expect(world.gameOver).toBe(false);
    world.kill(second!, false);
    run(session, 2);
    expect(world.gameOver).toBe(true);
    expect(world.runs).toBe(1);
    run(session, 3 * 60 + 120); // the restart, then the run's threads end and a new run begins
    expect(world.runs).toBe(2);
    expect(world.gameOver).toBe(false);
    expect(world.players.map((ship) => ship.seat)).toEqual([0, 1]);
  });

  it('a seat taken mid-wave gets a ship at once; a seat given up loses its ship', () => {
    const session = new RoomSession(arenaGame({ swarm: 20 }), { roomId: 'r', seed: 3 });
    const world = session.sim.world;
    session.takeSeat();
    run(session, 600);
    expect(world.hostileCount).toBeGreaterThan(0);
    expect(session.takeSeat()).toBe(1);
    run(session, 1);
    const late = world.players.find((ship) => ship.seat === 1)!;
    expect(late.alive).toBe(true);
    session.freeSeat(1);
    run(session, 1);
    expect(late.alive).toBe(false);
    run(session, 80);
    expect(late.removed).toBe(true);
    expect(world.players.map((ship) => ship.seat)).toEqual([0]);
    expect(replayRecording(session.recording(), createGameSimulation, { verify: true }).divergence).toBeNull();
  });
  it('a room rebuilt from its log sends in its first view the effects of the ticks since the view before, as the room it replaces would have, not its whole past', () => {
    const game = arenaGame({ swarm: 20 });
    const session = new RoomSession(game, { roomId: 'r', seed: 3 });
    session.takeSeat();
    session.takeSeat();
    session.queue(0, 1, [FIRING, 560 * 8, 0]);
    session.queue(1, 1, [FIRING, 0, 350 * 8]);
    let effects = 0;
    // As a room runs it: a view every 2 ticks, each taking the effects asked for since the one before.
    const tick = (room: RoomSession<GameSimulation>): Uint8Array | null => {
      room.step();
      return room.tick % 2 === 0 ? room.game.view(room.sim, room.tick - 2) : null;
    };
    for (let i = 0; i < 601; i++) {
      // The seats go idle before the rebuild, as a rebuilt room keeps them until their players rejoin.
      if (i === 560) for (const seat of [0, 1]) session.queue(seat, 2, game.neutral);
      const view = tick(session);
      if (view !== null) effects += effectsIn(view, session.tick);
    }
    expect(effects).toBeGreaterThan(0); // the past has effects a rebuilt room re-simulates
    // Rebuilt at an odd tick, as the durable room does: tick 601's effects belong to the view of tick 602.
    const rebuilt = new RoomSession(arenaGame({ swarm: 20 }), { roomId: 'r', seed: 3 }, { recorder: restore(session.recording(), createGameSimulation), taken: [true, true, false, false] });
    for (let i = 0; i < 40; i++) {
      const [view, again] = [tick(session), tick(rebuilt)];
      expect(again, `the view of tick ${rebuilt.tick}`).toEqual(view);
    }
  });
});

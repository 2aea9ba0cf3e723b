// The co-op view's codec on a headless room: what a client's mirror world gets from the bytes, effects and HUD
// figures included, stepped by hand.
import { describe, expect, it } from 'vitest';
import { Engine } from 'loom-threads';
import { RoomSession } from 'loom-threads/colyseus';
import { MAX_VIEW_EVENTS } from '../../game/net/event-view.ts';
import { applyWorldView, encodeWorldView } from '../../game/net/world-view.ts';
import { gameKinds } from '../../game/scripts/kinds.ts';
import type { GameEvent } from '../../game/sim/events.ts';
import { MAX_EVENTS, World } from '../../game/sim/world.ts';
import { arenaGame } from '../../server/arena-game.ts';

function room(): RoomSession<ReturnType<ReturnType<typeof arenaGame>['create']>> {
  const session = new RoomSession(arenaGame({ swarm: 20 }), { roomId: 'view', seed: 3 });
  session.takeSeat();
  session.takeSeat();
  for (let i = 0; i < 30; i++) session.step();
  return session;
}

function mirror(): World {
  return new World(new Engine({ seed: 0 }), { kinds: gameKinds(), seats: 4 });
}

describe('the co-op world view', () => {
  it('carries the effects asked for since the last view, each at the tick it was asked for', () => {
    const session = room();
    const world = session.sim.world;
    world.takeEvents();
    world.emit({ type: 'burst', x: 100.3, y: 200, color: 0xff3050, count: 14, speed: 220 });
    world.emit({ type: 'shake', amount: 9 });
    session.step();
    world.emit({ type: 'ring', x: 500, y: 300, radius: 150, color: 0xb6f23a, to: [{ x: 510, y: 320 }, { x: 480.5, y: 290 }] });
    world.emit({ type: 'score', x: 40, y: 60, points: 25 });
    world.emit({ type: 'ricochet', x: -3, y: 10 }); // a spark just past the wall is drawn at the wall
    session.step();
    const tick = session.tick;
    const sent = world.takeEvents();
    const client = mirror();
    applyWorldView(encodeWorldView(world, sent), client, tick, 0);
    const dt = 1 / 60;
    const at = (ticksAgo: number): number => (tick - ticksAgo) * dt;
    expect(client.takeEvents()).toEqual<GameEvent[]>([
      { type: 'burst', time: at(2), x: 100.25, y: 200, color: 0xff3050, count: 14, speed: 220 },
      { type: 'shake', time: at(2), amount: 9 },
      { type: 'ring', time: at(1), x: 500, y: 300, radius: 150, color: 0xb6f23a, to: [{ x: 510, y: 320 }, { x: 480.5, y: 290 }] },
      { type: 'score', time: at(1), x: 40, y: 60, points: 25 },
      { type: 'ricochet', time: at(1), x: 0, y: 10 },
    ]);
    expect(sent.map((e) => e.time)).toEqual([at(2), at(2), at(1), at(1), at(1)]);
  });

  it('the room sends each effect once: its view takes them from the world', () => {
    const session = room();
    const world = session.sim.world;
    world.takeEvents();
    world.emit({ type: 'shake', amount: 4 });
    const client = mirror();
    applyWorldView(session.game.view(session.sim, session.tick - 2), client, session.tick, 0);
    applyWorldView(session.game.view(session.sim, session.tick - 2), client, session.tick, 0);
    expect(client.takeEvents().map((e) => e.type)).toEqual(['shake']);
    expect(world.events).toEqual([]);
  });

  it('a world nobody takes effects from (a room re-simulating its log) keeps the latest MAX_EVENTS, so its next view has the newest', () => {
    const world = room().sim.world;
    world.takeEvents();
    for (let i = 0; i <= MAX_EVENTS; i++) world.emit({ type: 'score', x: i, y: 0, points: 1 });
    expect(world.events.length).toBe(MAX_EVENTS);
    expect(world.events.map((e) => (e.type === 'score' ? e.x : -1))).toEqual(Array.from({ length: MAX_EVENTS }, (_, i) => i + 1));
  });

  it('keeps at most MAX_VIEW_EVENTS effects a view', () => {
    const session = room();
    const events = Array.from({ length: MAX_VIEW_EVENTS + 40 }, (_, i): GameEvent => ({ type: 'score', time: 0.5, x: i, y: 0, points: 1 }));
    const client = mirror();
    applyWorldView(encodeWorldView(session.sim.world, events), client, session.tick, 0);
    expect(client.takeEvents().map((e) => (e.type === 'score' ? e.x : -1))).toEqual(events.slice(0, MAX_VIEW_EVENTS).map((_, i) => i));
  });

  it("gives the HUD the server's live and idle threads", () => {
    const session = room();
    const client = mirror();
    const figures = applyWorldView(encodeWorldView(session.sim.world), client, session.tick, 1);
    expect(figures.threads).toBe(session.sim.engine.threadCount);
    expect(figures.threads).toBeGreaterThan(2);
    expect(client.idleThreads).toBe(session.sim.world.idleThreads);
    expect(client.idleThreads).toBeGreaterThan(0);
    expect(figures.ships.slice(0, 2)).toEqual(session.sim.world.players.map((ship) => ship.id));
    expect(client.player?.id).toBe(figures.ships[1]);
  });

  it('counts the players holding seats, with or without a ship: a ship down between lives keeps its player', () => {
    const session = room();
    const client = mirror();
    expect(applyWorldView(encodeWorldView(session.sim.world), client, session.tick, 0).players).toBe(2);
    expect(client.seated).toEqual([true, true, false, false]);
    session.sim.world.players.length = 0; // both ships down
    expect(applyWorldView(encodeWorldView(session.sim.world), client, session.tick, 0).players).toBe(2);
  });

  it('a view cut short is refused with a RangeError naming where it ends', () => {
    const session = room();
    const bytes = encodeWorldView(session.sim.world);
    expect(() => applyWorldView(bytes.subarray(0, bytes.length - 1), mirror(), session.tick, 0))
      .toThrow(new RangeError(`the view is truncated: it ends inside its effects (${bytes.length - 1} bytes)`));
  });
});

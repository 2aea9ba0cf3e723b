import { describe, expect, it } from 'vitest';
import { SIGHT, grunt } from '../../game/scripts/grunt.ts';
import { GRUNT_SQUAD } from '../../game/sim/entity.ts';
import { RADIO_RANGE, scout } from '../../game/scripts/scout.ts';
import type { GameEvent } from '../../game/sim/events.ts';
import { createTestWorld, launch, standInPlayer, stepUntil } from './support.ts';

type Ring = Extract<GameEvent, { type: 'ring' }>;

describe('scout', () => {
  it("sends the player's position to a grunt out of sight; the grunt hunts from the next tick", () => {
    const { engine, world, errors } = createTestWorld({ physics: false });
    const player = standInPlayer(world, 700, 400);
    const g = launch(world, 'grunt', 200, 400, grunt);
    launch(world, 'scout', 450, 400, scout);
    expect(Math.hypot(player.x - g.x, player.y - g.y)).toBeGreaterThan(SIGHT);

    const pings: Ring[] = [];
    stepUntil(engine, () => {
      pings.push(...world.takeEvents().filter((e): e is Ring => e.type === 'ring'));
      return pings.length > 0;
    });
    // The tick the scout sends, the grunt's listener thread receives the report.
    expect(pings[0]!.to).toEqual([{ x: g.x, y: g.y }]);
    expect(g.lead).toMatchObject({ x: 700, y: 400, from: { x: 450, y: 400 }, range: RADIO_RANGE });
    expect(g.mode).toBe('patrol');
    engine.step();
    expect(g.mode).toBe('chase');
    expect(g.lead).toBe(null);
    expect(errors).toEqual([]);
  });

  it('reaches only the grunts within radio range', () => {
    const { engine, world } = createTestWorld({ physics: false });
    standInPlayer(world, 560, 100);
    const near = launch(world, 'grunt', 560 - RADIO_RANGE + 20, 650, grunt);
    const far = launch(world, 'grunt', 560 + RADIO_RANGE + 20, 650, grunt);
    launch(world, 'scout', 560, 650, scout);
    stepUntil(engine, () => near.lead !== null);
    expect(far.lead).toBe(null);
  });

  it("listens on the grunts' squad group, and takes only sightings radioed from within range", () => {
    const { engine, world } = createTestWorld({ physics: false });
    const g = launch(world, 'grunt', 200, 400, grunt);
    engine.step();
    const [ears] = engine.members(GRUNT_SQUAD);
    expect(ears!.parent).toBe(g.thread);
    const from = { x: 200 + RADIO_RANGE + 1, y: 400 };
    expect(engine.broadcast(GRUNT_SQUAD, { x: 1, y: 2, scout: 9, from, range: RADIO_RANGE })).toBe(1);
    engine.step();
    expect(g.lead).toBe(null); // out of range: not heard
    engine.broadcast(GRUNT_SQUAD, { x: 3, y: 4, scout: 9, from: { x: 210, y: 400 }, range: RADIO_RANGE });
    engine.step();
    expect(g.lead).toMatchObject({ x: 3, y: 4 });
    world.kill(g, false);
    stepUntil(engine, () => g.removed);
    expect(engine.members(GRUNT_SQUAD)).toEqual([]);
  });
});

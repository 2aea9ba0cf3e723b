import { describe, expect, expectTypeOf, it } from 'vitest';
import { send, type Thread } from '../../engine/index.ts';
import { SIGHT, grunt } from '../../game/scripts/grunt.ts';
import type { Sighting } from '../../game/sim/entity.ts';
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
    expect(g.lead).toEqual({ x: 700, y: 400, scout: expect.any(Number) });
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

  it("types a grunt's inbox: only a Sighting can be sent to it", () => {
    const { engine, world } = createTestWorld({ physics: false });
    const g = launch(world, 'grunt', 200, 400, grunt);
    engine.step();
    expectTypeOf(g.inbox).toEqualTypeOf<Thread<unknown, Sighting> | null>();
    // @ts-expect-error -- a sighting names its scout
    send(g.inbox!, { x: 1, y: 2 });
    send(g.inbox!, { x: 3, y: 4, scout: 9 });
    engine.step();
    expect(g.lead).toEqual({ x: 3, y: 4, scout: 9 }); // the listener took both, in order
  });
});

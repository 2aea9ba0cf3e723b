import { describe, expect, it } from 'vitest';
import { BANNER_SECONDS, director, FLANK_DISTANCE, FLANK_ORDER } from '../../game/scripts/director.ts';
import { AT_SLOT, FLANK_PATIENCE, grunt, SIGHT, slotPoint } from '../../game/scripts/grunt.ts';
import type { Entity } from '../../game/sim/entity.ts';
import { within } from '../../game/sim/geometry.ts';
import { createTestWorld, launch, standInPlayer, stepUntil } from './support.ts';

/** What a grunt's hunt waits on (the hunt runs in its own branch, under the hunt's `timeout`). */
function huntWaitingOn(g: Entity): string {
  return g.thread!.children.find((t) => t.frames.includes('hunt'))?.waitingOn ?? 'no hunt';
}

function createDirectedWorld() {
  const test = createTestWorld({ swarm: 20 });
  const player = standInPlayer(test.world, 560, 350);
  const thread = test.engine.spawn(director, test.world);
  return { ...test, player, thread };
}

describe('grunts calling the director for a flanking slot', () => {
  it('get the slots in the order they call, and wind up from their slot, not from straight ahead', () => {
    const { engine, world, player, errors } = createDirectedWorld();
    stepUntil(engine, () => world.hostileCount > 0);
    const grunts = world.entities.filter((e) => e.kind === 'grunt');
    const callers = [grunts[2]!, grunts[0]!, grunts[1]!];
    for (const g of callers) {
      g.lead = { x: player.x, y: player.y }; // a scout's tip: the hunt starts next tick, with a call
      // The tick the hunt starts it calls; the director, in its wave, takes the request and replies the next.
      expect(stepUntil(engine, () => g.flank !== null)).toBe(2);
      expect(g.mode).toBe('chase');
    }
    expect(callers.map((g) => g.flank)).toEqual(FLANK_ORDER.slice(0, 3).map((sixths, index) => ({ index, angle: (sixths * Math.PI) / 3, distance: FLANK_DISTANCE })));

    const windups: string[] = [];
    stepUntil(engine, () => {
      for (const g of callers) {
        if (g.mode !== 'windup' || windups.some((w) => w.startsWith(`#${g.id} `))) continue;
        const side = [Math.sign(Math.round((g.x - player.x) / AT_SLOT)), Math.sign(Math.round((g.y - player.y) / AT_SLOT))];
        windups.push(`#${g.id} slot ${g.flank!.index} at [${side}] ${within(g, slotPoint(world, player, g.flank!), AT_SLOT) ? 'in its slot' : 'ELSEWHERE'}`);
      }
      return windups.length === callers.length;
    });
    // Each winds up in its slot: right of the player, left of him, below right; never straight in from where it stood.
    expect(windups.sort()).toEqual(callers.map((g, i) => `#${g.id} slot ${i} at [${[[1, 0], [-1, 0], [1, 1]][i]}] in its slot`).sort());
    expect(errors).toEqual([]);
  });

  it('a grunt carries on straight at the player when the director is busy, and its late call takes no slot', () => {
    const { engine, world, player, thread, errors } = createDirectedWorld();
    engine.step();
    expect(world.banner?.text).toBe('WAVE 1'); // the director sleeps through its banner: its mailbox waits
    expect(thread.waitingOn).toMatch(/^sleep/);
    const early = launch(world, 'grunt', player.x - SIGHT + 1, player.y, grunt);
    stepUntil(engine, () => early.mode === 'chase'); // it sees the player and calls
    expect(early.mode).toBe('chase');
    expect(early.target).toBe(player); // chasing him meanwhile
    const calling = `call ${thread.label}, timeout at ${(world.time + FLANK_PATIENCE).toFixed(2)} s`;
    expect(huntWaitingOn(early)).toBe(calling);
    const waited = stepUntil(engine, () => huntWaitingOn(early) !== calling);
    expect(waited).toBe(FLANK_PATIENCE * 60);
    expect(early.flank).toBe(null);
    expect(early.target).toBe(player);

    stepUntil(engine, () => world.banner === null); // the wave comes; the desk finds the stale call first
    const next = world.entities.find((e) => e.kind === 'grunt' && e !== early)!;
    next.lead = { x: player.x, y: player.y };
    stepUntil(engine, () => next.flank !== null);
    expect(next.flank!.index).toBe(0);
    expect(engine.tick).toBeGreaterThan(BANNER_SECONDS * 60);
    expect(errors).toEqual([]);
  });

  it('a grunt with no director to ask makes no call and goes straight at the player', () => {
    const { engine, world, errors } = createTestWorld();
    const player = standInPlayer(world, 560, 350);
    const g = launch(world, 'grunt', player.x - SIGHT + 1, player.y, grunt);
    stepUntil(engine, () => g.mode === 'chase');
    expect(huntWaitingOn(g)).toBe('until inLungeRange');
    expect(g.flank).toBe(null);
    expect(errors).toEqual([]);
  });
});

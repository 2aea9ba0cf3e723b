import { describe, expect, it } from 'vitest';
import { BROOD_RESPAWNS, BROOD_SIZE, LAY_INTERVAL, OPEN_SECONDS, RESPAWN_DELAY, REST_SECONDS, hive } from '../../game/scripts/hive.ts';
import { BROOD } from '../../game/scripts/brood.ts';
import type { Thread } from '../../engine/index.ts';
import { createTestWorld, launch, stepUntil } from './support.ts';

describe('hive', () => {
  it('opens, lays its brood, and closes OPEN_SECONDS after the last one', () => {
    const { engine, world } = createTestWorld({ physics: false });
    const h = launch(world, 'hive', 560, 350, hive);
    engine.step();
    expect(h.open).toBe(true);
    const open = stepUntil(engine, () => !h.open);
    expect(open).toBe(BROOD_SIZE * LAY_INTERVAL * 60 + OPEN_SECONDS * 60);
    expect(world.entities.filter((e) => e.kind === 'brood')).toHaveLength(BROOD_SIZE);
    expect(h.armoured).toBe(true);
  });

  it('lays a killed broodling again after its back-off, a new thread under the same name', () => {
    const { engine, world, errors } = createTestWorld({ physics: false });
    const h = launch(world, 'hive', 560, 350, hive);
    stepUntil(engine, () => !h.open && world.time > 1);
    const first = engine.whereis(`hive:${h.id}/brood:0`)!;
    world.kill(world.entities.find((e) => e.thread === first)!, true);
    const named = (): Thread | null => engine.whereis(`hive:${h.id}/brood:0`);
    const relaid = stepUntil(engine, () => named() !== null && named() !== first);
    // One tick for the cancel to be taken up, the broodling's death, then the back-off.
    expect(relaid).toBe(1 + BROOD.stats.dies * 60 + RESPAWN_DELAY * 60);
    expect(engine.whereis(`hive:${h.id}/brood:0`)).not.toBe(first);
    expect(world.entities.filter((e) => e.kind === 'brood')).toHaveLength(BROOD_SIZE);
    expect(errors).toEqual([]);
  });

  it('gives up after BROOD_RESPAWNS within RESPAWN_PERIOD: the brood bursts, the hive rests, then lays a new one', () => {
    const { engine, world, errors } = createTestWorld({ physics: false });
    const h = launch(world, 'hive', 560, 350, hive);
    stepUntil(engine, () => !h.open && world.time > 1);
    for (let death = 0; death <= BROOD_RESPAWNS; death++) {
      const brood = world.entities.filter((e) => e.kind === 'brood' && e.alive);
      world.kill(brood[0]!, true);
      stepUntil(engine, () => brood[0]!.removed);
    }
    expect(h.open).toBe(false);
    const spent = stepUntil(engine, () => world.entities.every((e) => e.kind !== 'brood'));
    expect(spent).toBe(BROOD.stats.dies * 60); // the others burst together when the supervisor gives up
    const reopened = stepUntil(engine, () => h.open);
    expect(reopened).toBe(REST_SECONDS * 60); // the supervisor ended with its last child: the hive rests from then
    expect(world.entities.filter((e) => e.kind === 'brood')).toHaveLength(1); // the first is laid as it opens
    stepUntil(engine, () => !h.open);
    expect(world.entities.filter((e) => e.kind === 'brood')).toHaveLength(BROOD_SIZE); // a new brood
    expect(errors).toEqual([]);
  });

  it('takes its brood with it when it dies: they are its child threads', () => {
    const { engine, world } = createTestWorld({ physics: false });
    const h = launch(world, 'hive', 560, 350, hive);
    stepUntil(engine, () => !h.open && world.time > 1);
    const brood = world.entities.filter((e) => e.kind === 'brood');
    world.kill(h, true);
    stepUntil(engine, () => h.removed);
    expect(brood.map((b) => b.thread!.cancelling)).toEqual(brood.map(() => true));
    stepUntil(engine, () => brood.every((b) => b.removed));
    expect(world.entities).toEqual([]);
    expect(engine.threadCount).toBe(0);
  });
});

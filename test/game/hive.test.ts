import { describe, expect, it } from 'vitest';
import { BROOD_SIZE, LAY_INTERVAL, OPEN_SECONDS, REST_SECONDS, hive } from '../../game/scripts/hive.ts';
import { BROOD } from '../../game/scripts/brood.ts';
import { createTestWorld, launch, stepUntil, steps } from './support.ts';

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

  it('opens again only after its last broodling has died, and REST_SECONDS later', () => {
    const { engine, world, errors } = createTestWorld({ physics: false });
    const h = launch(world, 'hive', 560, 350, hive);
    stepUntil(engine, () => !h.open && world.time > 1);
    const brood = world.entities.filter((e) => e.kind === 'brood');

    for (const child of brood.slice(0, -1)) world.kill(child, true);
    steps(engine, 600);
    expect(h.open).toBe(false);

    world.kill(brood.at(-1)!, true);
    const reopened = stepUntil(engine, () => h.open);
    // One tick for the cancel to be taken up, the broodling's death, then the rest.
    expect(reopened).toBe(1 + BROOD.stats.dies * 60 + REST_SECONDS * 60);
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

import { describe, expect, it } from 'vitest';
import { Engine, type Thread } from '../../engine/index.ts';
import { grunt } from '../../game/scripts/grunt.ts';
import { perish } from '../../game/scripts/lifecycle.ts';
import type { Entity } from '../../game/sim/entity.ts';
import { physics } from '../../game/sim/physics.ts';
import { World } from '../../game/sim/world.ts';
import { gameKinds } from '../../game/scripts/kinds.ts';
import { launch, standInPlayer, steps } from './support.ts';

/** A world whose engine restarts threads on hot reload, with the errors it reports. */
function hotWorld() {
  const errors: { error: unknown; thread: string }[] = [];
  const engine = new Engine({ seed: 1, hotReload: true, onError: (error, thread) => errors.push({ error, thread: thread.label }) });
  const world = new World(engine, { kinds: gameKinds() });
  world.beginRun();
  engine.spawn(physics, world);
  standInPlayer(world, 1000, 600); // out of the grunt's sight: it patrols
  return { engine, world, errors };
}

/** An edit of the grunt that throws as it begins, inside the `try` whose `finally` calls perish. */
function* gruntThatThrows(world: World, self: Entity) {
  try {
    throw new Error('the edited grunt throws');
  } finally {
    yield* perish(world, self);
  }
}

/** A behaviour-preserving edit of the grunt: new code, the same behaviour. */
function* gruntEdited(world: World, self: Entity) {
  yield* grunt(world, self);
}

describe('entity lifecycle under hot reload', () => {
  it("a reload's cancel plays no death: the entity stays in the world and the restarted thread drives it", () => {
    const { engine, world, errors } = hotWorld();
    const g = launch(world, 'grunt', 200, 200, grunt);
    const thread = g.thread!;
    steps(engine, 30);
    engine.reload([{ from: grunt, to: gruntEdited }]);
    steps(engine, 2);
    expect([g.alive, g.removed, world.entities.includes(g), world.hostileCount]).toEqual([true, false, true, 1]);
    expect([g.thread, thread.reloads, thread.alive]).toEqual([thread, 1, true]);
    const at = { x: g.x, y: g.y };
    steps(engine, 60);
    expect(g.mode).toBe('patrol');
    expect({ x: g.x, y: g.y }).not.toEqual(at); // patrolling again, on the new code
    expect(world.takeEvents().filter((event) => event.type === 'burst')).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('a restarted script that throws as it begins is held without a death; after the fix its thread drives the same entity', () => {
    const { engine, world, errors } = hotWorld();
    const g = launch(world, 'grunt', 200, 200, grunt);
    const thread = g.thread!;
    steps(engine, 30);
    engine.reload([{ from: grunt, to: gruntThatThrows }]);
    steps(engine, 3);
    expect(errors.map((e) => [(e.error as Error).message, e.thread])).toEqual([['the edited grunt throws', thread.label]]);
    expect(thread.waitingOn).toBe('signal a fix of its script (hot reload)');
    expect([g.alive, g.removed, world.entities.includes(g), world.hostileCount, g.scriptless]).toEqual([true, false, true, 1, true]);
    const held = { x: g.x, y: g.y };
    steps(engine, 60);
    expect({ x: g.x, y: g.y }).toEqual(held); // it stands still while held
    expect(world.takeEvents().filter((event) => event.type === 'burst')).toEqual([]);

    engine.reload([{ from: gruntThatThrows, to: gruntEdited }]);
    steps(engine, 60);
    expect([g.thread, thread.alive, thread.reloads, g.scriptless]).toEqual([thread, true, 2, false]);
    expect([g.alive, g.removed, world.entities.includes(g), g.mode]).toEqual([true, false, true, 'patrol']);
    expect({ x: g.x, y: g.y }).not.toEqual(held);
    expect(errors).toHaveLength(1);
  });

  it('killing a held entity removes it at once (its script has no cleanup left), and the wave can clear', () => {
    const { engine, world } = hotWorld();
    const g = launch(world, 'grunt', 200, 200, grunt);
    const thread: Thread = g.thread!;
    steps(engine, 30);
    engine.reload([{ from: grunt, to: gruntThatThrows }]);
    steps(engine, 3);
    world.kill(g, true);
    expect([g.alive, g.removed, world.entities.includes(g), world.hostileCount]).toEqual([false, true, false, 0]);
    steps(engine, 2);
    expect(thread.stateName).toBe('cancelled');
  });

  it('a real kill of a restarted entity still plays its death, then removes it', () => {
    const { engine, world } = hotWorld();
    const g = launch(world, 'grunt', 200, 200, grunt);
    steps(engine, 30);
    engine.reload([{ from: grunt, to: gruntEdited }]);
    steps(engine, 30);
    world.takeEvents();
    world.kill(g, true);
    steps(engine, 2);
    expect(world.takeEvents().filter((event) => event.type === 'burst').map((event) => event.x)).toEqual([g.x]);
    expect([g.alive, g.removed]).toEqual([false, false]); // the death plays for the kind's `dies` seconds
    steps(engine, Math.ceil(g.type.stats.dies * 60) + 1);
    expect([g.removed, world.entities.includes(g), g.thread!.stateName]).toEqual([true, false, 'cancelled']);
  });
});

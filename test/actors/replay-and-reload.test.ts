import { describe, expect, it } from 'vitest';
import {
  call, Down, Engine, joinGroup, monitor, receive, Recorder, register, replayRecording, Request, restore, sleep, spawn, stateHash,
  supervisor, useEngine, useThread, type Thread,
} from '../../engine/index.ts';
import { createLogSimulation } from '../replay/support.ts';
import { createTestEngine } from '../helpers.ts';

type World = { log: string[]; input: number };

function* trooper(world: World, n: number) {
  const engine = useEngine();
  const answer = yield* call<string, string>('captain', `trooper ${n}`, 0.5);
  world.log.push(`${engine.tick} ${useThread().label} ${answer.timedOut ? '-' : answer.value}`);
  yield* sleep(0.2 + engine.random.range(0, 0.3));
  if (engine.random.int(0, 2) === 0) throw new Error(`trooper ${n} fell`);
}

function* captain(world: World) {
  yield* register('captain');
  const squad = yield* spawn({ name: 'squad' }, supervisor, {
    intensity: 100, period: 1, delay: 0.25,
    children: [1, 2, 3].map((n) => ({ name: `trooper:${n}`, script: trooper, args: [world, n] })),
  });
  yield* monitor(squad);
  for (;;) {
    const m = yield* receive((x: unknown): x is Request<string, string> | Down => x instanceof Request || x instanceof Down);
    if (m instanceof Request) m.reply(`go ${useEngine().random.int(0, 9)}`);
    else world.log.push(`squad down: ${m.ending}`);
  }
}

// What replay, restore and hot reload must keep: names, groups, monitors and restart counts.
function actorState(engine: Engine): string[] {
  const threads = [...engine.threads()].sort((a, b) => a.id - b.id);
  return [
    `names ${[...engine.names()].map(([n, t]) => `${n}=${t.id}`).join(' ')}`,
    ...threads.filter((t) => t.monitoring.length > 0).map((t) => `${t.label} monitors ${t.monitoring.map((m) => m.id).join(',')}`),
    ...threads.filter((t) => t.supervised).map((t) => `${t.label} ${t.supervised!.map((c) => `${c.name}:${c.thread?.id}:${c.restarts}`).join(' ')}`),
  ];
}

describe('actors under replay, restore and hot reload', () => {
  const create = (setup: Parameters<ReturnType<typeof createLogSimulation>>[0]) => createLogSimulation({ captain, trooper })(setup).sim;

  it('a replay and a restore rebuild names, monitors and restart counts exactly, checkpoints included', () => {
    const { sim, world } = createLogSimulation({ captain, trooper })({ seed: 5, tickRate: 60, meta: {} });
    const recorder = new Recorder(sim, { checkpointEvery: 30 });
    recorder.spawn(captain, world);
    for (let i = 0; i < 300; i++) recorder.step();
    const before = actorState(sim.engine);
    expect(before[0]).toMatch(/^names captain=1( trooper:\d=\d+){3}$/);
    expect(Number(before.at(-1)!.split(':').at(-1))).toBeGreaterThan(0); // troopers were restarted
    const recording = recorder.recording();
    expect(replayRecording(recording, create, { verify: true }).divergence).toBeNull();
    const restored = restore(recording, create);
    expect(actorState(restored.sim.engine)).toEqual(before);
    expect(stateHash(restored.sim.engine)).toBe(stateHash(sim.engine));
    for (let i = 0; i < 60; i++) {
      recorder.step();
      restored.step();
    }
    expect(actorState(restored.sim.engine)).toEqual(actorState(sim.engine));
  });

  it('the state hash covers names, groups, monitors and restart counts', () => {
    const hashAfter = (extra: (engine: Engine) => void): string => {
      const engine = new Engine();
      engine.spawn(function* a() { yield* sleep(9); });
      extra(engine);
      engine.step();
      return stateHash(engine);
    };
    const plain = hashAfter(() => {});
    const named = hashAfter((e) => e.spawn(function* b() { yield* register('b'); yield* sleep(9); }));
    const unnamed = hashAfter((e) => e.spawn(function* b() { yield* sleep(9); }));
    const grouped = hashAfter((e) => e.spawn(function* b() { yield* joinGroup('b'); yield* sleep(9); }));
    const watching = hashAfter((e) => e.spawn(function* b() { yield* monitor(e.threads()[0]!); yield* sleep(9); }));
    expect(new Set([plain, named, unnamed, grouped, watching]).size).toBe(5);
  });

  it('a hot reload of the children keeps their names, the supervisor\'s restart counts and its monitors', () => {
    const { engine, steps } = createTestEngine({ hotReload: true, tickRate: 10 });
    const log: string[] = [];
    function* guard(n: number) {
      log.push(`${engine.tick} v1 guard ${n}`);
      yield* sleep(n === 1 ? 0.2 : 100);
    }
    function* guardEdited(n: number) {
      log.push(`${engine.tick} v2 guard ${n}`);
      yield* sleep(100);
    }
    const squad: Thread = engine.spawn({ name: 'squad' }, supervisor, {
      intensity: 10, children: [1, 2].map((n) => ({ name: `guard:${n}`, script: guard, args: [n] })),
    });
    steps(4);
    const before = actorState(engine);
    expect(before).toEqual(['names guard:2=3 guard:1=4', '#1 squad monitors 3,4', '#1 squad guard:1:4:1 guard:2:3:0']);
    engine.reload([{ from: guard, to: guardEdited }]);
    steps(2);
    // Restarted in the order they were spawned: guard:2 (#3), then guard:1 (#4, its restart at tick 3).
    expect(log).toEqual(['1 v1 guard 1', '1 v1 guard 2', '3 v1 guard 1', '6 v2 guard 2', '6 v2 guard 1']);
    expect(actorState(engine)).toEqual(before); // the same threads, names, watches and counts
    expect(squad.supervised!.map((c) => c.thread!.reloads)).toEqual([1, 1]);
  });
});

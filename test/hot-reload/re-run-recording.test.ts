import { describe, expect, it } from 'vitest';
import { Engine, HotScripts, Recorder, formatDivergence, sleep, type Simulation, type SimulationSetup } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';

describe('hot reload: re-running a recording with the new code', () => {
  const setup: SimulationSetup = { seed: 1, tickRate: 10, meta: {} };

  it('re-runs it from the start, verified: the same behaviour matches, a change is named by thread and tick', () => {
    const hot = new HotScripts();
    const data: Record<string, unknown> = {};
    function* patrol() { for (;;) yield* sleep(1); }
    // New versions of a module keep their names: the state hash names each thread's frames.
    const patrolRefactored = (() => function* patrol() { while (true) yield* sleep(1); })();
    const patrolSlower = (() => function* patrol() { yield* sleep(1); for (;;) yield* sleep(2); })();
    const create = (given: SimulationSetup): Simulation => ({ engine: new Engine({ seed: given.seed, tickRate: given.tickRate, hotReload: true }), scripts: { patrol } });
    hot.update(data, { patrol });
    const recorder = new Recorder(create(setup), { checkpointEvery: 10, traceEvery: 10 });
    recorder.spawn(patrol);
    for (let i = 0; i < 60; i++) recorder.step();
    const recording = recorder.recording();

    const same = hot.rerun(recording, create);
    hot.update(data, { patrol: patrolRefactored });
    const refactored = hot.rerun(recording, create);
    hot.update(data, { patrol: patrolSlower });
    const slower = hot.rerun(recording, create);

    expect([same.divergence, same.checked, refactored.divergence, refactored.checked]).toEqual([null, 6, null, 6]);
    expect(formatDivergence(slower.divergence!)).toMatch(
      /^diverged between tick 10 and tick 20: state hash \w+, recorded \w+\n#1 patrol at tick 11: recorded "sleep until 2\.10 s in patrol", replay "sleep until 3\.10 s in patrol"$/,
    );
  });

  it('attaches an engine to every script replaced so far, and tells listeners after each update that replaced one', () => {
    const hot = new HotScripts();
    const data: Record<string, unknown> = {};
    const order: string[] = [];
    function* walk() { order.push('walk v1'); yield* sleep(1); }
    function* walkV2() { order.push('walk v2'); yield* sleep(1); }
    const heard: number[] = [];
    const stopHearing = hot.onUpdate((restarted) => heard.push(restarted.length));
    expect(hot.update(data, { walk })).toEqual([]);
    expect(hot.update(data, { walk })).toEqual([]); // the same script again: nothing replaced
    hot.update(data, { walk: walkV2 });
    const { engine, steps } = createTestEngine({ hotReload: true });
    hot.attach(engine);
    engine.spawn(walk);
    steps(1);
    expect([order, heard]).toEqual([['walk v2'], [0]]);

    function* run() { order.push('run'); yield* sleep(1); }
    function* walkV3() { order.push('walk v3'); yield* sleep(1); }
    stopHearing();
    expect(hot.update(data, { walk: walkV3, run }).length).toBe(1); // a script new in this version replaces nothing
    expect(heard).toEqual([0]);
  });

  it('detaches the engines of a re-run once it is over: a later edit reloads only the engines attached', () => {
    const hot = new HotScripts();
    const data: Record<string, unknown> = {};
    function* patrol() { for (;;) yield* sleep(1); }
    function* patrolV2() { for (;;) yield* sleep(1); }
    const made: Engine[] = [];
    const create = (given: SimulationSetup): Simulation => {
      const engine = new Engine({ seed: given.seed, tickRate: given.tickRate, hotReload: true });
      made.push(engine);
      return { engine, scripts: { patrol } };
    };
    hot.update(data, { patrol });
    const recorder = new Recorder(create({ seed: 1, tickRate: 10, meta: {} }), { checkpointEvery: 10 });
    recorder.spawn(patrol);
    for (let i = 0; i < 20; i++) recorder.step();
    hot.attach(recorder.sim.engine);
    const rerun = hot.rerun(recorder.recording(), create);

    const restarted = hot.update(data, { patrol: patrolV2 });
    expect(made).toHaveLength(2);
    expect(restarted.map((thread) => thread.engine)).toEqual([recorder.sim.engine]);
    expect(rerun.replayer.sim.engine.threads()[0]!.reloads).toBe(0);
  });
});

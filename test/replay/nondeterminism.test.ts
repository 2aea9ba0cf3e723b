import { afterEach, describe, expect, it } from 'vitest';
import {
  Recorder, formatDivergence, guardNondeterminism, replayRecording, sleep, wait, type NondeterministicCall,
} from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';
import { createLogSimulation } from './support.ts';

const originals = [Math.random, Date.now, performance.now];
let unguard = (): void => {};
afterEach(() => unguard());

describe('the nondeterminism guard', () => {
  it('names the thread that calls Math.random, Date.now or performance.now during a tick, once per thread and call', () => {
    const { engine, steps } = createTestEngine();
    const calls: NondeterministicCall[] = [];
    unguard = guardNondeterminism(engine, (call) => calls.push(call));
    engine.spawn({ name: 'dice' }, function* () {
      for (;;) {
        Date.now();
        yield* sleep(Math.random());
      }
    });
    engine.spawn(function* clock() {
      yield;
      performance.now();
    });
    engine.spawn(function* patient() {
      yield* wait(function coinFlip() { return Math.random() > 2; });
    });
    Math.random(); // the host, outside a tick: not a script
    steps(120);
    expect(calls).toEqual([
      { call: 'Date.now', thread: '#1 dice', tick: 1 },
      { call: 'Math.random', thread: '#1 dice', tick: 1 },
      { call: 'Math.random', thread: '#3 patient', tick: 1 },
      { call: 'Math.random', thread: 'a wait predicate', tick: 2 },
      { call: 'performance.now', thread: '#2 clock', tick: 2 },
    ]);
  });

  it('costs nothing until installed, and takes its wrappers off again', () => {
    const { engine } = createTestEngine();
    expect([Math.random, Date.now, performance.now]).toEqual(originals);
    unguard = guardNondeterminism(engine, () => {});
    expect(Math.random).not.toBe(originals[0]);
    unguard();
    expect([Math.random, Date.now, performance.now]).toEqual(originals);
  });

  it('a replay of a script that used Math.random diverges, and the report names that script', () => {
    function* jitter(world: { log: string[] }) {
      for (;;) {
        yield* sleep(Math.random() * 10);
        world.log.push('tick');
      }
    }
    function* steady() {
      for (;;) yield* sleep(0.5);
    }
    const create = createLogSimulation({ jitter, steady });
    const { sim, world } = create({ seed: 1, tickRate: 60, meta: {} });
    const recorder = new Recorder(sim, { checkpointEvery: 30, traceEvery: 60 });
    recorder.spawn(steady);
    recorder.spawn(jitter, world);
    for (let i = 0; i < 600; i++) recorder.step();

    const { divergence } = replayRecording(recorder.recording(), (setup) => create(setup).sim, { verify: true });
    const lines = formatDivergence(divergence!).split('\n');
    expect(lines[1]).toMatch(/^#2 jitter at tick 1: recorded "sleep until \d+\.\d\d s in jitter", replay "sleep until \d+\.\d\d s in jitter"$/);
    expect(lines.slice(2)).toEqual(['nondeterministic: #2 jitter called Math.random at tick 1']);
  });
});

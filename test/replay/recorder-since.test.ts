import { describe, expect, it } from 'vitest';
import { Recorder, sleep, type Script } from '../../engine/index.ts';
import { createLogSimulation } from './support.ts';

const ticker: Script<[{ log: string[] }]> = function* ticker(world) {
  for (;;) {
    world.log.push('tick');
    yield* sleep(0);
  }
};

describe('Recorder.since', () => {
  it('returns exactly the events and checkpoints after the counts given, in order', () => {
    const { sim, world } = createLogSimulation({ ticker })({ seed: 3, tickRate: 60, meta: {} });
    const recorder = new Recorder(sim, { checkpointEvery: 2 });
    recorder.spawn(ticker, world);
    world.input = 1;
    recorder.step();
    recorder.step();
    expect(recorder.since(0, 0).events.map((e) => e.type)).toEqual(['spawn', 'input']);
    const head = recorder.since(0, 0);
    world.input = 2;
    recorder.step();
    recorder.step();
    const tail = recorder.since(head.events.length, head.checkpoints.length);
    expect(tail.events).toEqual([{ tick: 2, type: 'input', values: [2] }]);
    expect(tail.checkpoints.map((c) => c.tick)).toEqual([4]);
    const whole = recorder.recording();
    expect([...head.events, ...tail.events]).toEqual(whole.events);
    expect([...head.checkpoints, ...tail.checkpoints]).toEqual(whole.checkpoints);
    expect(recorder.since(whole.events.length, whole.checkpoints.length)).toEqual({ events: [], checkpoints: [] });
  });
});

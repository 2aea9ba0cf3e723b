import { describe, expect, it } from 'vitest';
import type { Program } from './program.ts';
import { execute } from './run-program.ts';
import { firstDifference, runModel } from './reference/run-model.ts';

// The reference model (reference/) answers hand-made programs as the guide's rules say, worked out here by hand,
// and the engine answers them alike; the property suite then compares the two on every random program.

describe('the reference model of the random programs', () => {
  it('ends each wait on the tick the rules give: wait(n) n ticks on, sleep as many, a yield the next tick', () => {
    const program: Program = { roots: [[{ k: 'waitTicks', ticks: 3 }, { k: 'sleep', ticks: 2 }, { k: 'yield' }]], host: [] };
    const expected = ['1 s1 start', '4 s1 wait(3) -> -', '6 s1 sleep -> -', '7 s1 yield -> -', '7 s1 ended done'];
    expect(runModel(program, 600).observations).toEqual(expected);
    expect(execute(program, false).observations).toEqual(expected);
  });

  it('names the race branch that ended first, and reports a timeout on the tick its time runs out', () => {
    const program: Program = {
      roots: [[
        { k: 'race', branches: [[{ k: 'waitTicks', ticks: 2 }], [{ k: 'yield' }]] },
        { k: 'timeout', ticks: 2, body: [{ k: 'waitTicks', ticks: 5 }] },
        { k: 'all', branches: [[{ k: 'yield' }], []] },
      ]],
      host: [],
    };
    const expected = [
      '1 s1 start', '1 s2 start', '1 s3 start',
      '2 s3 yield -> -', '2 s2 wait(2) threw Cancellation', '2 s1 race -> winner b1', '2 s4 start',
      '2 s2 ended cancelled', '2 s3 ended done', // ends are noted as each tick ends
      '4 s4 wait(5) threw Cancellation', '4 s1 timeout -> timed out', '4 s5 start', '4 s6 start', '4 s4 ended cancelled', '4 s6 ended done',
      '5 s5 yield -> -', '5 s1 all -> all of 2', '5 s1 ended done', '5 s5 ended done',
    ];
    expect(runModel(program, 600).observations).toEqual(expected);
    expect(execute(program, false).observations).toEqual(expected);
  });

  it('hands messages over in the order they were sent, and stops where it models no more (a hot reload)', () => {
    const program: Program = {
      roots: [[{ k: 'receive', ticks: null }, { k: 'receive', ticks: 1 }, { k: 'receive', ticks: 1 }, { k: 'receive', ticks: null }]],
      host: [{ tick: 2, action: { k: 'send', thread: 0 } }, { tick: 5, action: { k: 'reload', script: 'thread', broken: false } }],
    };
    const run = runModel(program, 600);
    expect(run.stopAt).toBe(5);
    // The host sends every live thread a message before every third tick (program.ts's HOST_PERIOD); messages are
    // numbered in the order they are made.
    expect(run.observations).toEqual(['1 s1 start', '2 s1 receive -> host#1', '3 s1 receive -> tick#2', '4 s1 receive -> -']);
    expect(firstDifference(execute(program, false).observations, run)).toBeNull();
  });

  // The guide leaves unsaid the order of sleepers due in one tick; the engine's timing wheel wakes them in the order
  // they entered its first level, and the model says the same (reference/model.ts, Timers).
  it('wakes a wait past 4,096 ticks after a shorter one due on the same tick that began later', () => {
    const program: Program = {
      roots: [[{ k: 'waitTicks', ticks: 4099 }], [{ k: 'waitTicks', ticks: 4 }, { k: 'waitTicks', ticks: 4095 }]],
      host: [],
    };
    const expected = ['1 s1 start', '1 s2 start', '5 s2 wait(4) -> -', '4100 s2 wait(4095) -> -', '4100 s1 wait(4099) -> -', '4100 s1 ended done', '4100 s2 ended done'];
    expect(runModel(program, 20_000).observations).toEqual(expected);
    expect(execute(program, false).observations).toEqual(expected);
  });

  // A call's request waits queued until the callee's selective receive takes it; the reply wakes the caller in the
  // tick it is made, and the callee's end posts its Down to the monitor in the same tick.
  it('answers a call in the tick the callee replies, and posts a Down as the monitored thread ends', () => {
    const program: Program = {
      roots: [[
        { k: 'spawn', detached: false, body: [{ k: 'receiveMatch', match: 'request', ticks: 5 }, { k: 'waitTicks', ticks: 1 }, { k: 'reply' }] },
        { k: 'monitor', target: { kind: 'child', index: 0 } },
        { k: 'callChild', child: 0, ticks: 3 },
        { k: 'receiveMatch', match: 'down', ticks: 5 },
      ]],
      host: [],
    };
    const expected = [
      '1 s1 start', '1 s1 spawn -> a thread', '1 s1 monitor -> a thread', '1 s2 start', '1 s2 receive(request) -> request#1',
      '2 s2 wait(1) -> -', '2 s2 reply to request#1 -> true', '2 s1 call -> in time answer to request#1',
      '2 s1 receive(down) -> down s2 done', '2 s1 ended done', '2 s2 ended done',
    ];
    expect(runModel(program, 600).observations).toEqual(expected);
    expect(execute(program, false).observations).toEqual(expected);
  });

  // The child fails in tick 1 and is started again a tick later; its second failure is one restart more than the
  // intensity, so the supervisor (which already ran in tick 2) fails in tick 3, and its parent with it.
  it('restarts a failed child after its delay, and fails the supervisor one restart past its intensity', () => {
    const program: Program = {
      roots: [[
        { k: 'supervise', strategy: 'one-for-one', intensity: 1, period: 8, delay: 1, children: [{ restart: 'permanent', body: [{ k: 'throw' }] }] },
        { k: 'waitTicks', ticks: 10 },
      ]],
      host: [],
    };
    const expected = [
      '1 s1 start', '1 s1 supervise -> a thread', '1 s3 start', '1 s3 ended failed', '2 s4 start', '2 s4 ended failed',
      '3 s1 wait(10) threw ChildFailed(LoomError)', '3 s1 reported ChildFailed(LoomError)', '3 s1 ended failed', '3 s2 ended failed',
    ];
    expect(runModel(program, 600).observations).toEqual(expected);
    expect(execute(program, false).observations).toEqual(expected);
  });

  it('reports the first observation where the engine and the model part', () => {
    const run = { observations: ['1 s1 start', '3 s1 wait(2) -> -'], stopAt: Infinity };
    expect(firstDifference(['1 s1 start', '4 s1 wait(2) -> -'], run)).toBe('observation 1: the engine saw "4 s1 wait(2) -> -", the model "3 s1 wait(2) -> -"');
    expect(firstDifference(['1 s1 start', '4 s1 wait(2) -> -'], { ...run, stopAt: 2 })).toBeNull();
  });
});

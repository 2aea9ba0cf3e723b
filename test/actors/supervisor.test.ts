import { describe, expect, it } from 'vitest';
import { addChild, join, LoomError, sleep, spawn, supervisor, useThread, type ChildSpec } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';

// A child that lives `life` seconds, then fails (or returns, with fail false); its log shows each start and end.
function childOf(log: string[], life: number, fail = true) {
  return function* child(tag: string): Generator<unknown, void, unknown> {
    const self = useThread();
    log.push(`${self.engine.tick} start ${tag} ${self.label}`);
    try {
      yield* sleep(life);
    } finally {
      if (self.cancelling) log.push(`${self.engine.tick} cleanup ${tag}`);
    }
    if (fail) throw new Error(`${tag} died`);
  };
}

describe('supervisor: one-for-one', () => {
  it('restarts a failed child after its delay, as a new thread under the same name, counting restarts', () => {
    const { engine, steps } = createTestEngine({ tickRate: 10 });
    const log: string[] = [];
    const squad = engine.spawn({ name: 'squad' }, supervisor, {
      intensity: 10, delay: 1, children: [{ name: 'm:1', script: childOf(log, 0.5), args: ['a'] }],
    });
    steps(6);
    expect(log).toEqual(['1 start a #2 m:1']); // it fails in tick 6
    expect(engine.whereis('m:1')).toBeNull();
    expect(squad.supervised).toMatchObject([{ name: 'm:1', thread: null, restarts: 1, restart: 'permanent' }]);
    expect((squad.supervised![0]!.lastFailure as Error).message).toBe('a died');
    expect(squad.waitingOn).toBe('receive (0 queued), timeout at 1.60 s');
    steps(9);
    expect(log).toHaveLength(1);
    steps(1);
    expect(log).toEqual(['1 start a #2 m:1', '16 start a #3 m:1']); // 1 s (10 ticks) after the tick it failed in
    expect(engine.whereis('m:1')?.id).toBe(3);
    expect(squad.supervised).toMatchObject([{ name: 'm:1', restarts: 1 }]);
    expect(squad.supervised![0]!.thread?.id).toBe(3);
  });

  it('with no delay, restarts in the tick the child ended, taking its name again at once', () => {
    const { engine, steps } = createTestEngine({ tickRate: 10 });
    const log: string[] = [];
    engine.spawn(supervisor, { intensity: 10, children: [{ name: 'm', script: childOf(log, 0.2), args: ['a'] }] });
    steps(6);
    expect(log).toEqual(['1 start a #2 m', '3 start a #3 m', '5 start a #4 m']);
  });

  it('restarts permanent children whatever their end, transient ones after a failure, temporary ones never', () => {
    const { engine, steps } = createTestEngine({ tickRate: 10 });
    const log: string[] = [];
    const spec = (name: string, restart: ChildSpec['restart'], fail: boolean): ChildSpec =>
      ({ name, script: childOf(log, 0.2, fail), args: [name], restart });
    const sup = engine.spawn(supervisor, {
      intensity: 10,
      children: [spec('perm-done', 'permanent', false), spec('trans-done', 'transient', false), spec('trans-fail', 'transient', true), spec('temp-fail', 'temporary', true)],
    });
    steps(3);
    expect(log.filter((l) => l.startsWith('3 '))).toEqual(['3 start perm-done #6 perm-done', '3 start trans-fail #7 trans-fail']);
    expect(sup.supervised!.map((c) => c.name)).toEqual(['perm-done', 'trans-fail']);
  });

  it('a back-off delay grows with the restarts of the child', () => {
    const { engine, steps } = createTestEngine({ tickRate: 10 });
    const log: string[] = [];
    engine.spawn(supervisor, {
      intensity: 10, period: 100, delay: (n: number) => 0.1 * 2 ** n, children: [{ name: 'm', script: childOf(log, 0.1), args: ['a'] }],
    });
    steps(20);
    // Dies a tick after each start; restarted 1, 2, 4, 8 ticks after.
    expect(log.map((l) => Number(l.split(' ')[0]))).toEqual([1, 3, 6, 11, 20]);
  });
});

describe('supervisor: intensity', () => {
  it('gives up on the restart over its intensity: fails naming the child and its last failure, to its observer', () => {
    const { engine, steps } = createTestEngine({ tickRate: 10 });
    const log: string[] = [];
    engine.spawn(function* leader() {
      const squad = yield* spawn({ name: 'squad' }, supervisor, {
        intensity: 2, period: 1, children: [{ name: 'm', script: childOf(log, 0.2), args: ['a'] }, { name: 'n', script: childOf(log, 5), args: ['b'] }],
      });
      try {
        yield* join(squad);
      } catch (error) {
        const cause = (error as Error).cause as LoomError;
        log.push(`${engine.tick} ${(error as Error).name}: ${cause.message} / ${(cause.cause as Error).message}`);
      }
    });
    steps(8);
    expect(log).toEqual([
      '1 start a #3 m', '1 start b #4 n', '3 start a #5 m', '5 start a #6 m',
      '7 cleanup b',
      '7 ThreadFailedError: supervisor #2 squad gave up: m ended (failed: a died); 3 restarts within 1 s is more than its intensity, 2 / a died',
    ]);
  });

  it('counts only the restarts within the period', () => {
    const { engine, steps } = createTestEngine({ tickRate: 10 });
    const log: string[] = [];
    const sup = engine.spawn(supervisor, { intensity: 2, period: 0.5, children: [{ name: 'm', script: childOf(log, 0.3), args: ['a'] }] });
    steps(40);
    expect(sup.stateName).toBe('waiting'); // one death every 3 ticks: at most 2 in any 5
    expect(sup.supervised![0]!.restarts).toBe(13);
    sup.cancel();
    steps(1);
    expect(engine.threadCount).toBe(0);
  });

  it('without an observer, its failure reaches the error hook with its children gone', () => {
    const { engine, steps, takeErrors } = createTestEngine({ tickRate: 10 });
    const log: string[] = [];
    engine.spawn(supervisor, { intensity: 0, children: [{ name: 'm', script: childOf(log, 0.1), args: ['a'] }] });
    steps(3);
    const errors = takeErrors();
    expect(errors.map((e) => `${e.thread.label}: ${(e.error as Error).message}`)).toEqual([
      '#1 supervisor: supervisor #1 supervisor gave up: m ended (failed: a died); 1 restarts within 5 s is more than its intensity, 0',
    ]);
    expect(engine.threadCount).toBe(0);
  });
});

describe('supervisor: one-for-all and rest-for-one', () => {
  it('one-for-all cancels the others youngest first, waits for their cleanup, and restarts all in order', () => {
    const { engine, steps } = createTestEngine({ tickRate: 10 });
    const log: string[] = [];
    function* slowCleanup(tag: string): Generator<unknown, void, unknown> {
      log.push(`${engine.tick} start ${tag}`);
      try {
        yield* sleep(100);
      } finally {
        yield* sleep(0.3);
        log.push(`${engine.tick} cleaned ${tag}`);
      }
    }
    engine.spawn(supervisor, {
      strategy: 'one-for-all', intensity: 5, delay: 0.1,
      children: [{ name: 'a', script: slowCleanup, args: ['a'] }, { name: 'b', script: childOf(log, 0.2), args: ['b'] }, { name: 'c', script: slowCleanup, args: ['c'] }],
    });
    steps(8);
    expect(log).toEqual([
      '1 start a', '1 start b #3 b', '1 start c',
      // b fails in tick 3: c then a are cancelled; their cleanup ends in tick 6; all start again in order.
      '6 cleaned c', '6 cleaned a', '6 start a', '6 start b #6 b', '6 start c',
    ]);
  });

  it('rest-for-one restarts the child and those started after it', () => {
    const { engine, steps } = createTestEngine({ tickRate: 10 });
    const log: string[] = [];
    engine.spawn(supervisor, {
      strategy: 'rest-for-one', intensity: 5,
      children: [{ name: 'a', script: childOf(log, 9), args: ['a'] }, { name: 'b', script: childOf(log, 0.2), args: ['b'] }, { name: 'c', script: childOf(log, 9), args: ['c'] }],
    });
    steps(4);
    // b fails in tick 3; c, cancelled, ends later in that tick; the supervisor starts both in the next.
    expect(log).toEqual(['1 start a #2 a', '1 start b #3 b', '1 start c #4 c', '3 cleanup c', '4 start b #5 b', '4 start c #6 c']);
  });
});

describe('supervisor: children added while it runs', () => {
  it('addChild starts a child the next time the supervisor runs; a name it has is a LoomError at once', () => {
    const { engine, steps } = createTestEngine({ tickRate: 10 });
    const log: string[] = [];
    const waves = engine.spawn({ name: 'waves' }, supervisor, { intensity: 5 });
    steps(1);
    addChild(waves, { name: 'grunt:1', script: childOf(log, 9), args: ['g1'], restart: 'temporary' });
    expect(() => addChild(waves, { name: 'grunt:1', script: childOf(log, 9), args: ['again'] })).toThrow(
      'addChild(#1 waves): it already has a child named "grunt:1"',
    );
    steps(1);
    expect(log).toEqual(['2 start g1 #2 grunt:1']);
    expect(waves.supervised!.map((c) => `${c.name} ${c.restart} ${c.thread?.label}`)).toEqual(['grunt:1 temporary #2 grunt:1']);
    const lone = engine.spawn(function* lone() { yield* sleep(1); });
    expect(() => addChild(lone, { name: 'x', script: childOf(log, 1), args: [] })).toThrow('addChild(#3 lone): it is not a running supervisor (ready)');
  });

  it('addChild before the supervisor first ran: started when it runs; a name it already has then fails it', () => {
    const { engine, steps, takeErrors } = createTestEngine({ tickRate: 10 });
    const log: string[] = [];
    engine.spawn(function* hive() {
      const brood = yield* spawn({ name: 'brood' }, supervisor, { children: [{ name: 'b:0', script: childOf(log, 9), args: ['b0'] }] });
      addChild(brood, { name: 'b:1', script: childOf(log, 9), args: ['b1'] });
      addChild(brood, { name: 'b:0', script: childOf(log, 9), args: ['again'] });
      yield* sleep(9);
    });
    steps(1);
    // It started b:0 and b:1, then failed on the second b:0: both were cancelled before they first ran.
    expect(log).toEqual([]);
    expect(engine.threads().map((t) => t.label)).toEqual(['#1 hive']);
    steps(1); // the failure is thrown into the hive at its sleep: it fails in turn, to the error hook
    expect(takeErrors().map((e) => `${e.thread.label}: ${(e.error as Error).message}`)).toEqual([
      '#1 hive: thread #2 brood failed: addChild(#2 brood): it already has a child named "b:0"',
    ]);
  });

  it('addChild before the supervisor first ran starts the child when it runs', () => {
    const { engine, steps } = createTestEngine({ tickRate: 10 });
    const log: string[] = [];
    engine.spawn(function* hive() {
      const brood = yield* spawn({ name: 'brood' }, supervisor, {});
      addChild(brood, { name: 'b:1', script: childOf(log, 9), args: ['b1'] });
      yield* sleep(9);
    });
    steps(1);
    expect(log).toEqual(['1 start b1 #3 b:1']);
  });

  it('bad options fail the supervisor with a LoomError naming it', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    engine.spawn(supervisor, { strategy: 'one-for-some' as never });
    steps(1);
    expect(takeErrors().map((e) => (e.error as Error).message)).toEqual([
      'supervisor in #1 supervisor: strategy is one of one-for-one, one-for-all, rest-for-one, got one-for-some',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { cancel, join, script, shield, sleep, spawn, useThread, type Engine, type Thread } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';

/** A boss joining a worker that throws, its error on the way out through a shielded finally; what the join caught. */
function joinWorkerThatBreaks(engine: Engine): { caught: string[]; worker: () => Thread } {
  const caught: string[] = [];
  let worker: Thread | null = null;
  engine.spawn(function* boss() {
    worker = yield* spawn(function* worker() {
      try {
        yield;
        throw new Error('broke');
      } finally {
        yield* shield(sleep(0.1));
      }
    });
    try {
      yield* join(worker);
    } catch (error) {
      caught.push(`${(error as Error).message}@${engine.tick}`);
    }
  });
  return { caught, worker: () => worker! };
}

describe('cleanup that has begun completes: shield', () => {
  it('plays a shielded finally that began on a normal return in full, then throws the held cancel at its end', () => {
    const { engine, steps } = createTestEngine();
    const log: string[] = [];
    const t = engine.spawn(function* worker() {
      try {
        yield;
        return 1;
      } finally {
        yield* shield(function* cleanup() {
          yield* sleep(0.5);
          log.push(`cleanup done@${engine.tick}`);
        }());
        log.push('after the shield: never, the held cancel is thrown at its end');
      }
    });
    steps(5);
    expect(t.cancel()).toBe(true);
    steps(60);
    expect(log).toEqual(['cleanup done@32']);
    expect([t.stateName, t.result]).toEqual(['cancelled', undefined]);
  });

  it('cuts an unshielded finally that began on a normal return at its wait: what the shield is for', () => {
    const { engine, steps } = createTestEngine();
    const log: string[] = [];
    const t = engine.spawn(function* worker() {
      try {
        yield;
        return 1;
      } finally {
        yield* sleep(0.5);
        log.push('cleanup done');
      }
    });
    steps(5);
    t.cancel();
    steps(60);
    expect(log).toEqual([]);
    expect([t.stateName, t.result]).toEqual(['cancelled', undefined]);
  });

  it('plays a child\'s shielded death in full when its parent ends and cancels it mid-cleanup, then ends cancelled', () => {
    const { engine, steps } = createTestEngine();
    const order: string[] = [];
    const death = script(function* death(name: string) {
      order.push(`${name} dying@${engine.tick}`);
      yield* sleep(0.25);
      order.push(`${name} dead@${engine.tick}`);
    });
    let child = null as unknown as ReturnType<typeof engine.spawn>;
    const parent = engine.spawn(function* parent() {
      child = yield* spawn(function* child() {
        try {
          yield;
          return 'lived';
        } finally {
          yield* shield(death('child'));
        }
      });
      yield;
      yield;
      order.push(`parent returns@${engine.tick}`);
    });
    steps(20);
    expect(order).toEqual(['child dying@2', 'parent returns@3', 'child dead@17']);
    expect([child.stateName, child.result]).toEqual(['cancelled', undefined]); // thrown at the shield's end
    expect(parent.stateName).toBe('done');
  });

  it('holds a cancel the thread asks of itself inside a shield, and throws it at the shield\'s end', () => {
    const { engine, steps } = createTestEngine();
    const order: string[] = [];
    const t = engine.spawn(function* selfish() {
      yield* shield(
        (function* inside() {
          cancel(useThread());
          yield;
          order.push(`shielded goes on@${engine.tick}`);
        })(),
      );
      order.push(`after shield@${engine.tick}`);
      yield;
      order.push('after the next wait: never');
    });
    steps(4);
    expect(order).toEqual(['shielded goes on@2']);
    expect(t.stateName).toBe('cancelled');
  });

  it('lets an error on its way out through a shielded finally reach the joiner when no cancel lands meanwhile', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    const { caught, worker } = joinWorkerThatBreaks(engine);
    steps(10);
    expect(caught).toEqual([`thread ${worker().label} failed: broke@8`]);
    expect(worker().stateName).toBe('failed');
    expect(takeErrors()).toEqual([]);
  });

  // JavaScript drops an error in flight when its finally throws, and nothing lets the engine see one: the price of
  // throwing the held cancel where the shield ends (docs/cancellation-and-errors.md says how to keep such an error).
  it('replaces an error on its way out through a shielded finally by a cancel that lands during the shield', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    const { caught, worker } = joinWorkerThatBreaks(engine);
    steps(3);
    worker().cancel(); // lands while the error waits in the shielded finally
    steps(10);
    expect(caught).toEqual([`thread ${worker().label} was cancelled@8`]);
    expect(worker().stateName).toBe('cancelled');
    expect(takeErrors()).toEqual([]);
  });

  // A shield that let a child failure through would cut `finally { yield* shield(playDeath(self)) }` short.
  it('holds a child failure that comes while its thread waits inside it, and throws it where the shield ends', () => {
    const { engine, steps } = createTestEngine({ tickRate: 10 });
    const log: string[] = [];
    let child = null as unknown as ReturnType<typeof engine.spawn>;
    const parent = engine.spawn(function* parentScript() {
      try {
        yield* shield(function* death() {
          child = yield* spawn(function* child() {
            yield;
            throw new Error('child broke');
          });
          yield* sleep(0.5); // the child fails in tick 2, while this waits
          log.push(`death played@${engine.tick}`);
        }());
        log.push('after the shield: never, the held failure is thrown at its end');
      } catch (error) {
        log.push(`caught ${(error as Error).message}@${engine.tick}`);
      }
    });
    steps(3);
    expect([child.stateName, parent.stateName, parent.waitingOn]).toEqual(['failed', 'waiting', 'sleep until 0.60 s']);
    steps(10);
    expect(log).toEqual(['death played@6', `caught thread ${child.label} failed: child broke@6`]);
    expect(parent.stateName).toBe('done');
  });

  it('refuses shield() of something that is not an operation, naming the thread', () => {
    const { engine, steps } = createTestEngine();
    let message = '';
    const t = engine.spawn(function* probe() {
      try {
        yield* shield(42 as never);
      } catch (error) {
        message = (error as Error).message;
      }
    });
    steps(1);
    expect(message).toBe(`shield in ${t.label}: expected an operation (an op, a sub-script call or a generator), got 42`);
  });
});

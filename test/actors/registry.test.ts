import { describe, expect, it } from 'vitest';
import {
  broadcast, join, joinGroup, leaveGroup, LoomError, members, receive, register, sendTo, sleep, spawn, unregister, useThread, whereis, type Thread,
} from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';

describe('register, whereis and sendTo a name', () => {
  it('finds a thread by name and sends to it, in order and on the tick the name was taken', () => {
    const { engine, steps } = createTestEngine();
    const log: string[] = [];
    engine.spawn(function* boss() {
      yield* register('boss');
      for (;;) log.push(`boss got ${yield* receive<string>()} @${engine.tick}`);
    });
    engine.spawn(function* caller() {
      const found = yield* whereis('boss');
      log.push(`whereis boss: ${found?.label ?? 'null'} @${engine.tick}`);
      yield* sleep(0);
      sendTo('boss', 'charge');
      log.push(`sent @${engine.tick}`);
    });
    steps(2);
    expect(log).toEqual(['whereis boss: #1 boss @1', 'sent @2', 'boss got charge @2']);
    expect(engine.whereis('boss')?.id).toBe(1);
    expect(engine.whereis('nobody')).toBeNull();
    engine.sendTo('boss', 'retreat');
    steps(1);
    expect(log.at(-1)).toBe('boss got retreat @3');
  });

  it('releases the name the moment its thread ends, so a thread told of the end takes it in the same tick', () => {
    const { engine, steps } = createTestEngine();
    const log: string[] = [];
    const first = engine.spawn(function* door() {
      yield* register('door:12');
      yield* sleep(1);
    });
    engine.spawn(function* rebuilder() {
      try {
        yield* join(first);
      } catch {
        yield* register('door:12');
        log.push(`taken by ${(yield* whereis('door:12'))!.label} @${engine.tick}`);
      }
    });
    steps(1);
    expect([...engine.names()].map(([n, t]) => `${n}=${t.label}`)).toEqual(['door:12=#1 door']);
    expect(first.registeredNames).toEqual(['door:12']);
    first.cancel();
    expect(engine.whereis('door:12')?.label).toBe('#1 door'); // it ends when its Cancellation has unwound it
    steps(1);
    expect(first.registeredNames).toEqual([]);
    expect(log).toEqual(['taken by #2 rebuilder @2']);
  });

  it('refuses a live name to a second thread with a LoomError naming both, and lets the holder register again', () => {
    const { engine, steps } = createTestEngine();
    const errors: string[] = [];
    engine.spawn(function* boss() {
      yield* register('boss');
      yield* register('boss'); // a hot reload's restart runs this again: nothing happens
      yield* sleep(10);
    });
    engine.spawn(function* impostor() {
      try {
        yield* register('boss');
      } catch (error) {
        errors.push(`${(error as Error).name}: ${(error as Error).message}`);
      }
    });
    steps(1);
    expect(errors).toEqual(['LoomError: register("boss") in #2 impostor: the name "boss" is taken by #1 boss (waiting)']);
  });

  it('unregisters; sending to a name nothing has is a LoomError naming the name', () => {
    const { engine, steps } = createTestEngine();
    const log: unknown[] = [];
    engine.spawn(function* boss() {
      yield* register('boss');
      log.push(yield* unregister('boss'), yield* unregister('boss'), yield* whereis('boss'));
      try {
        sendTo('boss', 'x');
      } catch (error) {
        log.push((error as Error).message);
      }
    });
    steps(1);
    expect(log).toEqual([true, false, null, 'sendTo("boss"): no live thread has that name']);
    expect(() => sendTo('boss', 'x')).toThrow(new LoomError('sendTo("boss") outside a script: names are an engine\'s; a host calls engine.sendTo(name, message)'));
    expect(() => engine.sendTo('boss', 'x')).toThrow('sendTo("boss"): no live thread has that name');
  });

  it('rejects a name that is not a non-empty string, naming the op and the thread', () => {
    const { engine, steps } = createTestEngine();
    const log: string[] = [];
    engine.spawn(function* odd() {
      try {
        yield* register('');
      } catch (error) {
        log.push((error as Error).message);
      }
    });
    steps(1);
    expect(log).toEqual(['register("") in #1 odd: a name is a non-empty string, got ""']);
  });
});

describe('groups', () => {
  it('keeps members in the order they joined; a member that ends leaves at once; broadcast reaches each in order', () => {
    const { engine, steps } = createTestEngine();
    const log: string[] = [];
    const scout = function* scout(): Generator<unknown, void, unknown> {
      const self = useThread();
      yield* joinGroup('squad:alpha');
      yield* joinGroup('squad:alpha'); // already a member: stays where it is
      for (;;) {
        const order = yield* receive<string>();
        log.push(`${engine.tick} ${self.name} ${order}`); // woken in the order broadcast posts, they log in it
      }
    };
    const a = engine.spawn({ name: 'a' }, scout);
    const b = engine.spawn({ name: 'b' }, scout);
    const c = engine.spawn({ name: 'c' }, scout);
    steps(1);
    expect(engine.members('squad:alpha')).toEqual([a, b, c]);
    expect(b.groups).toEqual(['squad:alpha']);
    b.cancel();
    steps(1);
    expect(engine.members('squad:alpha')).toEqual([a, c]);
    expect(engine.broadcast('squad:alpha', 'regroup')).toBe(2);
    steps(1);
    expect(log).toEqual(['3 a regroup', '3 c regroup']);
    engine.spawn(function* leader() {
      const squad: Thread[] = yield* members('squad:alpha');
      log.push(`members ${squad.map((t) => t.name).join(',')}`);
      log.push(`reached ${broadcast('squad:alpha', 'advance')}`);
    });
    steps(2);
    expect(log.slice(2)).toEqual(['members a,c', 'reached 2', '4 a advance', '4 c advance']);
    expect([...engine.groups().keys()]).toEqual(['squad:alpha']);
  });

  it('leaves a group; the last member leaving removes the group', () => {
    const { engine, steps } = createTestEngine();
    const log: boolean[] = [];
    engine.spawn(function* deserter() {
      yield* joinGroup('squad');
      log.push(yield* leaveGroup('squad'), yield* leaveGroup('squad'));
      yield* spawn(function* child() { yield* sleep(1); });
    });
    steps(1);
    expect(log).toEqual([true, false]);
    expect(engine.groups().size).toBe(0);
  });
});

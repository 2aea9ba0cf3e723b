import { describe, expect, it } from 'vitest';
import { countStates, createSignal, inspectedState, join, race, receive, script, sleep, snapshot, spawn, timeout, wait } from '../../engine/index.ts';
import { Flag, PLAIN_FLAGS } from '../../engine/core/thread.ts';
import { createTestEngine } from '../helpers.ts';

describe('inspection', () => {
  it('describes what every waiting thread waits on', () => {
    const { engine, steps } = createTestEngine();
    const door = createSignal('door.opened');
    const boss = engine.spawn({ name: 'boss' }, function* boss() {
      yield* sleep(100);
    });
    const threads = [
      engine.spawn(function* sleeper() {
        yield* sleep(12.4 - 1 / 60);
      }),
      engine.spawn(function* joiner() {
        yield* join(boss);
      }),
      engine.spawn(function* listener() {
        yield* wait(door);
      }),
      engine.spawn(function* jumper() {
        yield* wait(function isGrounded() {
          return false;
        });
      }),
      engine.spawn(function* counter() {
        yield* wait(30);
      }),
      engine.spawn(function* actor() {
        yield* receive();
      }),
      engine.spawn(function* patient() {
        yield* receive(2);
      }),
      engine.spawn(function* racer() {
        yield* race({ patrol: sleep(5), spotted: wait(door) });
      }),
    ];
    steps(1);
    expect(threads.map((t) => `${t.name}: ${t.waitingOn}`)).toEqual([
      'sleeper: sleep until 12.40 s',
      'joiner: join #1 boss',
      'listener: signal door.opened',
      'jumper: until isGrounded',
      'counter: wait until tick 31',
      'actor: receive (0 queued)',
      'patient: receive (0 queued), timeout at 2.02 s',
      'racer: race(patrol, spotted)',
    ]);
  });

  it('snapshots id, name, state, parent, children, age, resumes and the stack of sub-scripts', () => {
    const { engine, steps } = createTestEngine();
    engine.accounting.enabled = true; // counts resumes; a clock standing still keeps the times 0
    engine.accounting.now = () => 0;
    const inner = script(function* aim() {
      yield* sleep(1);
    });
    const parent = engine.spawn({ name: 'turret' }, function* turret() {
      yield* spawn(function* barrel() {
        yield* sleep(10);
      });
      yield* inner();
    });
    steps(3);
    const child = parent.children[0]!;
    expect(snapshot(parent)).toEqual({
      id: 1, name: 'turret', state: 'waiting', parent: null, children: [child.id], age: 3, resumes: 1,
      waitingOn: 'sleep until 1.02 s', frames: ['turret', 'aim'], cancelling: false, detached: false, ms: 0, msAverage: 0,
    });
    expect(snapshot(child)).toMatchObject({ id: 2, name: 'barrel', parent: 1, children: [], frames: ['barrel'] });
    expect(countStates(engine)).toEqual({ ready: 0, running: 0, waiting: 2, cancelling: 0 });
    parent.cancel();
    expect(parent.cancelling).toBe(true);
    // Cancelling, it is counted and shown as such, once: not also under the state its cleanup runs in.
    expect(countStates(engine)).toEqual({ ready: 0, running: 0, waiting: 1, cancelling: 1 });
    expect([snapshot(parent).state, inspectedState(parent), inspectedState(child)]).toEqual(['cancelling', 'cancelling', 'waiting']);
    steps(1);
    expect(engine.threadCount).toBe(0);
    expect(parent.frames).toEqual([]);
  });

  it('shows a thread as running exactly while its script executes', () => {
    const { engine, steps } = createTestEngine();
    const seen: string[] = [];
    const a = engine.spawn(function* first() {
      for (let i = 0; i < 2; i++) {
        seen.push(`a:${a.stateName},b:${b.stateName},${JSON.stringify(countStates(engine))}`);
        if (i === 0) yield;
        else yield* sleep(1);
      }
    });
    const b = engine.spawn(function* second() {
      seen.push(`b:${b.stateName},a:${a.stateName}`);
      yield* sleep(1);
    });
    expect([a.stateName, b.stateName]).toEqual(['ready', 'ready']);
    steps(1);
    expect([a.stateName, b.stateName]).toEqual(['ready', 'waiting']);
    steps(1);
    expect([a.stateName, b.stateName]).toEqual(['waiting', 'waiting']);
    expect(seen).toEqual([
      'a:running,b:ready,{"ready":1,"running":1,"waiting":0,"cancelling":0}',
      'b:running,a:ready',
      'a:running,b:waiting,{"ready":0,"running":1,"waiting":1,"cancelling":0}',
    ]);
  });

  it('keeps a ready thread\'s flags at 0, the plain case the core compares with as a literal', () => {
    expect(PLAIN_FLAGS).toBe(0);
    const { engine, steps } = createTestEngine();
    const order: string[] = [];
    const ticker = function* ticker(name: string) {
      for (let i = 0; i < 2; i++) {
        order.push(`${name}${i}`);
        yield;
      }
    };
    const plain = engine.spawn(ticker, 'plain');
    const detached = engine.spawn({ detached: true }, ticker, 'detached');
    expect([plain.flags, detached.flags === 0]).toEqual([0, false]);
    steps(1);
    expect([plain.flags, plain.stateName]).toEqual([0, 'ready']);
    // DETACHED is the one bit a ready thread keeps for good: the core masks it out, so detached threads run plain too.
    expect([detached.flags, detached.stateName]).toEqual([Flag.DETACHED, 'ready']);
    steps(2);
    expect(order).toEqual(['plain0', 'detached0', 'plain1', 'detached1']);
    expect([plain.stateName, detached.stateName]).toEqual(['done', 'done']);
  });

  it('names threads by the script function, or as given, and labels them with their id', () => {
    const { engine } = createTestEngine();
    const a = engine.spawn(function* grunt() {});
    const b = engine.spawn({ name: 'boss' }, function* phases() {});
    expect([a.name, a.label, b.name, b.label, String(b)]).toEqual(['grunt', '#1 grunt', 'boss', '#2 boss', '#2 boss']);
  });
});

describe('inspection of composite waits', () => {
  it('names a timeout and its branches after the op', () => {
    const { engine, steps } = createTestEngine();
    const guard = engine.spawn(function* guard() {
      yield* timeout(6, sleep(100));
    });
    steps(1);
    expect(guard.waitingOn).toBe('timeout(op, 6 s)');
    expect(guard.children.map((c) => c.name)).toEqual(['timeout:op', 'timeout:6 s']);
  });
});

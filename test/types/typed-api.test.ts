// Type tests: `npm run typecheck` fails if an `expectTypeOf` is wrong, or if a line marked `@ts-expect-error`
// stops being an error. The runs below check that the typed programs also do what their types say.
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  Engine, all, join, race, receive, script, send, shield, sleep, spawn, timeout, wait, type Thread, type ThreadOf,
} from '../../engine/index.ts';

interface Order {
  x: number;
  y: number;
}
interface Ping {
  ping: true;
}
const order: Order = { x: 3, y: 4 };

/** Takes orders until it has two, and returns how far they were. */
function* courier() {
  let far = 0;
  for (let i = 0; i < 2; i++) {
    const next = yield* receive<Order>();
    expectTypeOf(next).toEqualTypeOf<Order>();
    far += Math.hypot(next.x, next.y);
  }
  return far;
}

function* walker(steps: number) {
  yield* sleep(steps);
  return steps;
}

describe('typed mailboxes', () => {
  it('types the handle by what the script returns and receives, and checks every send against it', () => {
    const engine = new Engine();
    const c = engine.spawn(courier);
    expectTypeOf(c).toEqualTypeOf<Thread<number, Order>>();
    expectTypeOf(c).toEqualTypeOf<ThreadOf<typeof courier>>();
    send(c, order);
    c.send({ x: 0, y: 1 });
    // @ts-expect-error -- not an Order
    send(c, { anything: true });
    // @ts-expect-error -- not an Order
    c.send('go');
    // @ts-expect-error -- an Order lacks y
    engine.send(c, { x: 1 });
    engine.step();
    expect(c.result).toBe(5 + 1);
  });

  it('takes no message for a script that never receives, nor through an untyped handle', () => {
    const engine = new Engine();
    const w = engine.spawn(walker, 1);
    expectTypeOf(w).toEqualTypeOf<Thread<number, never>>();
    // @ts-expect-error -- walker has no receive: nothing can be sent to it
    send(w, order);
    const any: Thread = engine.spawn(courier); // a plain Thread is any thread...
    // @ts-expect-error -- ...so it does not know what the thread takes
    any.send(order);
    expect(engine.threadCount).toBe(2);
  });

  it('gives receive the message type, and undefined as well when it has a time limit', () => {
    const got: (Order | undefined)[] = [];
    function* poller() {
      const soon = yield* receive<Order>(0.5);
      expectTypeOf(soon).toEqualTypeOf<Order | undefined>();
      const now = yield* receive<Order>(0);
      expectTypeOf(now).toEqualTypeOf<Order | undefined>();
      got.push(soon, now);
    }
    const engine = new Engine();
    const p = engine.spawn(poller);
    expectTypeOf(p).toEqualTypeOf<Thread<void, Order>>();
    p.send(order);
    engine.step();
    expect(got).toEqual([order, undefined]);
  });

  it('keeps the untyped receive() open to any message', () => {
    function* anything() {
      expectTypeOf(yield* receive()).toEqualTypeOf<unknown>();
    }
    const engine = new Engine();
    const t = engine.spawn(anything);
    expectTypeOf(t).toEqualTypeOf<Thread<void, unknown>>();
    send(t, 'text');
    send(t, order);
    engine.step();
    expect(t.stateName).toBe('done');
  });

  it('finds receives in race, all, timeout and shield branches, sub-scripts and plain helpers', () => {
    const takeOrder = script(function* takeOrder() {
      return yield* receive<Order>();
    });
    function* helper() {
      return yield* receive<Order>();
    }
    const got: Record<string, unknown> = {}; // by script: the group ops end a tick or two later than the others
    function* racer() {
      got.racer = (yield* race({ mail: receive<Order>(), nap: sleep(1) })).value;
    }
    function* gatherer() {
      got.gatherer = (yield* all([receive<Order>(), sleep(0)]))[0];
    }
    function* patient() {
      const r = yield* timeout(1, receive<Order>());
      if (!r.timedOut) expectTypeOf(r.value).toEqualTypeOf<Order>();
      got.patient = r;
    }
    function* shielded() {
      got.shielded = yield* shield(receive<Order>());
    }
    function* caller() {
      const taken = yield* takeOrder();
      expectTypeOf(taken).toEqualTypeOf<Order>();
      got.caller = taken;
    }
    function* delegator() {
      const taken = yield* helper();
      expectTypeOf(taken).toEqualTypeOf<Order>();
      got.delegator = taken;
    }
    const engine = new Engine();
    const threads = [
      engine.spawn(racer), engine.spawn(gatherer), engine.spawn(patient), engine.spawn(shielded), engine.spawn(caller),
      engine.spawn(delegator),
    ];
    expectTypeOf(threads).toEqualTypeOf<Thread<void, Order>[]>();
    expectTypeOf(engine.spawn(takeOrder)).toEqualTypeOf<Thread<Order, Order>>();
    engine.step(); // all wait in receive (the branches in child threads)
    for (const t of threads) send(t, order);
    for (let i = 0; i < 4; i++) engine.step();
    expect(got).toEqual({
      racer: order, gatherer: order, patient: { timedOut: false, value: order }, shielded: order, caller: order, delegator: order,
    });
  });

  it("does not count a child's receive as the parent's, and takes the union of a script's message types", () => {
    function* parent() {
      const child = yield* spawn(courier);
      expectTypeOf(child).toEqualTypeOf<Thread<number, Order>>();
      send(child, order);
      send(child, order);
      return yield* join(child);
    }
    function* both() {
      const first = yield* receive<Order>();
      const second = yield* receive<Ping>();
      return [first, second];
    }
    const engine = new Engine();
    const p = engine.spawn(parent);
    const b = engine.spawn(both);
    expectTypeOf(p).toEqualTypeOf<Thread<number, never>>();
    expectTypeOf(b).toEqualTypeOf<Thread<(Order | Ping)[], Order | Ping>>();
    b.send(order);
    b.send({ ping: true });
    for (let i = 0; i < 3; i++) engine.step();
    expect([p.result, b.result]).toEqual([10, [order, { ping: true }]]);
  });

  it('lets a handle that takes more stand in for one that takes less, never the reverse', () => {
    expectTypeOf<Thread<void, Order | Ping>>().toExtend<Thread<void, Order>>();
    expectTypeOf<Thread<void, Order>>().not.toExtend<Thread<void, Order | Ping>>();
    expectTypeOf<Thread<void, Order>>().not.toExtend<Thread<void, string>>();
    expectTypeOf<Thread<number, Order>>().toExtend<Thread>();
  });
});

interface Hero {
  name: string;
  hp: number;
}
function* gunner(arena: { width: number }, self: Hero) {
  yield* wait(1);
  return self.hp * arena.width;
}

describe('spawn arguments', () => {
  it("checks the arguments against the script's parameters, with or without options", () => {
    const engine = new Engine();
    const arena = { width: 2 };
    const hero: Hero = { name: 'x', hp: 1 };
    expectTypeOf(engine.spawn(gunner, arena, hero)).toEqualTypeOf<Thread<number, never>>();
    expectTypeOf(engine.spawn({ name: 'g' }, gunner, arena, hero)).toEqualTypeOf<Thread<number, never>>();
    // @ts-expect-error -- self is missing
    engine.spawn(gunner, hero);
    // @ts-expect-error -- self is missing, after options
    engine.spawn({ name: 'g' }, gunner, arena);
    // @ts-expect-error -- hp is a number
    engine.spawn(gunner, arena, { name: 'x', hp: 'full' });
    // @ts-expect-error -- one argument too many
    engine.spawn(gunner, arena, hero, 3);
    // @ts-expect-error -- not a spawn option
    engine.spawn({ nme: 'g' }, gunner, arena, hero);
    // @ts-expect-error -- a plain function is no script (and is refused at run time too)
    expect(() => engine.spawn((n: number) => n, 1)).toThrow('anonymous is not a generator function');
    expect(engine.threadCount).toBe(7);
  });

  it('checks them the same in the spawn op, sub-scripts included', () => {
    const sub = script(gunner);
    const hero: Hero = { name: 'x', hp: 1 };
    function* parent() {
      const a = yield* spawn(gunner, { width: 2 }, hero);
      const b = yield* spawn({ detached: true }, sub, { width: 3 }, hero);
      expectTypeOf(a).toEqualTypeOf<Thread<number, never>>();
      expectTypeOf(b).toEqualTypeOf<Thread<number, never>>();
      if (hero.hp < 0) {
        // @ts-expect-error -- self is missing
        yield* spawn(gunner, hero);
        // @ts-expect-error -- self is missing
        yield* spawn(sub, { width: 1 });
      }
      return [yield* join(a), yield* join(b)];
    }
    const engine = new Engine();
    const p = engine.spawn(parent);
    for (let i = 0; i < 3; i++) engine.step();
    expect(p.result).toEqual([2, 3]);
  });
});

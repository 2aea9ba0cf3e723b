// The actor benchmarks: a message, a selective receive, a call and a supervisor's restart, each per operation
// against the same exchange done by bare generators and arrays (no engine), measured in the same process.
import { call, Engine, receive, Request, supervisor, type Thread } from 'loom-threads';
import type { BenchPlan, BenchRow } from './bench-cases.ts';
import { interleave, timed } from './measure.ts';

type Bare = Generator<unknown, void, unknown>;

/** Pairs or actors per case: enough to be per-operation figures, few enough to stay in cache like a game's. */
const ACTORS = 1_000;
const TICKS = 200;

interface Wanted { wanted: true }
const WANTED: Wanted = { wanted: true };
const NOISE = { wanted: false };
const isWanted = (m: { wanted: boolean }): m is Wanted => m.wanted;

function row(benchmark: string, result: { engine: number; floor: number; ratio: number }, note: string): BenchRow {
  return { benchmark, threads: ACTORS, unit: 'ns/op', engine: result.engine, floor: result.floor, ratio: result.ratio, target: '-', met: null, note };
}

/** A message sent by the host and received by a thread waiting in `receive()`. */
async function messageCase(plan: BenchPlan): Promise<BenchRow> {
  const engine = new Engine({ seed: plan.seed });
  let got = 0;
  const actors = Array.from({ length: ACTORS }, () => engine.spawn(function* listener() {
    for (;;) {
      const message = yield* receive<number>();
      got += message;
    }
  }));
  engine.step();
  const floorGens = Array.from({ length: ACTORS }, () => bareListener());
  const queues = floorGens.map(() => [] as number[]);
  for (const gen of floorGens) gen.next();
  const result = await interleave(plan.rounds, () => {
    const before = got;
    const { ms } = timed(() => {
      for (let t = 0; t < TICKS; t++) {
        for (const actor of actors) engine.send(actor, 1);
        engine.step();
      }
    });
    return (ms * 1e6) / (got - before);
  }, () => {
    const { ms } = timed(() => {
      for (let t = 0; t < TICKS; t++) {
        for (const queue of queues) queue.push(1);
        for (let k = 0; k < floorGens.length; k++) floorGens[k]!.next(queues[k]!.shift());
      }
    });
    return (ms * 1e6) / (TICKS * ACTORS);
  });
  return row('message send + receive', result, `${ACTORS} threads waiting in receive(), the host sends each one message a tick; floor: an array queue per generator, shifted into next()`);
}

// Keeps what the bare listeners add up, as the engine's listeners do, so neither side's sum is dead code.
const floorSum = { got: 0 };

function* bareListener(): Bare {
  for (;;) {
    const message = (yield) as number;
    floorSum.got += message;
  }
}

/** `receive(match, 0)` over `queued` messages that do not match, the match last. */
async function selectiveCase(plan: BenchPlan, queued: number): Promise<BenchRow> {
  const engine = new Engine({ seed: plan.seed });
  let got = 0;
  const actors = Array.from({ length: ACTORS }, () => engine.spawn(function* picky() {
    for (;;) {
      yield;
      if ((yield* receive(isWanted, 0)) !== undefined) got++;
    }
  }));
  for (const actor of actors) for (let i = 0; i < queued; i++) engine.send(actor, NOISE);
  engine.step();
  const queues = actors.map(() => Array.from({ length: queued }, () => NOISE) as { wanted: boolean }[]);
  const floorGens = queues.map((queue) => barePicky(queue));
  for (const gen of floorGens) gen.next();
  const result = await interleave(plan.rounds, () => {
    const before = got;
    const { ms } = timed(() => {
      for (let t = 0; t < TICKS; t++) {
        for (const actor of actors) engine.send(actor, WANTED);
        engine.step();
      }
    });
    return (ms * 1e6) / (got - before);
  }, () => {
    const { ms } = timed(() => {
      for (let t = 0; t < TICKS; t++) {
        for (const queue of queues) queue.push(WANTED);
        for (const gen of floorGens) gen.next();
      }
    });
    return (ms * 1e6) / (TICKS * ACTORS);
  });
  return row(`selective receive, ${queued} queued`, result, `receive(match, 0) finding its match behind ${queued} others, a message a tick each; floor: findIndex and splice on an array`);
}

function* barePicky(queue: { wanted: boolean }[]): Bare {
  for (;;) {
    yield;
    const at = queue.findIndex(isWanted);
    if (at >= 0) queue.splice(at, 1);
  }
}

/** A call and its reply between two threads. */
async function callCase(plan: BenchPlan): Promise<BenchRow> {
  const engine = new Engine({ seed: plan.seed });
  let calls = 0;
  const isAsk = (m: unknown): m is Request<number, number> => m instanceof Request;
  for (let k = 0; k < ACTORS / 2; k++) {
    const callee: Thread<unknown, Request<number, number>> = engine.spawn(function* callee() {
      for (;;) {
        const ask = yield* receive(isAsk);
        ask.reply(ask.body + 1);
      }
    });
    engine.spawn(function* caller() {
      for (;;) if (!(yield* call(callee, calls, 10)).timedOut) calls++;
    });
  }
  engine.step();
  const pairs = Array.from({ length: ACTORS / 2 }, () => [bareCaller(), bareCallee()] as const);
  for (const [caller, callee] of pairs) {
    caller.next();
    callee.next();
  }
  const result = await interleave(plan.rounds, () => {
    const before = calls;
    const { ms } = timed(() => {
      for (let t = 0; t < TICKS; t++) engine.step();
    });
    return (ms * 1e6) / (calls - before);
  }, () => {
    const { ms } = timed(() => {
      for (let t = 0; t < TICKS; t++) {
        for (const [caller, callee] of pairs) {
          const request = caller.next().value as { body: number };
          caller.next(callee.next(request).value);
        }
      }
    });
    return (ms * 1e6) / (TICKS * pairs.length);
  });
  return row('call + reply', result, `${ACTORS / 2} callers each calling its own callee, which replies at once; floor: the request and reply handed between two generators`);
}

function* bareCaller(): Generator<unknown, void, unknown> {
  for (let n = 0; ; n++) yield { body: n };
}

function* bareCallee(): Generator<unknown, void, unknown> {
  let request = (yield) as { body: number };
  for (;;) request = (yield { reply: request.body + 1 }) as { body: number };
}

/** A supervisor restarting children that end a tick after they start. */
async function restartCase(plan: BenchPlan): Promise<BenchRow> {
  const engine = new Engine({ seed: plan.seed });
  function* brief(): Bare {
    yield;
  }
  const sup = engine.spawn(supervisor, {
    intensity: 10 * ACTORS, period: 1 / 60, // a window of one tick: the restart log stays as short as a game's
    children: Array.from({ length: ACTORS }, (_, k) => ({ name: `child:${k}`, script: brief })),
  });
  engine.step();
  const restarts = (): number => sup.supervised!.reduce((sum, child) => sum + child.restarts, 0);
  const slots = Array.from({ length: ACTORS }, () => bareBrief());
  for (const gen of slots) gen.next();
  const result = await interleave(plan.rounds, () => {
    const before = restarts();
    const { ms } = timed(() => {
      for (let t = 0; t < TICKS; t++) engine.step();
    });
    return (ms * 1e6) / (restarts() - before);
  }, () => {
    let made = 0;
    const { ms } = timed(() => {
      for (let t = 0; t < TICKS; t++) {
        for (let k = 0; k < slots.length; k++) {
          if (slots[k]!.next().done !== true) continue;
          const next = bareBrief();
          next.next();
          slots[k] = next;
          made++;
        }
      }
    });
    return (ms * 1e6) / made;
  });
  return row('supervisor restart', result, `${ACTORS} permanent children that end a tick after they start, each respawned under its name; floor: a slot refilled with a new generator`);
}

function* bareBrief(): Bare {
  yield;
}

/** Every actor row, in the order the table shows them. */
export async function actorCases(plan: BenchPlan): Promise<BenchRow[]> {
  return [await messageCase(plan), await selectiveCase(plan, 10), await selectiveCase(plan, 100), await callCase(plan), await restartCase(plan)];
}

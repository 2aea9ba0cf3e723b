// The floors: each workload's work done by bare generators under the cheapest hand-written loop that does the same
// waits, with no engine at all. A workload's cost is reported as a ratio to its floor, measured in the same process.
import type { Random } from 'loom-threads';
import type { Body } from '../harness/workloads.ts';

/** A population of bare generators and the loop that drives them. */
export interface Floor {
  /** Runs one tick; returns how many generators it resumed. */
  tick(): number;
}

type Bare = Generator<unknown, void, unknown>;

function bareMoverScript() {
  return function* bareMover(body: Body): Bare {
    while (true) {
      yield;
      body.move();
    }
  };
}

// Generators' shared `next`, called directly: with many kinds of generator a `gen.next` lookup is megamorphic.
export const NEXT = (Object.getPrototypeOf(function* () {}) as { prototype: Bare }).prototype.next;

/**
 * `frame`'s floor: an array of suspended generators, made by `scripts` generator functions in turn, resumed
 * round-robin, one resume each per tick.
 */
export function frameFloor(bodies: readonly Body[], scripts = 1): Floor {
  const movers = Array.from({ length: scripts }, bareMoverScript);
  const gens = bodies.map((body, i) => {
    const gen = movers[i % scripts]!(body);
    gen.next();
    return gen;
  });
  return {
    tick() {
      for (let k = 0; k < gens.length; k++) NEXT.call(gens[k]!);
      return gens.length;
    },
  };
}

// The same rule as the engine's sleep: the first tick whose time reaches the deadline, at least the next one.
export function ticksOf(seconds: number, dt: number): number {
  return Math.max(1, Math.ceil(seconds / dt - 1e-9));
}

export const RING = 1024; // a power of two above the longest sleep, 600 ticks

/**
 * A calendar queue: a ring of one array per tick, of generators parked until their wake tick. O(1) per wake, the
 * cheapest sleep queue there is (a binary heap would cost O(log n) per wake).
 */
class CalendarQueue<G> {
  private readonly ring: G[][] = Array.from({ length: RING }, () => []);
  private now = 0;

  constructor(private readonly dt: number) {}

  park(gen: G, seconds: number): void {
    this.ring[(this.now + ticksOf(seconds, this.dt)) & (RING - 1)]!.push(gen);
  }

  /** Moves to the next tick and returns its bucket, which the caller empties. */
  advance(): G[] {
    this.now++;
    return this.ring[this.now & (RING - 1)]!;
  }
}

function* bareSleeper(body: Body, random: Random): Generator<number, void, unknown> {
  while (true) {
    yield random.range(0.1, 10);
    body.hop(random);
  }
}

/** `sleepers`' floor: a calendar queue of bare generators that yield their sleep in seconds. */
export function sleepersFloor(bodies: readonly Body[], random: Random, tickRate = 60): Floor {
  const queue = new CalendarQueue<Generator<number, void, unknown>>(1 / tickRate);
  for (const body of bodies) {
    const gen = bareSleeper(body, random);
    queue.park(gen, gen.next().value as number);
  }
  return {
    tick() {
      const due = queue.advance();
      const woken = due.length;
      for (let k = 0; k < woken; k++) {
        const gen = due[k]!;
        queue.park(gen, gen.next().value as number);
      }
      due.length = 0;
      return woken;
    },
  };
}

/** A sleep as a script asks for it in the engine: an object per sleep, as `sleep()` makes. */
export class FloorSleep {
  constructor(readonly seconds: number) {}
}

/** The op floor's generator: it yields one op per sleep. */
export type OpSleeper = Generator<FloorSleep, void, unknown>;

/**
 * How `yield* op` reaches the op floor: like the engine's handover, one iterator reused for every op. `sleep`
 * makes the op and returns this iterator, whose first `next` hands the op over and whose second ends the `yield*`.
 */
export class FloorHandover implements Iterator<FloorSleep, void, unknown> {
  private pending: FloorSleep | null = null;
  private readonly handed: IteratorYieldResult<FloorSleep> = { value: new FloorSleep(0), done: false };
  private readonly ended: IteratorReturnResult<void> = { value: undefined, done: true };

  sleep(seconds: number): Iterable<FloorSleep, void, unknown> {
    this.pending = new FloorSleep(seconds);
    return this;
  }

  [Symbol.iterator](): this {
    return this;
  }

  next(): IteratorResult<FloorSleep, void> {
    const op = this.pending;
    if (op === null) return this.ended;
    this.handed.value = op;
    this.pending = null;
    return this.handed;
  }
}

/** The op floor's script, its ops handed over by `handover`. */
export function opSleeperScript(handover: FloorHandover) {
  return function* opSleeper(body: Body, random: Random): OpSleeper {
    while (true) {
      yield* handover.sleep(random.range(0.1, 10));
      body.hop(random);
    }
  };
}

/**
 * The sleepers floor with the script's side of `yield* sleep()`: the generators make an op object per sleep and
 * hand it over through `yield*`, as the engine's sleepers script does; the same calendar queue reads it. Against
 * `sleepersFloor`, it weighs what the op protocol costs a script by itself, with no engine at all.
 */
export function sleepersOpFloor(bodies: readonly Body[], random: Random, tickRate = 60): Floor {
  // sleepersFloor's loop, written again: one loop for both, told how to read the sleep, would make a call per wake
  // through a function that differs by floor, and slow the plain floor.
  const queue = new CalendarQueue<OpSleeper>(1 / tickRate);
  const script = opSleeperScript(new FloorHandover());
  for (const body of bodies) {
    const gen = script(body, random);
    queue.park(gen, (gen.next().value as FloorSleep).seconds);
  }
  return {
    tick() {
      const due = queue.advance();
      const woken = due.length;
      for (let k = 0; k < woken; k++) {
        const gen = due[k]!;
        queue.park(gen, (gen.next().value as FloorSleep).seconds);
      }
      due.length = 0;
      return woken;
    },
  };
}

function* bareEphemeral(body: Body, random: Random): Bare {
  const life = random.int(1, 31);
  for (let t = 0; t < life; t++) {
    yield;
    body.move();
  }
}

/**
 * `churn`'s floor: slots resumed round-robin; a generator that finishes is replaced at once by its successor, which
 * makes its first resume in the same tick (as a thread spawned during a tick runs in it).
 */
export function churnFloor(bodies: readonly Body[], random: Random): Floor {
  const gens = bodies.map((body) => {
    const gen = bareEphemeral(body, random);
    gen.next();
    return gen;
  });
  return {
    tick() {
      let resumes = 0;
      for (let k = 0; k < gens.length; k++) {
        resumes++;
        if (gens[k]!.next().done === true) {
          const next = bareEphemeral(bodies[k]!, random);
          next.next();
          gens[k] = next;
          resumes++;
        }
      }
      return resumes;
    },
  };
}

/**
 * `churn`'s floor in the engine's run order: a successor first runs after the generators already queued in its tick,
 * and keeps that place in later ticks, so the order drifts from the order of the bodies as a spawned thread's does.
 */
export function churnQueueFloor(bodies: readonly Body[], random: Random): Floor {
  const gens = bodies.map((body) => bareEphemeral(body, random));
  let order = bodies.map((_, k) => k);
  for (const gen of gens) gen.next();
  return {
    tick() {
      const next: number[] = [];
      for (let q = 0; q < order.length; q++) {
        const k = order[q]!;
        if (gens[k]!.next().done === true) {
          gens[k] = bareEphemeral(bodies[k]!, random);
          order.push(k); // its first resume, later in this tick
        } else next.push(k);
      }
      const resumes = order.length;
      order = next;
      return resumes;
    },
  };
}

function* bareOnce(body: Body): Bare {
  body.move();
}

/** The spawn floor: create a generator per body and run it to completion. Returns how many ran. */
export function runOnceFloor(bodies: readonly Body[]): number {
  for (let k = 0; k < bodies.length; k++) bareOnce(bodies[k]!).next();
  return bodies.length;
}

/** The spawn floor with the engine's lifetimes: every generator is made first and kept, then each is run. */
export function runHeldFloor(bodies: readonly Body[]): number {
  const gens = bodies.map((body) => bareOnce(body));
  for (let k = 0; k < gens.length; k++) gens[k]!.next();
  return gens.length;
}

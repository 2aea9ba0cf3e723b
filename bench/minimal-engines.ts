// Minimal engines for `sleepers`: the least a scheduler of a given design does around the op floor's own scripts, so
// that `npm run bench:designs` can tell what a design costs from what Loom's code adds to it. Each keeps the rules
// any engine must keep: a thread can be cancelled in O(1) while it waits, threads due on a tick wake in the order
// they parked, and the queue and columns live in the scheduler's object, since a script may wake any thread. What
// they leave out (state checks, failures, accounting, other waits, sleeps past the ring) is what Loom's code adds.
import type { Random } from 'loom-threads';
import { FloorHandover, FloorSleep, NEXT, opSleeperScript, RING, ticksOf, type Floor, type OpSleeper } from './floors.ts';
import type { Body } from '../harness/workloads.ts';

/** A minimal engine: a floor's tick, and a cancel of the thread in `slot` while it waits. */
export interface MinimalEngine extends Floor {
  cancel(slot: number): void;
}

/** A FIFO of slots, as a ready queue holds them. */
class SlotQueue {
  private items = new Int32Array(1024);
  private head = 0;
  private tail = 0;

  push(slot: number): void {
    if (this.tail === this.items.length) {
      const items = new Int32Array(2 * this.items.length);
      items.set(this.items);
      this.items = items;
    }
    this.items[this.tail++] = slot;
  }

  /** Hands every slot to `run` in order, those pushed meanwhile included; returns how many it handed. */
  drain(run: (slot: number) => void): number {
    let count = 0;
    while (this.head < this.tail) {
      run(this.items[this.head++]!);
      count++;
    }
    this.head = this.tail = 0;
    return count;
  }
}

// Resumes the generator in `slot` and returns what it yielded, as an engine's core does; a model runs no script that
// fails or ends.
function nextOp(gens: readonly OpSleeper[], slot: number): unknown {
  let result: IteratorResult<FloorSleep, void>;
  try {
    result = NEXT.call(gens[slot]!) as IteratorResult<FloorSleep, void>;
  } catch (error) {
    throw new Error(`minimal engine: slot ${slot} threw`, { cause: error });
  }
  if (result.done === true) throw new Error(`minimal engine: slot ${slot} ended`);
  return result.value;
}

const READY = 0;
const WAITING = 1;
const CANCELLED = 2;

/** A thread's record in the record design: its slot, the links of the wheel slot's list, its due tick, its state. */
class ThreadRecord {
  prev: ThreadRecord | null = null;
  next: ThreadRecord | null = null;
  due = 0;
  parkedIn = -1;
  state = READY;
  constructor(readonly slot: number) {}
}

/** A wheel slot's list, its links in the threads' records (as Loom's wheel). */
class RecordList {
  first: ThreadRecord | null = null;
  last: ThreadRecord | null = null;

  push(thread: ThreadRecord): void {
    thread.prev = this.last;
    thread.next = null;
    if (this.last === null) this.first = thread;
    else this.last.next = thread;
    this.last = thread;
  }

  remove(thread: ThreadRecord): void {
    if (thread.prev === null) this.first = thread.next;
    else thread.prev.next = thread.next;
    if (thread.next === null) this.last = thread.prev;
    else thread.next.prev = thread.prev;
    thread.prev = thread.next = null;
  }
}

/**
 * `sleepers` (its scripts handing an op per sleep over `yield*`) on a minimal engine of Loom's design: a record per
 * thread, a wheel of lists linked through the records, a ready queue of slots and columns of frames and records.
 */
export function recordSleepers(bodies: readonly Body[], random: Random, tickRate = 60): MinimalEngine {
  const script = opSleeperScript(new FloorHandover());
  const dt = 1 / tickRate;
  const core = {
    tick: 0,
    gens: bodies.map((body) => script(body, random)) as OpSleeper[],
    threads: bodies.map((_, slot) => new ThreadRecord(slot)),
    wheel: Array.from({ length: RING }, () => new RecordList()),
    ready: new SlotQueue(),
    running: -1,
  };
  const park = (thread: ThreadRecord, op: unknown): void => {
    if (!(op instanceof FloorSleep)) throw new Error(`minimal engine: slot ${thread.slot} yielded no sleep`);
    const due = core.tick + ticksOf(op.seconds, dt);
    thread.state = WAITING;
    thread.due = due;
    thread.parkedIn = core.tick;
    core.wheel[due & (RING - 1)]!.push(thread);
  };
  const resume = (slot: number): void => {
    core.running = slot;
    park(core.threads[slot]!, nextOp(core.gens, slot));
    core.running = -1;
  };
  core.gens.forEach((gen, slot) => park(core.threads[slot]!, gen.next().value));
  return {
    tick() {
      const now = ++core.tick;
      const due = core.wheel[now & (RING - 1)]!;
      for (let thread = due.first; thread !== null; thread = due.first) {
        due.remove(thread);
        thread.state = READY;
        core.ready.push(thread.slot);
      }
      return core.ready.drain(resume);
    },
    cancel(slot) {
      const thread = core.threads[slot]!;
      if (thread.state !== WAITING) return;
      core.wheel[thread.due & (RING - 1)]!.remove(thread);
      thread.state = CANCELLED;
    },
  };
}

/**
 * `sleepers` on a minimal engine that keeps nothing of a waiting thread in a record: the wheel's slots hold
 * (slot, generation) pairs, a thread's generation goes up each time it parks or is cancelled, so a cancel is one
 * write and a wake skips the pairs whose generation has moved on. A full engine would also sweep the skipped pairs
 * out once they outnumber the live ones; this workload cancels nothing, so the sweep would cost it nothing.
 */
export function columnSleepers(bodies: readonly Body[], random: Random, tickRate = 60): MinimalEngine {
  const script = opSleeperScript(new FloorHandover());
  const dt = 1 / tickRate;
  const core = {
    tick: 0,
    gens: bodies.map((body) => script(body, random)) as OpSleeper[],
    flags: new Int32Array(bodies.length),
    generations: new Int32Array(bodies.length),
    wheel: Array.from({ length: RING }, () => [] as number[]),
    ready: new SlotQueue(),
    running: -1,
  };
  const park = (slot: number, op: unknown): void => {
    if (!(op instanceof FloorSleep)) throw new Error(`minimal engine: slot ${slot} yielded no sleep`);
    const due = core.tick + ticksOf(op.seconds, dt);
    core.flags[slot] = WAITING;
    core.wheel[due & (RING - 1)]!.push(slot, ++core.generations[slot]!);
  };
  const resume = (slot: number): void => {
    core.running = slot;
    park(slot, nextOp(core.gens, slot));
    core.running = -1;
  };
  core.gens.forEach((gen, slot) => park(slot, gen.next().value));
  return {
    tick() {
      const due = core.wheel[++core.tick & (RING - 1)]!;
      for (let i = 0; i < due.length; i += 2) {
        const slot = due[i]!;
        if (core.generations[slot] !== due[i + 1]) continue;
        core.flags[slot] = READY;
        core.ready.push(slot);
      }
      due.length = 0;
      return core.ready.drain(resume);
    },
    cancel(slot) {
      if (core.flags[slot] !== WAITING) return;
      core.generations[slot]!++;
      core.flags[slot] = CANCELLED;
    },
  };
}

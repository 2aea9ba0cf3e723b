// The stress workloads: plain Loom scripts written the way users write them, spawned through the public API only.
// No Node imports: the browser stress page imports this file as it is.
import {
  Engine,
  createSignal,
  join,
  receive,
  script,
  send,
  sleep,
  spawn,
  useEngine,
  wait,
  type Random,
  type Signal,
  type Thread,
} from 'loom-threads';

/** The names of the workloads. */
export type WorkloadName = 'frame' | 'sleepers' | 'mixed' | 'churn';

/** Threads move in a square world of this side; `positions` hold coordinates in [0, WORLD_SIZE). */
export const WORLD_SIZE = 1024;

/** What a spawned workload counts as it runs. */
export interface WorkloadTally {
  /** Threads of the workload that have ended. */
  endedThreads: number;
}

/** A stress workload: spawns `count` threads (plus, for some, a few helpers) into an engine. */
export interface Workload {
  readonly name: WorkloadName;
  /** One line for usage texts and tables. */
  readonly description: string;
  /**
   * Spawns the workload's threads; they first run in the next tick. Thread i writes its position to
   * `positions[2 * i]`, `positions[2 * i + 1]` each time it does its work, if `positions` is given
   * (length ≥ 2 * count). Randomness comes from `engine.random`, so the same seed gives the same run.
   */
  spawn(engine: Engine, count: number, positions?: Float32Array): WorkloadTally;
}

/**
 * The entity a frame, sleeper or churn thread drives: a position and a velocity, updated in place. The number
 * fields start as numbers: a class field declared without a value starts undefined, and V8 then stores every
 * fractional value written to it as a new heap number (so do a generator's number locals across a yield).
 */
export class Body {
  x = 0;
  y = 0;
  vx = 0;
  vy = 0;

  constructor(
    /** Which slot of `positions` it writes. */
    readonly index: number,
    x: number,
    y: number,
    vx: number,
    vy: number,
    readonly positions: Float32Array | undefined,
  ) {
    this.x = x;
    this.y = y;
    this.vx = vx;
    this.vy = vy;
  }

  /** A body at a random place with a random velocity of up to 2 units per tick. */
  static random(engine: Engine, index: number, positions: Float32Array | undefined): Body {
    const { random } = engine;
    return new Body(index, random.range(0, WORLD_SIZE), random.range(0, WORLD_SIZE), random.range(-2, 2), random.range(-2, 2), positions);
  }

  /**
   * `count` bodies placed by an engine of their own seeded with `seed` (the same seed gives the same bodies);
   * body i writes slot i of `positions`, if given.
   */
  static placed(seed: number, count: number, positions?: Float32Array): Body[] {
    const placer = new Engine({ seed });
    return Array.from({ length: count }, (_, i) => Body.random(placer, i, positions));
  }

  /** One tick of motion, wrapping around the world's edges. */
  move(): void {
    this.x = wrap(this.x + this.vx);
    this.y = wrap(this.y + this.vy);
    this.publish();
  }

  /** A random hop of up to 8 units. */
  hop(random: Random): void {
    this.x = wrap(this.x + random.range(-8, 8));
    this.y = wrap(this.y + random.range(-8, 8));
    this.publish();
  }

  /** Writes the position to its slot of `positions`, if any. */
  publish(): void {
    const positions = this.positions;
    if (positions) {
      positions[2 * this.index] = this.x;
      positions[2 * this.index + 1] = this.y;
    }
  }
}

/** Wraps a coordinate back into [0, WORLD_SIZE). */
export function wrap(v: number): number {
  return v < 0 ? v + WORLD_SIZE : v >= WORLD_SIZE ? v - WORLD_SIZE : v;
}

function newTally(): WorkloadTally {
  return { endedThreads: 0 };
}

// ---- frame: every thread wakes every tick and moves its body a little ----

/** A new function for the frame workload's script; each is a script of its own to the engine. */
function moverScript() {
  return function* mover(body: Body) {
    while (true) {
      yield;
      body.move();
    }
  };
}

/** The frame workload's script. */
export const mover = moverScript();

/**
 * `count` scripts that each do what {@link mover} does, as a game runs many scripts: each generator function gives
 * its generators a hidden class of their own, so resuming them all is what the core does in a game.
 */
export function moverScripts(count: number): (typeof mover)[] {
  return [mover, ...Array.from({ length: count - 1 }, moverScript)];
}

/**
 * An engine whose threads run the frame workload on `bodies`, each with one of `scripts` movers in turn, run one
 * tick; its `tick()` runs one more and returns how many threads it resumed, as a floor's does.
 */
export function frameEngine(bodies: readonly Body[], scripts = 1): { tick(): number } {
  const engine = new Engine({ seed: 1 });
  const movers = moverScripts(scripts);
  bodies.forEach((body, i) => engine.spawn(movers[i % scripts]!, body));
  return steppedLikeAFloor(engine);
}

/** Runs one tick of `engine`; its `tick()` runs one more and returns how many threads it resumed, as a floor's does. */
export function steppedLikeAFloor(engine: Engine): { tick(): number } {
  engine.step();
  return {
    tick() {
      const before = engine.resumes;
      engine.step();
      return engine.resumes - before;
    },
  };
}

/** A workload whose every thread runs `script` on a body of its own at a random place. */
function bodyWorkload(name: WorkloadName, description: string, script: (body: Body) => Generator<unknown, void, unknown>): Workload {
  return {
    name,
    description,
    spawn(engine, count, positions) {
      for (let i = 0; i < count; i++) engine.spawn(script, Body.random(engine, i, positions));
      return newTally();
    },
  };
}

const frame = bodyWorkload('frame', 'each thread waits one tick (a bare yield), then moves its body a little', mover);

// ---- sleepers: every thread sleeps a random 0.1 to 10 s, hops, and sleeps again ----

/** The sleepers workload's script. */
export function* sleeper(body: Body) {
  const random = useEngine().random;
  while (true) {
    yield* sleep(random.range(0.1, 10));
    body.hop(random);
  }
}

const sleepers = bodyWorkload('sleepers', 'each thread sleeps a random 0.1 to 10 s, hops, then sleeps again', sleeper);

// ---- mixed: entity-like scripts with sub-scripts, short-lived children, predicates, signals and mailboxes ----

const CHANNELS = 16;

/** A critter of the mixed workload: its own state, which its scripts read and write. */
class Critter {
  heat = 0;
  x = 0; // numbers from the start, as in Body
  y = 0;

  constructor(
    readonly index: number,
    readonly channel: number,
    x: number,
    y: number,
    readonly positions: Float32Array | undefined,
  ) {
    this.x = x;
    this.y = y;
  }

  /** Moves up to `speed` toward (tx, ty); returns true once there. */
  stepToward(tx: number, ty: number, speed: number): boolean {
    const dx = tx - this.x;
    const dy = ty - this.y;
    const distance = Math.sqrt(dx * dx + dy * dy); // Math.hypot returns a heap number each call
    if (distance <= speed) {
      this.x = tx;
      this.y = ty;
    } else {
      this.x += (dx / distance) * speed;
      this.y += (dy / distance) * speed;
    }
    this.publish();
    return distance <= speed;
  }

  publish(): void {
    const positions = this.positions;
    if (positions) {
      positions[2 * this.index] = this.x;
      positions[2 * this.index + 1] = this.y;
    }
  }
}

/** What the critters of one mixed workload share: a beat that cycles through channels, one signal per channel. */
interface Herd {
  phase: number;
  readonly beats: Signal<number>[];
  /** The critters, each taking its neighbour's step counts in its mailbox. */
  readonly threads: Thread<unknown, number>[];
  readonly tally: WorkloadTally;
}

const walkTo = script(function* walkTo(self: Critter, tx: number, ty: number) {
  let steps = 0;
  while (!self.stepToward(tx, ty, 4)) {
    self.heat = Math.max(0, self.heat - 1);
    steps++;
    yield;
  }
  return steps;
});

/** A short-lived child: heats its critter for a few ticks, then ends. */
function* spark(self: Critter, tally: WorkloadTally, ticks: number) {
  try {
    for (let t = 0; t < ticks; t++) {
      self.heat += 3;
      yield;
    }
    return self.heat;
  } finally {
    tally.endedThreads++;
  }
}

function* critter(self: Critter, herd: Herd) {
  const random = useEngine().random;
  const neighbour = herd.threads[(self.index + 1) % herd.threads.length]!;
  // Made once, not per wait: a closure per wait is garbage that lives as long as the wait.
  const myTurn = (): boolean => herd.phase === self.channel;
  while (true) {
    const steps = yield* walkTo(self, wrap(self.x + random.range(-60, 60)), wrap(self.y + random.range(-60, 60)));
    const fx = yield* spawn(spark, self, herd.tally, random.int(2, 6));
    self.heat = yield* join(fx);
    yield* wait(myTurn);
    yield* wait(herd.beats[self.channel]!);
    send(neighbour, steps);
    // Drain the mailbox: a neighbour with a shorter cycle sends more often than this one would receive.
    for (let heard = yield* receive<number>(0.25); heard !== undefined; heard = yield* receive<number>(0)) {
      self.heat += heard & 3;
    }
  }
}

/** Cycles the herd's phase every tick and emits the beat of the channel whose turn it is. */
function* drummer(herd: Herd) {
  while (true) {
    yield;
    herd.phase = (herd.phase + 1) % CHANNELS;
    herd.beats[herd.phase]!.emit(herd.phase);
  }
}

const mixed: Workload = {
  name: 'mixed',
  description: 'entity scripts: a walkTo sub-script, a joined short-lived child, a predicate, a signal, a mailbox',
  spawn(engine, count, positions) {
    const beats = Array.from({ length: CHANNELS }, (_, c) => createSignal<number>(`beat.${c}`));
    const herd: Herd = { phase: 0, beats, threads: [], tally: newTally() };
    for (let i = 0; i < count; i++) {
      const self = new Critter(i, i % CHANNELS, engine.random.range(0, WORLD_SIZE), engine.random.range(0, WORLD_SIZE), positions);
      herd.threads.push(engine.spawn(critter, self, herd));
    }
    if (count > 0) engine.spawn({ name: 'drummer' }, drummer, herd);
    return herd.tally;
  },
};

// ---- churn: threads live 1 to 30 ticks, then each starts its successor and ends ----

const DETACHED = { detached: true };

/** The churn workload's script. */
export function* ephemeral(body: Body, tally: WorkloadTally): Generator<unknown, void, unknown> {
  const life = useEngine().random.int(1, 31);
  for (let t = 0; t < life; t++) {
    yield;
    body.move();
  }
  yield* spawn(DETACHED, ephemeral, body, tally);
  tally.endedThreads++;
}

const churn: Workload = {
  name: 'churn',
  description: 'each thread lives 1 to 30 ticks, moving, then spawns its successor (detached) and ends',
  spawn(engine, count, positions) {
    const tally = newTally();
    for (let i = 0; i < count; i++) engine.spawn(ephemeral, Body.random(engine, i, positions), tally);
    return tally;
  },
};

/** Every workload, by name. */
export const workloads: Record<WorkloadName, Workload> = { frame, sleepers, mixed, churn };

/** The workload names, in the order usage texts list them. */
export const WORKLOAD_NAMES = Object.keys(workloads) as WorkloadName[];

/** Whether `name` names a workload. */
export function isWorkloadName(name: string): name is WorkloadName {
  return Object.hasOwn(workloads, name);
}

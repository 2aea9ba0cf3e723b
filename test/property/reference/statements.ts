import type { Block, Stmt, Target } from '../program.ts';
import { groupWait, timerBranch, type Branch } from './groups.ts';
import { type MThread, type Model, type Request, type WaitRequest } from './model.ts';
import { joinOutcome } from './switch.ts';
import { ModelError, ModelProgramError, isModelCancellation, showModelError } from './values.ts';
import { showValue } from './show.ts';
import { ACTOR_STATEMENTS } from './actors.ts';

// What each statement of a generated program does, as the model's program code: one entry per statement kind in
// `STATEMENTS`. An op added to the programs gets an entry here (and a wait request if it waits).

/** What the model's program code shares in one run. */
export interface ModelWorld {
  model: Model;
  /** The waiters of each signal, in the order they began waiting. */
  signalWaiters: MThread[][];
  emissions: number;
  spawns: number;
  errors: number;
  /** Program threads in the order the program first sees them: what `thread[i]` names. */
  seen: MThread[];
  receivers: Set<MThread>;
  /** Messages made so far: each one's text is `kind#serial`. */
  messages: number;
  /** Names and groups (see actors.ts). */
  names: Map<string, MThread>;
  groups: Map<string, MThread[]>;
}

/** A new message's text: `kind#serial`, numbered in the order messages are made. */
export function message(world: ModelWorld, kind: string): string {
  return `${kind}#${++world.messages}`;
}

export type Self = { thread: MThread };
export type Run<S extends Stmt = Stmt> = (world: ModelWorld, self: Self, stmt: S) => Generator<Request, void, unknown>;
type Table = { [K in Stmt['k']]: Run<Extract<Stmt, { k: K }>> };

/** A program thread: notes its start, then runs its block. */
export function spawnProgramThread(world: ModelWorld, parent: MThread | null, body: Block, owned: boolean): MThread {
  const self = { thread: null as unknown as MThread };
  self.thread = world.model.create(++world.spawns, parent, threadScript(world, self, body), owned);
  return self.thread;
}

export function* threadScript(world: ModelWorld, self: Self, body: Block): Generator<Request, void, unknown> {
  see(world, self.thread);
  world.model.observe(self.thread, 'start');
  yield* block(world, self, body);
}

export function see(world: ModelWorld, thread: MThread): void {
  if (thread.seen) return;
  thread.seen = true;
  world.seen.push(thread);
}

function* block(world: ModelWorld, self: Self, body: Block): Generator<Request, void, unknown> {
  for (const stmt of body) yield* (STATEMENTS[stmt.k] as Run)(world, self, stmt);
}

/** A wait the program observes: what it returned, or what it threw, and in which tick. */
export function* waitOn(world: ModelWorld, self: Self, wait: WaitRequest): Generator<Request, unknown, unknown> {
  try {
    const value = yield { k: 'wait', wait };
    world.model.observe(self.thread, `${wait.name} -> ${showValue(value)}`);
    return value;
  } catch (error) {
    world.model.observe(self.thread, `${wait.name} threw ${showModelError(error)}`);
    throw error;
  }
}

function timed(name: string, ticks: number): WaitRequest {
  return {
    name,
    enter(model, thread) {
      model.park(thread, model.timers.add(thread, model.tick, model.tick + ticks));
      return { now: false };
    },
  };
}

const BARE_YIELD: WaitRequest = {
  name: 'yield',
  enter(model, thread) {
    model.yieldTick(thread);
    return { now: false };
  },
};

export function resolve(world: ModelWorld, self: Self, target: Target): MThread | null {
  const pick = (list: readonly MThread[], index: number): MThread | null => (list.length === 0 ? null : list[index % list.length]!);
  switch (target.kind) {
    case 'self': return self.thread;
    case 'parent': return self.thread.parent;
    case 'child': return pick(self.thread.spawned, target.index);
    case 'any': return pick(world.seen, target.index);
  }
}

/**
 * A message sent to a live thread: a receive it waits in, or a branch's receive from its mailbox, takes it; a
 * selective receive only if it matches (it has seen every older message).
 */
export function sendTo(world: ModelWorld, thread: MThread, message: unknown): void {
  thread.mailbox.push(message);
  const receiver = world.receivers.has(thread) ? thread : thread.receiver;
  if (receiver === null) return;
  if (receiver.matcher === null) world.model.wake(receiver, thread.mailbox.shift());
  else if (receiver.matcher(message)) world.model.wake(receiver, thread.mailbox.pop());
}

/** A branch of a race, all or timeout receives from the mailbox of the thread that started it. */
export function mailboxOwner(thread: MThread): MThread {
  let owner = thread;
  while (owner.group !== null && owner.parent !== null) owner = owner.parent;
  return owner;
}

/** An emit: every waiter of the signal wakes with it, in the order they began waiting. */
export function emit(world: ModelWorld, signal: number): void {
  const serial = ++world.emissions;
  for (const waiter of world.signalWaiters[signal]!.slice()) world.model.wake(waiter, { serial });
}

// A branch of a race, all or timeout: numbered when the statement runs, its thread made when the group starts.
function branchesOf(world: ModelWorld, bodies: Block[]): Branch[] {
  return bodies.map((body) => {
    const seq = ++world.spawns;
    const self = { thread: null as unknown as MThread };
    return { seq, gen: threadScript(world, self, body), bind: (thread: MThread) => { self.thread = thread; } };
  });
}

export const STATEMENTS: Table = {
  ...ACTOR_STATEMENTS,
  *yield(world, self) {
    yield* waitOn(world, self, BARE_YIELD);
  },
  *waitTicks(world, self, stmt) {
    yield* waitOn(world, self, timed(`wait(${stmt.ticks})`, stmt.ticks));
  },
  *sleep(world, self, stmt) {
    yield* waitOn(world, self, timed('sleep', stmt.ticks));
  },
  *waitUntil(world, self, stmt) {
    const victim = stmt.cancels && resolve(world, self, stmt.cancels);
    yield* waitOn(world, self, {
      name: 'wait(until)',
      enter(model, thread) {
        const firstCheck = (): void => {
          if (victim) model.cancel(victim);
          if (stmt.throws) throw new ModelProgramError(++world.errors);
        };
        const waiter = { thread, due: model.tick + stmt.ticks, firstCheck };
        model.predicates.push(waiter);
        model.park(thread, { leave: (m) => { m.predicates.splice(m.predicates.indexOf(waiter), 1); } });
        return { now: false };
      },
    });
  },
  *waitSignal(world, self, stmt) {
    const waiters = world.signalWaiters[stmt.signal]!;
    yield* waitOn(world, self, {
      name: 'wait(signal)',
      enter(model, thread) {
        waiters.push(thread);
        model.park(thread, { leave: () => { waiters.splice(waiters.indexOf(thread), 1); } });
        return { now: false };
      },
    });
  },
  *emit(world, _self, stmt) {
    emit(world, stmt.signal);
  },
  *spawn(world, self, stmt) {
    const seq = ++world.spawns;
    const child = (yield* waitOn(world, self, {
      name: 'spawn',
      enter(model, thread) {
        const inner = { thread: null as unknown as MThread };
        inner.thread = model.create(seq, thread, threadScript(world, inner, stmt.body), !stmt.detached);
        return { now: true, value: inner.thread };
      },
    })) as MThread;
    self.thread.spawned.push(child);
    see(world, child);
  },
  *join(world, self, stmt) {
    const children = self.thread.spawned;
    const child = children[stmt.child % Math.max(1, children.length)];
    if (!child) return;
    yield* waitOn(world, self, {
      name: 'join',
      enter(model, thread) {
        if (!child.alive) return { now: true, ...throwsOf(joinOutcome(child)) };
        child.joiners.push(thread);
        model.park(thread, { leave: () => { child.joiners.splice(child.joiners.indexOf(thread), 1); } });
        return { now: false };
      },
    });
  },
  *cancel(world, self, stmt) {
    const thread = resolve(world, self, stmt.target);
    if (thread) world.model.cancel(thread);
  },
  *send(world, self, stmt) {
    const thread = resolve(world, self, stmt.target);
    if (thread?.alive) sendTo(world, thread, message(world, 'send'));
  },
  *receive(world, self, stmt) {
    keep(self.thread, yield* waitOn(world, self, receiveWait(world, 'receive', stmt.ticks, null)));
  },
  *race(world, self, stmt) {
    const list = branchesOf(world, stmt.branches);
    yield* waitOn(world, self, groupWait('race', 'race', list, (index) => ({ winner: `b${index}` })));
  },
  *all(world, self, stmt) {
    const list = branchesOf(world, stmt.branches);
    yield* waitOn(world, self, groupWait('all', 'all', list, (_index, results) => [...results]));
  },
  *timeout(world, self, stmt) {
    const [body] = branchesOf(world, [stmt.body]);
    const timer = { seq: 0, gen: timerBranch(stmt.ticks), bind: () => {} };
    yield* waitOn(world, self, groupWait('timeout', 'race', [body!, timer], (index) => ({ timedOut: index === 1 })));
  },
  *call(world, self, stmt) {
    if (stmt.frame) yield { k: 'frame', gen: block(world, self, stmt.body), shield: false };
    else yield* block(world, self, stmt.body);
  },
  *throw(world) {
    throw new ModelProgramError(++world.errors);
  },
  *crowd(world, self, stmt) {
    for (let i = 0; i < stmt.count; i++) yield* STATEMENTS.spawn(world, self, { k: 'spawn', detached: false, body: stmt.body });
  },
  *shield(world, self, stmt) {
    yield { k: 'frame', gen: block(world, self, stmt.body), shield: true };
  },
  *try(world, self, stmt) {
    try {
      try {
        yield* block(world, self, stmt.body);
      } catch (error) {
        if (stmt.handler === null || isModelCancellation(error)) throw error;
        yield* block(world, self, stmt.handler.body);
        if (stmt.handler.rethrow) throw error;
      }
    } finally {
      if (stmt.cleanup?.shielded) yield { k: 'frame', gen: block(world, self, stmt.cleanup.body), shield: true };
      else if (stmt.cleanup) yield* block(world, self, stmt.cleanup.body);
    }
  },
};

/**
 * A receive as a wait: the oldest message (that `match` accepts, if given) or, none queued, parked until a send
 * brings one (or `ticks` run out).
 */
export function receiveWait(world: ModelWorld, name: string, ticks: number | null, match: ((message: unknown) => boolean) | null): WaitRequest {
  return {
    name,
    enter(model, thread) {
      const owner = mailboxOwner(thread);
      const at = match === null ? (owner.mailbox.length > 0 ? 0 : -1) : owner.mailbox.findIndex(match);
      if (at >= 0) return { now: true, value: owner.mailbox.splice(at, 1)[0] };
      if (owner !== thread && owner.receiver !== null) return { now: true, value: new ModelError('LoomError'), throws: true };
      if (owner !== thread) owner.receiver = thread;
      world.receivers.add(thread);
      thread.matcher = match;
      const timer = ticks === null ? null : model.timers.add(thread, model.tick, model.tick + ticks);
      model.park(thread, {
        leave: (m, t) => {
          world.receivers.delete(t);
          t.matcher = null;
          if (owner.receiver === t) owner.receiver = null;
          timer?.leave(m, t);
        },
      });
      return { now: false };
    },
  };
}

/** A request received is kept for a later `reply`, by whichever receive took it. */
export function keep(thread: MThread, message: unknown): void {
  if (typeof message === 'object' && message !== null && 'reply' in message) thread.requests.push(message as unknown as MThread['requests'][number]);
}

function throwsOf(outcome: { mode: 'next' | 'throw'; value: unknown }): { value: unknown; throws: boolean } {
  return { value: outcome.value, throws: outcome.mode === 'throw' };
}

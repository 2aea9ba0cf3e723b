import {
  ThreadState, all, isCancellation, join, race, receive, script, send, shield, sleep, spawn, timeout, useThread, wait,
  type ScriptChange, type Signal, type Thread,
} from '../../engine/index.ts';
import type { Block, Cleanup, Handler, Stmt, Target } from './program.ts';
import type { Recorder, SpawnToken } from './recorder.ts';
import { showError } from './failures.ts';
import { showValue } from './reference/show.ts';
import type { ThreadContext } from './thread-context.ts';
import { isActorStmt, keep, plainMessage, runActorStmt } from './actor-interpreter.ts';

/** What the interpreted scripts share in one run: the recorder, the signals, seconds per tick, the scripts' versions. */
export interface World {
  recorder: Recorder;
  signals: Signal<Emission>[];
  dt: number;
  /** The newest version of each script, which a hot reload replaces: what a reload replaces next. */
  versions: Versions;
}

/** The interpreter's two scripts, as a module of the program would export them. */
export interface Versions {
  thread: typeof threadScript;
  sub: typeof subScript;
}

/** The value of one emit: its serial tells which emit woke a waiter. */
export interface Emission {
  serial: number;
}

type Operation<T = unknown> = Iterable<unknown, T, unknown>;

/**
 * A new version of the script of a spawned thread (root, child or branch), as an edited module would define it: a
 * generator function of its own, with the same code, or (`broken`) one that throws as it begins. It runs `body`,
 * noting when it first runs and each restart.
 */
export function threadScriptVersion(broken = false) {
  return function* threadScript(world: World, token: SpawnToken, body: Block): Generator<unknown, void, unknown> {
    const thread = useThread();
    world.recorder.begin(thread, token);
    if (broken) throw world.recorder.failures.create(`the broken new code of ${thread.label}`);
    yield* runBlock(world, body);
  };
}

/** A new version of the sub-script that `call script()` runs; see {@link threadScriptVersion}. */
export function subScriptVersion(broken = false) {
  return script(function* sub(world: World, body: Block) {
    if (broken) throw world.recorder.failures.create(`the broken new code of ${useThread().label}`);
    yield* runBlock(world, body);
  });
}

/** The first versions: what the host spawns, and the interpreter calls (a reload makes the engine run the newest). */
export const threadScript = threadScriptVersion();
const subScript = subScriptVersion();

/** The scripts' first versions, for a run's {@link World}. */
export function firstVersions(): Versions {
  return { thread: threadScript, sub: subScript };
}

/** The reload of the interpreter's `which` script by a new version of it. */
export function reloadChange(world: World, which: 'thread' | 'sub', broken: boolean): ScriptChange {
  const from = world.versions[which];
  const to = which === 'thread' ? threadScriptVersion(broken) : subScriptVersion(broken);
  world.versions = { ...world.versions, [which]: to };
  return { from, to };
}

const CALL = 'script() call';

const BARE_YIELD: Operation<void> = {
  *[Symbol.iterator]() {
    yield;
  },
};

/** Runs a block as a plain generator; a frame record notes if its generator is ever dropped unfinished. */
function* runBlock(world: World, body: Block): Generator<unknown, void, unknown> {
  const context = world.recorder.contextOf(useThread());
  const frame = world.recorder.openFrame(`a block of ${context.thread.label}`);
  try {
    for (const stmt of body) yield* runStmt(world, context, stmt);
  } finally {
    world.recorder.closeFrame(frame);
  }
}

function* runStmt(world: World, context: ThreadContext, stmt: Stmt): Generator<unknown, void, unknown> {
  const recorder = world.recorder;
  context.point(stmt.k);
  if (isActorStmt(stmt)) return yield* runActorStmt(world, context, stmt);
  switch (stmt.k) {
    case 'yield': return yield* waitOn(context, 'yield', BARE_YIELD);
    case 'waitTicks': return yield* waitOn(context, `wait(${stmt.ticks})`, wait(stmt.ticks));
    case 'sleep': return yield* waitOn(context, 'sleep', sleep(stmt.ticks * world.dt));
    case 'waitUntil': return yield* waitOn(context, 'wait(until)', wait(until(world, context, stmt)));
    case 'waitSignal': {
      const seq = ++recorder.signalWaitSeq;
      const emission = yield* waitOn(context, 'wait(signal)', wait(world.signals[stmt.signal]!));
      recorder.signalWoke(emission.serial, seq);
      return;
    }
    case 'emit':
      world.signals[stmt.signal]!.emit({ serial: ++recorder.emissions });
      return;
    case 'spawn': {
      const token = recorder.newSpawn();
      const options = { name: `t${token.seq}`, detached: stmt.detached };
      const child = yield* waitOn(context, 'spawn', spawn(options, threadScript, world, token, stmt.body));
      context.children.push(child);
      recorder.seeProgram(child, token);
      return;
    }
    case 'join': {
      const child = context.children[stmt.child % Math.max(1, context.children.length)];
      if (child) yield* waitOn(context, 'join', join(child), !child.alive);
      return;
    }
    case 'cancel': {
      const thread = resolve(world, context, stmt.target);
      if (thread) recorder.cancel(thread);
      return;
    }
    case 'send': {
      const thread = resolve(world, context, stmt.target);
      if (thread?.alive) send(thread as ProgramThread, recorder.message('send'));
      return;
    }
    case 'receive':
      keep(context, yield* waitOn(context, 'receive', stmt.ticks === null ? receive() : receive(stmt.ticks * world.dt)));
      return;
    case 'race': {
      const entries = Object.fromEntries(stmt.branches.map((branch, i) => [`b${i}`, branchOf(world, branch)]));
      yield* waitOn(context, 'race', race(entries));
      return;
    }
    case 'all':
      yield* waitOn(context, 'all', all(stmt.branches.map((branch) => branchOf(world, branch))));
      return;
    case 'timeout':
      yield* waitOn(context, 'timeout', timeout(stmt.ticks * world.dt, branchOf(world, stmt.body)));
      return;
    case 'call':
      if (stmt.frame) yield* waitOn(context, CALL, subScript(world, stmt.body));
      else yield* runBlock(world, stmt.body);
      return;
    case 'throw':
      throw recorder.failures.create(context.thread.label);
    case 'shield':
      return yield* runShield(world, context, stmt.body);
    case 'crowd':
      for (let i = 0; i < stmt.count; i++) yield* runStmt(world, context, { k: 'spawn', detached: false, body: stmt.body });
      return;
    case 'try':
      return yield* runTry(world, context, stmt.body, stmt.handler, stmt.cleanup);
  }
}

/**
 * Every wait goes through here: it notes a cancel delivered, checks that a cancel which landed is what the wait ends
 * with, and registers failures as they arrive.
 */
export function* waitOn<T>(context: ThreadContext, what: string, op: Operation<T>, lateJoin = false): Generator<unknown, T, unknown> {
  // A sub-script call's return is a frame boundary, not a wait: a cancel asked in the callee is due at the next wait.
  const wait = what !== CALL;
  const recorder = context.recorder;
  try {
    const value = yield* op;
    if (wait) recorder.observe(context.thread, `${what} -> ${showValue(plainMessage(context, value))}`);
    context.point(`code after ${what}`);
    if (wait) context.resumed(what, false);
    return value;
  } catch (error) {
    if (wait) recorder.observe(context.thread, `${what} threw ${showError(error)}`);
    if (isCancellation(error)) context.deliver();
    else {
      if (wait) context.resumed(what, true);
      if (lateJoin) context.recorder.failures.rejoined(error);
      else context.recorder.failures.arrived(error);
    }
    throw error;
  }
}

// A branch of race/all/timeout: a plain generator, run by the branch thread, which notes its own start. It runs
// the newest version, as code reloaded with its module would.
function branchOf(world: World, body: Block): Operation {
  const token = world.recorder.newSpawn();
  return {
    [Symbol.iterator]: () => world.versions.thread(world, token, body),
  };
}

function* runTry(
  world: World, context: ThreadContext, body: Block, handler: Handler | null, cleanup: Cleanup | null,
): Generator<unknown, void, unknown> {
  let inFlight: { error: unknown } | null = null;
  try {
    try {
      yield* runBlock(world, body);
    } catch (error) {
      if (handler === null || isCancellation(error)) throw error;
      yield* runHandler(world, context, handler, error);
    }
  } catch (error) {
    if (isCancellation(error)) context.deliver();
    inFlight = { error };
    throw error;
  } finally {
    if (cleanup) yield* runCleanup(world, context, cleanup, inFlight);
  }
}

function* runHandler(world: World, context: ThreadContext, handler: Handler, error: unknown): Generator<unknown, void, unknown> {
  const failures = world.recorder.failures;
  // A catch of an error that cleanup threw while cancelling runs as cleanup does (the design lets catch blocks run).
  const cleanup = context.replaced;
  if (!handler.rethrow) {
    failures.observe(error);
    if (cleanup) context.swallowed = true;
  }
  if (cleanup) context.cleanupDepth++;
  let replaced = handler.rethrow;
  try {
    context.point('catch');
    yield* runBlock(world, handler.body);
    replaced = false;
  } finally {
    if (cleanup) context.cleanupDepth--;
    if (replaced) failures.supersede(error);
  }
  if (handler.rethrow) throw error;
}

function* runCleanup(
  world: World, context: ThreadContext, cleanup: Cleanup, inFlight: { error: unknown } | null,
): Generator<unknown, void, unknown> {
  const recorder = world.recorder;
  const cancelling = context.delivered;
  const record = recorder.beginFinally(`a finally of ${context.thread.label}`, cleanup.shielded, cancelling);
  if (cancelling) context.cleanupDepth++;
  let exit: 'ok' | 'threw' | 'cancelled' = 'cancelled';
  // A shielded body that ran to its end completed the cleanup, though the cancel it held is thrown where it ends.
  let completed = false;
  try {
    context.point('finally');
    if (cleanup.shielded) yield* runShield(world, context, cleanup.body, () => (completed = true));
    else yield* runBlock(world, cleanup.body);
    exit = 'ok';
  } catch (error) {
    exit = isCancellation(error) ? 'cancelled' : 'threw';
    if (exit === 'cancelled') context.deliver(); // it may be thrown at the shield, a wait that is not wrapped
    if (exit === 'threw' && context.delivered) context.replaced = true;
    throw error;
  } finally {
    if (exit !== 'ok' && inFlight !== null && !isCancellation(inFlight.error)) recorder.failures.supersede(inFlight.error);
    record.exit = completed ? 'ok' : exit;
    if (cancelling) context.cleanupDepth--;
  }
}

/** A shielded block: a cancel that lands meanwhile (or was due as it began) must be thrown where the shield ends. */
function* runShield(world: World, context: ThreadContext, body: Block, completed = (): void => {}): Generator<unknown, void, unknown> {
  try {
    yield* shield(shielded(world, context, body, completed));
  } catch (error) {
    if (isCancellation(error)) context.deliver();
    throw error;
  }
  context.shieldReturned();
}

function* shielded(world: World, context: ThreadContext, body: Block, completed: () => void): Generator<unknown, void, unknown> {
  context.enterShield();
  try {
    yield* runBlock(world, body);
    completed();
  } finally {
    context.leaveShield();
  }
}

// A predicate holding `ticks` ticks after the wait began. The first time the engine checks it between resumes, it
// cancels its target, then throws if told to (not in the check at the wait itself: whether a thread cancelling
// itself there is cancelled at that wait or the next, the design leaves open).
function until(world: World, context: ThreadContext, stmt: Extract<Stmt, { k: 'waitUntil' }>): () => boolean {
  const engine = world.recorder.engine;
  const due = engine.tick + stmt.ticks;
  const victim = stmt.cancels && resolve(world, context, stmt.cancels);
  let checked = false;
  return function until() {
    if (!checked && context.thread.state !== ThreadState.RUNNING) {
      checked = true;
      if (victim) world.recorder.cancel(victim);
      if (stmt.throws) throw world.recorder.failures.create(`the predicate of ${context.thread.label}`);
    }
    return engine.tick >= due;
  };
}

/** Every program thread runs threadScript, whose receives are untyped: each takes a string. */
export type ProgramThread = Thread<unknown, string>;

export function resolve(world: World, context: ThreadContext, target: Target): Thread | null {
  const pick = <T>(list: readonly T[], index: number): T | null => (list.length === 0 ? null : list[index % list.length]!);
  switch (target.kind) {
    case 'self': return context.thread;
    case 'parent': return context.thread.parent;
    case 'child': return pick(context.children, target.index);
    case 'any': return pick(world.recorder.programThreads, target.index);
  }
}

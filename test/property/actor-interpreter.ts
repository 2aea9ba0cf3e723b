import {
  broadcast, call, demonitor, Down, joinGroup, members, monitor, receive, register, Request, sendAfter, sendTo, spawn,
  supervisor, whereis, type ChildSpec, type Thread,
} from '../../engine/index.ts';
import { resolve, threadScript, waitOn, type World } from './interpreter.ts';
import type { Block, MatchKind, Stmt } from './program.ts';
import type { ThreadContext } from './thread-context.ts';

// The actor ops of a generated program, on the engine: selective receive, names and groups, monitors, calls and
// their replies, sendAfter. The reference model runs the same statements in reference/actors.ts.

export type ActorStmt = Extract<Stmt, { k: ActorKind }>;
export type ActorKind = 'receiveMatch' | 'register' | 'whereis' | 'sendName' | 'joinGroup' | 'members' | 'broadcast'
  | 'monitor' | 'demonitor' | 'callChild' | 'reply' | 'sendAfter' | 'supervise';

const ACTOR_KINDS = new Set<string>(['receiveMatch', 'register', 'whereis', 'sendName', 'joinGroup', 'members', 'broadcast',
  'monitor', 'demonitor', 'callChild', 'reply', 'sendAfter', 'supervise']);

export function isActorStmt(stmt: Stmt): stmt is ActorStmt {
  return ACTOR_KINDS.has(stmt.k);
}

/** The match function of a selective receive of `kind`. */
function matcher(kind: MatchKind): (message: unknown) => boolean {
  if (kind === 'request') return (message) => message instanceof Request;
  if (kind === 'down') return (message) => message instanceof Down;
  return (message) => typeof message === 'string' && message.startsWith(`${kind}#`);
}

export function* runActorStmt(world: World, context: ThreadContext, stmt: ActorStmt): Generator<unknown, void, unknown> {
  const recorder = world.recorder;
  const self = context.thread;
  switch (stmt.k) {
    case 'receiveMatch': {
      const match = matcher(stmt.match);
      const op = stmt.ticks === null ? receive(match) : receive(match, stmt.ticks * world.dt);
      keep(context, yield* waitOn(context, `receive(${stmt.match})`, op));
      return;
    }
    case 'register': return yield* waitOn(context, 'register', register(`n${stmt.name}`));
    case 'whereis': {
      const holder = yield* waitOn(context, 'whereis', whereis(`n${stmt.name}`));
      recorder.observe(self, `n${stmt.name} is ${holder === null ? 'free' : `s${recorder.seqOf(holder)}`}`);
      return;
    }
    case 'sendName': return synchronously(context, () => sendTo(`n${stmt.name}`, recorder.message('send')));
    case 'joinGroup': return yield* waitOn(context, 'joinGroup', joinGroup(`g${stmt.group}`));
    case 'members': {
      const list = yield* waitOn(context, 'members', members(`g${stmt.group}`));
      recorder.observe(self, `g${stmt.group} has [${list.map((t) => `s${recorder.seqOf(t)}`).join(' ')}]`);
      return;
    }
    case 'broadcast': {
      const reached = broadcast(`g${stmt.group}`, recorder.message('send'));
      recorder.observe(self, `broadcast g${stmt.group} reached ${reached}`);
      return;
    }
    case 'monitor': {
      const target = resolve(world, context, stmt.target);
      if (target) context.monitors.push(yield* waitOn(context, 'monitor', monitor(target)));
      return;
    }
    case 'demonitor': {
      const watch = context.monitors[stmt.index % Math.max(1, context.monitors.length)];
      if (watch) recorder.observe(self, `demonitor -> ${demonitor(watch)}`);
      return;
    }
    case 'callChild': {
      const child = context.children[stmt.child % Math.max(1, context.children.length)];
      if (child) yield* waitOn(context, 'call', call(child as Thread<unknown, Request>, recorder.message('request'), stmt.ticks * world.dt));
      return;
    }
    case 'reply': {
      const request = context.requests.shift();
      if (request) recorder.observe(self, `reply to ${String(request.body)} -> ${request.reply(`answer to ${String(request.body)}`)}`);
      return;
    }
    case 'sendAfter': {
      const target = resolve(world, context, stmt.target);
      if (target) sendAfter(stmt.ticks * world.dt, target, recorder.message('after'));
      return;
    }
    case 'supervise': return yield* supervise(world, context, stmt);
  }
}

// The supervisor is seen by the program (a cancel or monitor of `thread[i]` may name it); its children are
// numbered, as threads of the program, each time they start.
function* supervise(world: World, context: ThreadContext, stmt: Extract<Stmt, { k: 'supervise' }>): Generator<unknown, void, unknown> {
  const token = world.recorder.newSpawn();
  const children: ChildSpec[] = stmt.children.map((child, i) => ({
    name: `t${token.seq}/c${i}`, script: supervisedChild, args: [world, child.body], restart: child.restart,
  }));
  const options = { strategy: stmt.strategy, intensity: stmt.intensity, period: stmt.period * world.dt, delay: stmt.delay * world.dt, children };
  const thread: Thread = yield* waitOn(context, 'supervise', spawn({ name: `t${token.seq}` }, supervisor, options));
  world.recorder.seeProgram(thread, token);
}

/** A supervised child: a program thread numbered as it starts (its supervisor observes its failure: recorder.ts). */
function* supervisedChild(world: World, body: Block): Generator<unknown, void, unknown> {
  yield* threadScript(world, world.recorder.newSpawn(false), body);
}

/** A request received is kept for a later `reply`, by whichever receive took it. */
export function keep(context: ThreadContext, message: unknown): void {
  if (message instanceof Request) context.requests.push(message);
}

// An op called as a plain function (not a wait): what it throws fails the statement, and is tracked as a failure.
function synchronously(context: ThreadContext, act: () => void): void {
  try {
    act();
  } catch (error) {
    context.recorder.failures.arrived(error);
    throw error;
  }
}

/** A message as observations print it: a Down or a Request in the plain shape the reference model's have. */
export function plainMessage(context: ThreadContext, value: unknown): unknown {
  if (value instanceof Down) return { down: context.recorder.seqOf(value.thread), ending: value.ending };
  if (value instanceof Request) return { request: value.body };
  return value;
}

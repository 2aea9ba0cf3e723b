import type { MatchKind } from '../program.ts';
import type { CallRequest, EndWatch, MThread, Model, Request, WaitRequest } from './model.ts';
import { supervisorScript } from './supervisor.ts';
import {
  keep, mailboxOwner, see, message, receiveWait, resolve, sendTo, waitOn, type ModelWorld, type Run,
} from './statements.ts';
import { ModelError } from './values.ts';

// The actor ops of the generated programs, from docs/actors.md: names and groups a thread leaves the moment it
// ends; monitors whose Down reaches the watcher's mailbox as the target ends (at once if it has); calls matched to
// their reply, ending early if the callee ends first; sendAfter as a detached timer thread; selective receive.

type ActorKind = 'receiveMatch' | 'register' | 'whereis' | 'sendName' | 'joinGroup' | 'members' | 'broadcast'
  | 'monitor' | 'demonitor' | 'callChild' | 'reply' | 'sendAfter' | 'supervise';
type ActorTable = { [K in ActorKind]: Run<Extract<import('../program.ts').Stmt, { k: K }>> };

/** The model's Down message: which thread ended, how, and the monitor that posted it. */
export interface ModelDown {
  down: number;
  ending: string;
  monitor: EndWatch;
  thread: MThread;
  tick: number;
}

function matcher(kind: MatchKind): (message: unknown) => boolean {
  if (kind === 'request') return (m) => typeof m === 'object' && m !== null && 'reply' in m;
  if (kind === 'down') return (m) => typeof m === 'object' && m !== null && 'down' in m;
  return (m) => typeof m === 'string' && m.startsWith(`${kind}#`);
}

/** An op that ends at once: its value, or the LoomError it throws. */
export function instant(name: string, act: (model: Model, thread: MThread) => unknown): WaitRequest {
  return {
    name,
    enter(model, thread) {
      try {
        return { now: true, value: act(model, thread) };
      } catch (error) {
        if (!(error instanceof ModelError)) throw error;
        return { now: true, value: error, throws: true };
      }
    },
  };
}

function watch(target: MThread, made: EndWatch): EndWatch {
  target.watchers.push(made);
  made.watcher.watching.push(made);
  return made;
}

export function monitorOf(world: ModelWorld, watcher: MThread, target: MThread): EndWatch {
  const made: EndWatch = {
    active: true,
    watcher,
    targetEnded() {
      const down: ModelDown = { down: target.seq, ending: target.state, monitor: made, thread: target, tick: world.model.tick };
      sendTo(world, watcher, down);
    },
  };
  if (target.alive) return watch(target, made);
  made.active = false;
  made.targetEnded(world.model);
  return made;
}

// A call: its request reaches the callee's mailbox; the caller waits for the reply, its time, or the callee's end.
function callWait(world: ModelWorld, callee: MThread, body: string, ticks: number): WaitRequest {
  return {
    name: 'call',
    enter(model, caller) {
      if (!callee.alive) return { now: true, value: new ModelError('LoomError'), throws: true };
      const timer = model.timers.add(caller, model.tick, model.tick + ticks, { timedOut: true });
      const parking = { leave: timer.leave };
      const waiting = (): boolean => caller.parking === parking;
      const request: CallRequest = {
        request: body,
        reply(answer) {
          if (!waiting()) return false;
          model.wake(caller, { timedOut: false, value: answer });
          return true;
        },
      };
      sendTo(world, callee, request);
      watch(callee, {
        active: true,
        watcher: caller,
        targetEnded(m) {
          if (waiting()) m.makeReady(caller, 'throw', new ModelError('LoomError'));
        },
      });
      model.park(caller, parking);
      return { now: false };
    },
  };
}

// sendAfter's timer: a detached thread the program does not see, which waits until the tick due and posts.
function* timerThread(world: ModelWorld, due: number, target: MThread, text: string): Generator<Request, void, unknown> {
  const model = world.model;
  if (due > model.tick) {
    yield {
      k: 'wait',
      wait: { name: 'wait', enter(m, thread) { m.park(thread, m.timers.add(thread, m.tick, due)); return { now: false }; } },
    };
  }
  if (target.alive) sendTo(world, target, text);
}

/** A thread has ended: it leaves its names and groups, drops its watches, and its watchers are told in order. */
export function actorEnded(world: ModelWorld, thread: MThread): void {
  for (const [name, holder] of world.names) if (holder === thread) world.names.delete(name);
  for (const [group, list] of world.groups) {
    const at = list.indexOf(thread);
    if (at >= 0) list.splice(at, 1);
    if (list.length === 0) world.groups.delete(group);
  }
  for (const made of thread.watching.splice(0)) made.active = false;
  for (const made of thread.watchers.splice(0)) {
    if (!made.active) continue;
    made.active = false;
    made.targetEnded(world.model);
  }
}

export const ACTOR_STATEMENTS: ActorTable = {
  *receiveMatch(world, self, stmt) {
    keep(self.thread, yield* waitOn(world, self, receiveWait(world, `receive(${stmt.match})`, stmt.ticks, matcher(stmt.match))));
  },
  *register(world, self, stmt) {
    yield* waitOn(world, self, instant('register', (_model, thread) => {
      const owner = mailboxOwner(thread);
      const holder = world.names.get(`n${stmt.name}`);
      if (holder !== undefined && holder !== owner) throw new ModelError('LoomError');
      world.names.set(`n${stmt.name}`, owner);
    }));
  },
  *whereis(world, self, stmt) {
    const holder = (yield* waitOn(world, self, instant('whereis', () => world.names.get(`n${stmt.name}`) ?? null))) as MThread | null;
    world.model.observe(self.thread, `n${stmt.name} is ${holder === null ? 'free' : `s${holder.seq}`}`);
  },
  *sendName(world, _self, stmt) {
    const text = message(world, 'send');
    const holder = world.names.get(`n${stmt.name}`);
    if (holder === undefined) throw new ModelError('LoomError');
    sendTo(world, holder, text);
  },
  *joinGroup(world, self, stmt) {
    yield* waitOn(world, self, instant('joinGroup', (_model, thread) => {
      const owner = mailboxOwner(thread);
      const list = world.groups.get(`g${stmt.group}`);
      if (list === undefined) world.groups.set(`g${stmt.group}`, [owner]);
      else if (!list.includes(owner)) list.push(owner);
    }));
  },
  *members(world, self, stmt) {
    const list = (yield* waitOn(world, self, instant('members', () => [...(world.groups.get(`g${stmt.group}`) ?? [])]))) as MThread[];
    world.model.observe(self.thread, `g${stmt.group} has [${list.map((t) => `s${t.seq}`).join(' ')}]`);
  },
  *broadcast(world, self, stmt) {
    const text = message(world, 'send');
    const list = [...(world.groups.get(`g${stmt.group}`) ?? [])];
    for (const member of list) sendTo(world, member, text);
    world.model.observe(self.thread, `broadcast g${stmt.group} reached ${list.length}`);
  },
  *monitor(world, self, stmt) {
    const target = resolve(world, self, stmt.target);
    if (!target) return;
    const made = yield* waitOn(world, self, instant('monitor', (_model, thread) => {
      const watcher = mailboxOwner(thread);
      if (target === watcher) throw new ModelError('LoomError');
      return monitorOf(world, watcher, target);
    }));
    self.thread.monitors.push(made as EndWatch);
  },
  *demonitor(world, self, stmt) {
    const list = self.thread.monitors;
    const made = list[stmt.index % Math.max(1, list.length)];
    if (!made) return;
    const active = made.active;
    made.active = false;
    const mailbox = made.watcher.alive ? made.watcher.mailbox : [];
    const at = mailbox.findIndex((m) => typeof m === 'object' && m !== null && 'down' in m && (m as ModelDown).monitor === made);
    if (at >= 0) mailbox.splice(at, 1);
    world.model.observe(self.thread, `demonitor -> ${active}`);
  },
  *callChild(world, self, stmt) {
    const children = self.thread.spawned;
    const child = children[stmt.child % Math.max(1, children.length)];
    if (child) yield* waitOn(world, self, callWait(world, child, message(world, 'request'), stmt.ticks));
  },
  *reply(world, self) {
    const request = self.thread.requests.shift();
    if (request) world.model.observe(self.thread, `reply to ${request.request} -> ${request.reply(`answer to ${request.request}`)}`);
  },
  *sendAfter(world, self, stmt) {
    const target = resolve(world, self, stmt.target);
    if (!target) return;
    const text = message(world, 'after');
    world.model.create(0, null, timerThread(world, world.model.tick + stmt.ticks, target, text), false);
  },
  *supervise(world, self, stmt) {
    const seq = ++world.spawns;
    const made = yield* waitOn(world, self, instant('supervise', (model, thread) => {
      const inner = { thread: null as unknown as MThread };
      inner.thread = model.create(seq, thread, supervisorScript(world, inner, seq, stmt), true);
      return inner.thread;
    }));
    see(world, made as MThread);
  },
};

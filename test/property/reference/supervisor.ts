import type { Stmt, SupervisedBlock } from '../program.ts';
import { instant, monitorOf, type ModelDown } from './actors.ts';
import type { MThread, Model, Request } from './model.ts';
import { receiveWait, threadScript, type ModelWorld } from './statements.ts';
import { ModelError } from './values.ts';

// A supervisor, from docs/actors.md: it starts its children in order, each registered under its name and
// monitored; a child's Down decides, by its restart type, whether it starts again `delay` ticks after it ended,
// and by the strategy which others are cancelled (youngest first) to start again with it, together once all have
// ended. One restart more than `intensity` within `period` ticks fails the supervisor with a LoomError.

type Supervise = Extract<Stmt, { k: 'supervise' }>;

interface Child {
  readonly name: string;
  readonly spec: SupervisedBlock;
  thread: MThread | null;
  /** The tick it is to start (again) from; -1 while none is due. */
  startAt: number;
  /** Cancelled for a restart of another child: its end is no death of its own. */
  stopping: boolean;
}

class Supervision {
  readonly children: Child[];
  private readonly restartTicks: number[] = [];

  constructor(private readonly stmt: Supervise, seq: number, tick: number) {
    this.children = stmt.children.map((spec, i) => ({ name: `t${seq}/c${i}`, spec, thread: null, startAt: tick, stopping: false }));
  }

  /** The children to start now, in order: none while one of them has not ended yet. */
  due(tick: number): Child[] {
    const due = this.children.filter((child) => child.startAt >= 0 && child.startAt <= tick);
    if (due.some((child) => child.thread !== null)) return [];
    for (const child of due) child.startAt = -1;
    return due;
  }

  /** Ticks until the next start due later, or null if none is. */
  nextDue(tick: number): number | null {
    const later = this.children.filter((child) => child.startAt > tick).map((child) => child.startAt - tick);
    return later.length === 0 ? null : Math.min(...later);
  }

  /** A child ended: the threads to cancel for its restart, youngest first. Throws if it is one restart too many. */
  ended(down: ModelDown): MThread[] {
    const child = this.children.find((c) => c.thread === down.thread);
    if (child === undefined) return [];
    child.thread = null;
    if (child.stopping) {
      child.stopping = false;
      if (child.startAt < 0) this.remove(child);
      return [];
    }
    const restart = child.spec.restart;
    if (restart === 'temporary' || (restart === 'transient' && down.ending !== 'failed')) {
      this.remove(child);
      return [];
    }
    this.restartTicks.push(down.tick);
    const recent = this.restartTicks.filter((tick) => tick > down.tick - this.stmt.period);
    if (recent.length > this.stmt.intensity) throw new ModelError('LoomError');
    const at = down.tick + this.stmt.delay;
    const stop: MThread[] = [];
    for (const other of this.taken(child)) {
      if (other !== child && other.thread !== null) {
        other.stopping = true;
        stop.push(other.thread);
      }
      if (other === child || other.spec.restart !== 'temporary') other.startAt = at;
    }
    return stop.reverse();
  }

  private taken(child: Child): Child[] {
    if (this.stmt.strategy === 'one-for-one') return [child];
    return this.stmt.strategy === 'one-for-all' ? this.children : this.children.slice(this.children.indexOf(child));
  }

  private remove(child: Child): void {
    this.children.splice(this.children.indexOf(child), 1);
  }
}

/** The supervisor's script: start what is due, then wait for a Down of its own (or the next start's time). */
export function* supervisorScript(world: ModelWorld, self: { thread: MThread }, seq: number, stmt: Supervise): Generator<Request, void, unknown> {
  const model = world.model;
  const me = self.thread;
  me.observesChildren = true;
  const supervision = new Supervision(stmt, seq, model.tick);
  const mine = (message: unknown): boolean =>
    typeof message === 'object' && message !== null && 'down' in message && (message as ModelDown).monitor.watcher === me;
  for (;;) {
    for (const child of supervision.due(model.tick)) {
      const thread = (yield { k: 'wait', wait: instant('spawn', (m) => startChild(world, m, me, child.spec)) }) as MThread;
      world.names.set(child.name, thread);
      yield { k: 'wait', wait: instant('monitor', () => monitorOf(world, me, thread)) };
      child.thread = thread;
    }
    const down = yield { k: 'wait', wait: receiveWait(world, 'receive', supervision.nextDue(model.tick), mine) };
    if (down !== undefined) for (const thread of supervision.ended(down as ModelDown)) model.cancel(thread);
  }
}

function startChild(world: ModelWorld, model: Model, supervisor: MThread, spec: SupervisedBlock): MThread {
  const self = { thread: null as unknown as MThread };
  self.thread = model.create(0, supervisor, supervisedChild(world, self, spec), true);
  return self.thread;
}

// A supervised child is numbered as a program thread each time it starts.
function* supervisedChild(world: ModelWorld, self: { thread: MThread }, spec: SupervisedBlock): Generator<Request, void, unknown> {
  self.thread.seq = ++world.spawns;
  yield* threadScript(world, self, spec.body);
}

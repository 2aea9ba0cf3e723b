import { type AnySpawnable, LoomError, type Thread } from '../core/kernel.ts';
import type { Down } from './monitor.ts';

/**
 * When a supervisor starts a child again: `permanent` whenever it ends, `transient` only after it failed,
 * `temporary` never (Erlang's restart types).
 */
export type RestartType = 'permanent' | 'transient' | 'temporary';

/**
 * Which children a restart takes: the child that ended (`one-for-one`), every child (`one-for-all`), or it and
 * those started after it (`rest-for-one`). The others are cancelled, youngest first, their cleanup run in full,
 * and started again in order.
 */
export type Strategy = 'one-for-one' | 'one-for-all' | 'rest-for-one';

/**
 * A supervisor's child: registered as `name` (its identity across restarts: each start is a new thread), running
 * `script(...args)`.
 */
export interface ChildSpec {
  /** The name it is registered and labelled under, unique in the engine while it lives. */
  readonly name: string;
  readonly script: AnySpawnable;
  readonly args?: readonly unknown[];
  /** Default `permanent`. */
  readonly restart?: RestartType;
}

/** One child of a supervisor, as the inspector shows it. */
export interface SupervisedChild {
  readonly name: string;
  readonly restart: RestartType;
  /** The thread running it now; null while it waits to be started again. */
  readonly thread: Thread | null;
  /** Times it has been started again. */
  readonly restarts: number;
  /** Its latest failure, if it ever failed. */
  readonly lastFailure: unknown;
}

/** What a supervisor decided a child's end asks for. */
export interface Decision {
  /** Children to cancel first, youngest first. */
  readonly stop: readonly Thread[];
}

class ChildRecord implements SupervisedChild {
  thread: Thread | null = null;
  restarts = 0;
  lastFailure: unknown = undefined;
  /** The tick it is to start (again) from; -1 while none is due. */
  startAt = -1;
  /** Cancelled by its supervisor for a restart of others: its end is not a death. */
  stopping = false;

  constructor(readonly spec: ChildSpec) {}

  get name(): string {
    return this.spec.name;
  }

  get restart(): RestartType {
    return this.spec.restart ?? 'permanent';
  }
}

/** The restart policy of a supervisor, checked: see `SupervisorOptions`. */
export interface Policy {
  readonly strategy: Strategy;
  readonly intensity: number;
  readonly period: number;
  readonly delay: number | ((restarts: number) => number);
}

/**
 * A supervisor's children and what it counts: which run, which wait to start again and from which tick, restarts
 * per child and within the intensity period. Kept on the supervisor's thread, so the inspector shows it and a
 * hot reload of a child's script (which keeps the child's thread) leaves it as it was.
 */
export class Supervision {
  /** Its children, in start order. */
  readonly children: ChildRecord[] = [];
  // Each running child by its thread, and the children waiting to start: a child's end costs the same with a
  // thousand siblings as with one.
  private readonly byThread = new Map<Thread, ChildRecord>();
  private waiting: ChildRecord[] = [];
  /** Restarts so far (a restart of several children for one end counts once). */
  restarts = 0;
  // Ticks of the restarts within the period, oldest first, from `oldest` on (a queue: shifting an array is linear).
  private recent: number[] = [];
  private oldest = 0;
  // Names added while it runs, not yet started: a second child with one of them is refused at once.
  readonly adding = new Set<string>();

  constructor(
    readonly thread: Thread,
    readonly policy: Policy,
    private readonly dt: number,
  ) {}

  /** A child to start at `tick`. */
  add(spec: ChildSpec, tick: number): void {
    const record = new ChildRecord(spec);
    this.children.push(record);
    this.startAt(record, tick);
  }

  /** Whether a child named `name` is kept or about to be added. */
  has(name: string): boolean {
    return this.adding.has(name) || this.children.some((child) => child.name === name);
  }

  /**
   * The children due to start at `tick`, in order: none while one of them is still being stopped, so that a
   * restart of several starts them together once all have ended, as OTP does.
   */
  due(tick: number): ChildRecord[] {
    const due = this.waiting.filter((child) => child.startAt <= tick);
    if (due.length === 0 || due.some((child) => child.thread !== null)) return [];
    this.waiting = this.waiting.filter((child) => child.startAt > tick);
    return due.length === 1 ? due : this.children.filter((child) => due.includes(child));
  }

  /** `child` runs as `thread` now. */
  started(child: ChildRecord, thread: Thread): void {
    child.thread = thread;
    child.startAt = -1;
    this.byThread.set(thread, child);
  }

  /** Ticks from `tick` to the next start due, or -1 if none is. */
  nextDue(tick: number): number {
    let next = -1;
    for (const child of this.waiting) {
      if (child.startAt > tick && (next < 0 || child.startAt - tick < next)) next = child.startAt - tick;
    }
    return next;
  }

  /**
   * One of its children ended (`down`): records it and decides the restart, which starts from `down.tick` plus
   * the delay. Throws the supervisor's failure when the restart would go over its intensity.
   */
  childEnded(down: Down): Decision {
    const child = this.byThread.get(down.thread);
    if (child === undefined) return NOTHING;
    this.byThread.delete(down.thread);
    child.thread = null;
    if (down.ending === 'failed') child.lastFailure = down.error;
    if (child.stopping) {
      child.stopping = false;
      if (child.startAt < 0) this.remove(child);
      return NOTHING;
    }
    if (!restarts(child.restart, down)) {
      this.remove(child);
      return NOTHING;
    }
    this.count(child, down);
    const at = down.tick + this.delayTicks(child);
    const stop: Thread[] = [];
    for (const other of this.affected(child)) {
      if (other !== child && other.thread !== null) {
        other.stopping = true;
        stop.push(other.thread);
      }
      const again = other === child || other.restart !== 'temporary';
      if (again) {
        this.startAt(other, at);
        other.restarts++;
      }
    }
    return { stop: stop.reverse() };
  }

  /** The children, as the inspector shows them. */
  view(): SupervisedChild[] {
    return this.children.map(({ name, restart, thread, restarts, lastFailure }) => ({ name, restart, thread, restarts, lastFailure }));
  }

  private affected(child: ChildRecord): ChildRecord[] {
    const strategy = this.policy.strategy;
    if (strategy === 'one-for-one') return [child];
    return strategy === 'one-for-all' ? this.children : this.children.slice(this.children.indexOf(child));
  }

  // At most `intensity` restarts in any `period` seconds; the one more fails the supervisor.
  private count(child: ChildRecord, down: Down): void {
    const { intensity, period } = this.policy;
    const window = ticksIn(period, this.dt);
    this.recent.push(down.tick);
    while (this.recent[this.oldest]! <= down.tick - window) this.oldest++;
    if (this.oldest > 32 && this.oldest * 2 > this.recent.length) {
      this.recent = this.recent.slice(this.oldest);
      this.oldest = 0;
    }
    if (this.recent.length - this.oldest > intensity) throw this.gaveUp(child, down);
    this.restarts++;
  }

  private gaveUp(child: ChildRecord, down: Down): LoomError {
    const { intensity, period } = this.policy;
    const how = down.ending === 'failed' ? `failed: ${messageOf(down.error)}` : down.ending;
    return new LoomError(
      `supervisor ${this.thread.label} gave up: ${child.name} ended (${how}); ${this.recent.length - this.oldest} restarts within ` +
        `${period} s is more than its intensity, ${intensity}`,
      { cause: down.error },
    );
  }

  private delayTicks(child: ChildRecord): number {
    const delay = this.policy.delay;
    const seconds = typeof delay === 'number' ? delay : delay(child.restarts);
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
      throw new LoomError(`supervisor ${this.thread.label}: its delay for ${child.name} is ${String(seconds)}, not a finite number ≥ 0`);
    }
    return seconds === 0 ? 0 : ticksIn(seconds, this.dt);
  }

  private startAt(child: ChildRecord, tick: number): void {
    if (child.startAt < 0) this.waiting.push(child);
    child.startAt = tick;
  }

  private remove(child: ChildRecord): void {
    this.children.splice(this.children.indexOf(child), 1);
  }
}

const NOTHING: Decision = { stop: [] };

function restarts(type: RestartType, down: Down): boolean {
  return type === 'permanent' || (type === 'transient' && down.ending === 'failed');
}

// As a sleep counts them: the first tick whose time reaches `seconds` (the epsilon absorbs float error).
function ticksIn(seconds: number, dt: number): number {
  return Math.max(1, Math.ceil(seconds / dt - 1e-9));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

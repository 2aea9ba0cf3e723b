import { atSite, CancelledError, ChildFailedError, Flag, GROUP, type Kernel, Op, type Site, type Thread, ThreadFailedError, ThreadState } from '../core/kernel.ts';

/** How a group settles: on the first branch to end (race) or once every branch is done (all). */
export type GroupMode = 'race' | 'all';

// A branch's op starts where the script started the race or all: its call site is the group's, not this line's.
function* branch(op: Iterable<unknown, unknown, unknown>, site: Site | null): Generator<unknown, unknown, unknown> {
  return yield* site === null ? op : atSite(op, site);
}

/**
 * An op that runs its operations as branches (race, all, timeout). With call sites on, it is noted where a
 * spawn is, and its branches are spawned, and start their operations, at its call site.
 */
export abstract class GroupOp<T, M> extends Op<T, M> {
  override get framing(): boolean {
    return true;
  }

  override get spawns(): boolean {
    return true;
  }
}

/** Whether `script` is the one a race or all branch runs (a hot reload restarts the waiting thread). */
export function isBranch(script: unknown): boolean {
  return script === branch;
}

/**
 * The branches of a race or an all: each operation runs in a child thread of the waiting thread. The group
 * settles on the first branch to end (race), or once all are done or one has failed (all); then the other
 * branches are cancelled, youngest first, and once the last has finished its cleanup, the waiting thread resumes.
 * A failure beats a result: if any branch failed by then, the op throws the first failure, and any further ones
 * reach the waiting thread as child failures. No branch failure is ever dropped.
 */
export class Group {
  private readonly branches: Thread[] = [];
  private readonly results: unknown[] = [];
  // Branches that failed while the group still owned their failures, in the order they ended.
  private readonly failed: Thread[] = [];
  private live = 0;
  private done = 0;
  private settled = false;
  // The waiting thread no longer waits on the group: the group resumed it, or it left early (it was cancelled,
  // or a child failure was thrown into it).
  private over = false;
  private outcome: { ok: boolean; value: unknown } = { ok: true, value: undefined };

  constructor(
    private readonly kernel: Kernel,
    private readonly parent: Thread,
    private readonly mode: GroupMode,
    private readonly keys: readonly string[],
    private readonly finish: (index: number, value: unknown, results: unknown[]) => unknown,
    /** The op's name: branches are named `name:key`, and the inspector shows `name(key, key)`. */
    private readonly name: string = mode,
  ) {}

  /** Shown by the inspector: `race(patrol, spotted)`, `all(0, 1, 2 left)`. */
  get description(): string {
    const left = this.mode === 'all' ? `, ${this.keys.length - this.done} left` : '';
    return `${this.name}(${this.keys.join(', ')}${left})`;
  }

  /** @internal The branches still running. */
  liveBranches(): Thread[] {
    return this.branches.filter((thread) => thread.alive);
  }

  /** Spawns one branch per operation and parks the parent on the group. */
  start(ops: readonly Iterable<unknown, unknown, unknown>[]): boolean {
    const site = this.kernel.startingSite(this.parent);
    ops.forEach((op, index) => {
      const child = this.kernel.create(this.parent, [{ name: `${this.name}:${this.keys[index]}` }, branch, op, site], this.name, site);
      child.ensureExtra().group = this;
      this.branches.push(child);
      this.live++;
    });
    if (ops.length === 0) {
      this.parent.value = this.finish(-1, undefined, this.results);
      return false;
    }
    return this.kernel.park(this.parent, GROUP, this, null);
  }

  /** @internal A branch thread ended. */
  ended(thread: Thread): void {
    this.live--;
    if (thread.state === ThreadState.FAILED && !this.over) {
      thread.flags |= Flag.OBSERVED;
      this.failed.push(thread);
    }
    if (!this.settled) this.judge(this.branches.indexOf(thread), thread);
    if (this.live === 0 && !this.over) this.resumeParent();
  }

  /**
   * @internal The parent stopped waiting: the branches are cancelled, and the failures the group had taken go to
   * the parent as child failures. Branches that fail from now on are plain children whose failure nobody took.
   */
  abandon(): void {
    if (this.over) return; // the group itself is waking the parent
    this.over = true;
    this.settled = true;
    this.cancelOthers(null);
    for (const thread of this.failed) this.kernel.queueChildFailure(this.parent, childFailure(thread));
  }

  private judge(index: number, thread: Thread): void {
    if (thread.state === ThreadState.DONE) {
      this.results[index] = thread.value;
      if (this.mode === 'race' || ++this.done === this.branches.length) this.settle(true, this.finish(index, thread.value, this.results), thread);
    } else if (thread.state === ThreadState.FAILED) {
      this.settle(false, undefined, thread);
    } else if (this.mode === 'all' || this.live === 0) {
      this.settle(false, new CancelledError(thread.label), thread);
    }
  }

  private settle(ok: boolean, value: unknown, by: Thread): void {
    this.settled = true;
    this.outcome = { ok, value };
    this.cancelOthers(by);
  }

  private cancelOthers(except: Thread | null): void {
    for (let i = this.branches.length - 1; i >= 0; i--) {
      const other = this.branches[i]!;
      if (other !== except) this.kernel.cancel(other);
    }
  }

  private resumeParent(): void {
    this.over = true;
    const [first, ...more] = this.failed;
    if (first !== undefined) {
      this.kernel.wakeWithError(this.parent, new ThreadFailedError(first.label, first.value, first.scriptStack));
      for (const thread of more) this.kernel.queueChildFailure(this.parent, childFailure(thread));
    } else if (this.outcome.ok) this.kernel.wake(this.parent, this.outcome.value);
    else this.kernel.wakeWithError(this.parent, this.outcome.value);
  }
}

function childFailure(thread: Thread): ChildFailedError {
  return new ChildFailedError(thread.label, thread.value, thread.scriptStack);
}

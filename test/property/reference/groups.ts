import { queueChildFailure } from './switch.ts';
import type { MThread, Model, ModelGen, Request, WaitRequest } from './model.ts';
import { ModelError } from './values.ts';

// race, all and timeout, from the guide: each branch runs in a child thread of the waiting thread; the first to end
// settles a race (every one done settles an all, the first failure or cancel ends it); the others are cancelled,
// youngest first, and once the last has finished its cleanup the waiting thread resumes. A failure beats a result:
// the first branch failure taken is thrown, further ones reach the waiting thread as child failures.

export type GroupMode = 'race' | 'all';

/** A branch: its spawn number, its program code, and how that code learns its thread. */
export interface Branch {
  seq: number;
  gen: ModelGen;
  bind(thread: MThread): void;
}

class Group {
  private readonly threads: MThread[] = [];
  private readonly results: unknown[] = [];
  private readonly failed: MThread[] = [];
  private live = 0;
  private done = 0;
  private settled = false;
  private over = false;
  private outcome: { ok: boolean; value: unknown } = { ok: true, value: undefined };

  constructor(
    private readonly owner: MThread,
    private readonly mode: GroupMode,
    private readonly finish: (index: number, results: unknown[]) => unknown,
  ) {}

  start(model: Model, branches: Branch[]): void {
    for (const branch of branches) {
      const thread = model.create(branch.seq, this.owner, branch.gen, true);
      branch.bind(thread);
      thread.group = this;
      this.threads.push(thread);
      this.live++;
    }
    model.park(this.owner, { leave: (m) => this.abandon(m) });
  }

  ended(model: Model, thread: MThread): void {
    this.live--;
    if (thread.state === 'failed' && !this.over) {
      thread.observed = true;
      this.failed.push(thread);
    }
    if (!this.settled) this.judge(model, this.threads.indexOf(thread), thread);
    if (this.live === 0 && !this.over) this.resumeOwner(model);
  }

  // The owner left early (cancelled, or a child failure thrown into it): the failures taken go to it.
  private abandon(model: Model): void {
    if (this.over) return;
    this.over = true;
    this.settled = true;
    this.cancelOthers(model, null);
    for (const thread of this.failed) queueChildFailure(model, this.owner, new ModelError('ChildFailed', thread.endValue));
  }

  private judge(model: Model, index: number, thread: MThread): void {
    if (thread.state === 'done') {
      this.results[index] = thread.endValue;
      if (this.mode === 'race' || ++this.done === this.threads.length) this.settle(model, true, this.finish(index, this.results), thread);
    } else if (thread.state === 'failed') this.settle(model, false, undefined, thread);
    else if (this.mode === 'all' || this.live === 0) this.settle(model, false, new ModelError('Cancelled'), thread);
  }

  private settle(model: Model, ok: boolean, value: unknown, by: MThread): void {
    this.settled = true;
    this.outcome = { ok, value };
    this.cancelOthers(model, by);
  }

  private cancelOthers(model: Model, except: MThread | null): void {
    for (const thread of [...this.threads].reverse()) if (thread !== except) model.cancel(thread);
  }

  private resumeOwner(model: Model): void {
    this.over = true;
    const [first, ...more] = this.failed;
    const owner = this.owner;
    if (first !== undefined) {
      owner.parking = { leave: () => {} };
      model.makeReady(owner, 'throw', new ModelError('ThreadFailed', first.endValue));
      for (const thread of more) queueChildFailure(model, owner, new ModelError('ChildFailed', thread.endValue));
    } else {
      owner.parking = { leave: () => {} };
      model.makeReady(owner, this.outcome.ok ? 'next' : 'throw', this.outcome.value);
    }
  }
}

/** A race, all or timeout as a wait: its branches start when the owner reaches it. */
export function groupWait(name: string, mode: GroupMode, branches: Branch[], finish: (index: number, results: unknown[]) => unknown): WaitRequest {
  return {
    name,
    enter(model, owner) {
      new Group(owner, mode, finish).start(model, branches);
      return { now: false };
    },
  };
}

/** The timer branch of a timeout: a thread the program does not see, which sleeps `ticks`. */
export function* timerBranch(ticks: number): Generator<Request, void, unknown> {
  yield {
    k: 'wait',
    wait: {
      name: 'sleep',
      enter(model, thread) {
        model.park(thread, model.timers.add(thread, model.tick, model.tick + ticks));
        return { now: false };
      },
    },
  };
}

import { describe, expect, it } from 'vitest';
import { Engine, LoomError, isCancellation, join, race, receive, script, shield, sleep, spawn, useThread, wait, type Thread } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';

// Each test plays "modules" as sets of scripts; a reload maps a module's old scripts to new versions of them.

describe('hot reload: engine.reload', () => {
  it('restarts the threads of changed scripts on the new code with the same id and arguments, and leaves the rest alone', () => {
    const { engine, steps } = createTestEngine({ hotReload: true });
    const order: string[] = [];
    const log = (what: string): void => void order.push(`${what}@${engine.tick}`);
    function* walker(name: string, pace: number) {
      for (;;) { log(`v1 ${name} ${pace}`); yield* wait(pace); }
    }
    function* walkerEdited(name: string, pace: number) {
      for (;;) { log(`v2 ${name} ${pace}`); yield* wait(pace); }
    }
    function* idler() {
      for (;;) { log('idle'); yield* wait(3); }
    }
    const a = engine.spawn(walker, 'a', 2);
    const b = engine.spawn(walker, 'b', 5);
    const idle = engine.spawn(idler);
    steps(2);
    const restarted = engine.reload([{ from: walker, to: walkerEdited }]);
    steps(3);

    expect(restarted).toEqual([a, b]);
    // Reloaded between ticks 2 and 3: the old code unwinds in tick 3, the new code starts in tick 4.
    expect(order).toEqual(['v1 a 2@1', 'v1 b 5@1', 'idle@1', 'v2 a 2@4', 'v2 b 5@4', 'idle@4']);
    expect([a.id, b.id, idle.id]).toEqual([1, 2, 3]);
    expect([a.reloads, b.reloads, idle.reloads]).toEqual([1, 1, 0]);
    expect([a.stateName, b.stateName, idle.stateName]).toEqual(['waiting', 'waiting', 'waiting']);
    expect(a.script).toBe(walkerEdited);
  });

  it('restarts threads in the order they were spawned, not that of their slots (which a shrink of the columns moves)', () => {
    const { engine, steps } = createTestEngine({ hotReload: true });
    const order: string[] = [];
    function* walker(name: string) {
      for (;;) { order.push(`v1 ${name}@${engine.tick}`); yield* wait(5); }
    }
    function* walkerEdited(name: string) {
      for (;;) { order.push(`v2 ${name}@${engine.tick}`); yield* wait(5); }
    }
    const brief = engine.spawn(function* brief() {});
    const older = engine.spawn(walker, 'older');
    steps(1);
    const newer = engine.spawn(walker, 'newer');
    expect(newer.slot).toBeLessThan(older.slot); // the test means something only if the newer took the freed slot
    steps(1);
    const restarted = engine.reload([{ from: walker, to: walkerEdited }]);
    steps(2);

    expect([brief.stateName, restarted]).toEqual(['done', [older, newer]]);
    expect(order).toEqual(['v1 older@1', 'v1 newer@2', 'v2 older@4', 'v2 newer@4']);
  });

  it('restarts a thread at its root when a sub-script frame on its stack changed', () => {
    const { engine, steps } = createTestEngine({ hotReload: true });
    const order: string[] = [];
    const step = script(function* step() { order.push('step v1'); yield* sleep(10); });
    const stepEdited = script(function* step() { order.push('step v2'); yield* sleep(10); });
    const outer = engine.spawn(function* outer() {
      order.push('outer');
      yield* step();
    });
    steps(2);
    expect(outer.frames).toEqual(['outer', 'step']);
    engine.reload([{ from: step, to: stepEdited }]);
    steps(2);

    expect(order).toEqual(['outer', 'step v1', 'outer', 'step v2']);
    expect(outer.frames).toEqual(['outer', 'step']);
    expect(outer.reloads).toBe(1);
  });

  it("runs the old code's cleanup with thread.reloading set; a real cancel is told apart and ends the thread", () => {
    const { engine, steps } = createTestEngine({ hotReload: true });
    const order: string[] = [];
    function* guard(version: string) {
      try { yield* sleep(10); } finally {
        order.push(`${version} cleanup reloading=${useThread().reloading}`);
        yield* shield(sleep(0.05));
        order.push(`${version} cleanup over@${engine.tick}`);
      }
    }
    function* guardEdited() { yield* guard('v2'); }
    const g = engine.spawn(function* root() { yield* guard('v1'); });
    steps(1);
    engine.reload([{ from: g.script, to: guardEdited }]);
    expect(g.reloading).toBe(true);
    steps(5);
    expect(g.reloading).toBe(false);
    g.cancel();
    steps(5);

    expect(order).toEqual([
      'v1 cleanup reloading=true', 'v1 cleanup over@5',
      'v2 cleanup reloading=false', 'v2 cleanup over@10',
    ]);
    expect(g.stateName).toBe('cancelled');
  });

  it('a cancel while a reload unwinds the thread ends it cancelled: a parent ending meanwhile is not kept waiting', () => {
    const { engine, steps } = createTestEngine({ hotReload: true });
    const order: string[] = [];
    function* slowCleanup(version: string) {
      try { order.push(`${version} runs@${engine.tick}`); yield* sleep(10); } finally {
        order.push(`${version} cleanup reloading=${useThread().reloading}@${engine.tick}`);
        yield* shield(sleep(0.1));
        order.push(`${version} cleanup over reloading=${useThread().reloading}@${engine.tick}`);
      }
    }
    function* edited() { yield* slowCleanup('v2'); }
    let child = null as unknown as ReturnType<typeof engine.spawn<typeof slowCleanup, never>>;
    const parent = engine.spawn(function* parent() {
      child = yield* spawn(slowCleanup, 'v1');
      yield* sleep(0.05); // over at tick 4, while the child's reload cleanup runs: the child is cancelled
      order.push(`parent over@${engine.tick}`);
    });
    steps(1);
    engine.reload([{ from: slowCleanup, to: edited }]);
    steps(12);

    expect(order).toEqual([
      'v1 runs@1', 'v1 cleanup reloading=true@2', 'parent over@4', 'v1 cleanup over reloading=false@8',
    ]);
    expect([child.stateName, parent.stateName]).toEqual(['cancelled', 'done']);
  });

  it('cancels the children as the thread unwinds and restarts it once they have ended', () => {
    const { engine, steps } = createTestEngine({ hotReload: true });
    const order: string[] = [];
    function* child() {
      try { yield* sleep(10); } finally {
        order.push(`child #${useThread().id} cleanup reloading=${useThread().reloading}@${engine.tick}`);
        yield* shield(sleep(0.05));
      }
    }
    function* parent(version: string) {
      const c = yield* spawn(child);
      order.push(`${version} spawned #${c.id}@${engine.tick}`);
      yield* sleep(10);
    }
    function* parentEdited() { yield* parent('v2'); }
    const p = engine.spawn(parent, 'v1');
    steps(1);
    const first = p.children[0]!;
    engine.reload([{ from: parent, to: parentEdited }]);
    steps(5);

    expect(order).toEqual(['v1 spawned #2@1', 'child #2 cleanup reloading=false@2', 'v2 spawned #3@6']);
    expect(first.stateName).toBe('cancelled');
    expect(p.children.map((c) => c.id)).toEqual([3]);
  });

  it('leaves a thread under another being restarted to be cancelled by it: its new code never runs', () => {
    const { engine, steps } = createTestEngine({ hotReload: true });
    const order: string[] = [];
    function* unit(version: string, children: number): Generator<unknown, void, unknown> {
      order.push(`${version} #${useThread().id}`);
      if (children > 0) yield* spawn(unit, version, children - 1);
      yield* sleep(10);
    }
    function* unitEdited(_version: string, children: number) { yield* unit('v2', children); }
    const top = engine.spawn(unit, 'v1', 1);
    steps(1);
    const restarted = engine.reload([{ from: unit, to: unitEdited }]);
    steps(3);

    expect(restarted).toEqual([top]);
    expect(order).toEqual(['v1 #1', 'v1 #2', 'v2 #1', 'v2 #3']);
    expect(engine.threads().map((t) => [t.id, t.reloads])).toEqual([[1, 1], [3, 0]]);
  });

  it('a thread whose new code throws is reported and held, its parent and joiners untouched; a fix restarts it', () => {
    const { engine, takeErrors, steps } = createTestEngine({ hotReload: true });
    const order: string[] = [];
    const bug = new Error('typo in the new code');
    function* worker() { yield* sleep(10); return 'v1'; }
    function* broken(): Generator<unknown, string, unknown> { order.push('v2 runs'); yield; throw bug; }
    function* fixed() { order.push('v3 runs'); yield; return 'v3'; }
    let w = null as unknown as ReturnType<typeof engine.spawn<typeof worker, never>>;
    const parent = engine.spawn(function* parent() {
      w = yield* spawn(worker);
      try { order.push(`joined ${yield* join(w)}`); } catch (error) { order.push(`parent caught ${String(error)}`); }
    });
    const bystander = engine.spawn(function* bystander() { for (;;) yield* sleep(1); });
    steps(1);
    engine.reload([{ from: worker, to: broken }]);
    steps(4);

    expect(takeErrors().map((e) => [e.error, e.thread])).toEqual([[bug, w]]);
    expect([w.stateName, w.label, w.waitingOn]).toEqual(['waiting', '#3 broken', 'signal a fix of its script (hot reload)']);
    expect([parent.stateName, bystander.stateName]).toEqual(['waiting', 'waiting']);

    engine.reload([{ from: broken, to: fixed }]);
    expect(w.reloads).toBe(2);
    steps(3);
    expect(order).toEqual(['v2 runs', 'v3 runs', 'joined v3']);
    expect([w.stateName, parent.stateName]).toEqual(['done', 'done']);
  });

  it('a held thread cancelled for real ends cancelled, and its next fix does not revive it', () => {
    const { engine, takeErrors, steps } = createTestEngine({ hotReload: true });
    function* worker() { yield* sleep(10); }
    function* broken() { yield; throw new Error('bug'); }
    function* fixed() { yield* sleep(10); }
    const w = engine.spawn(worker);
    steps(1);
    engine.reload([{ from: worker, to: broken }]);
    steps(4);
    expect(w.stateName).toBe('waiting');
    expect(w.cancel()).toBe(true);
    steps(1);
    expect(engine.reload([{ from: broken, to: fixed }])).toEqual([]);
    steps(2);

    expect(w.stateName).toBe('cancelled');
    expect(takeErrors().map((e) => [(e.error as Error).message, e.thread])).toEqual([['bug', w]]);
  });

  it('calls the migrate hook with the old arguments after the cleanup, and restarts with what it returns', () => {
    const { engine, steps } = createTestEngine({ hotReload: true });
    const order: string[] = [];
    function* mover(self: { speed: number }) {
      try { yield* sleep(10); } finally { order.push(`cleanup speed=${self.speed}`); }
    }
    function* moverEdited(self: { speed: number }, boost: number) { order.push(`v2 speed=${self.speed} boost=${boost}`); yield* sleep(10); }
    const entity = { speed: 1 };
    const m = engine.spawn(mover, entity);
    steps(1);
    engine.reload([{
      from: mover, to: moverEdited,
      migrate: (args, thread) => {
        order.push(`migrate ${thread.label} reloading=${thread.reloading} args=${JSON.stringify(args)}`);
        return [...args, 3];
      },
    }]);
    steps(2);

    expect(order).toEqual(['cleanup speed=1', 'migrate #1 mover reloading=false args=[{"speed":1}]', 'v2 speed=1 boost=3']);
    expect(m.reloads).toBe(1);
  });

  it('spawns and sub-script calls of a replaced script run its newest version, through successive reloads', () => {
    const { engine, steps } = createTestEngine({ hotReload: true });
    const order: string[] = [];
    const part = script(function* part() { order.push('part v1'); yield; });
    const partV2 = script(function* part() { order.push('part v2'); yield; });
    const partV3 = script(function* part() { order.push('part v3'); yield; });
    engine.reload([{ from: part, to: partV2 }]);
    engine.reload([{ from: partV2, to: partV3 }]);
    engine.spawn(part);
    engine.spawn(function* caller() { yield* part(); });
    steps(2);

    expect(order).toEqual(['part v3', 'part v3']);
  });

  it('restarts the thread waiting on a race whose branch runs a changed sub-script, not the branch alone', () => {
    const { engine, steps } = createTestEngine({ hotReload: true });
    const order: string[] = [];
    const patrol = script(function* patrol() { order.push(`patrol v1 in #${useThread().id}`); yield* sleep(10); });
    const patrolEdited = script(function* patrol() { order.push(`patrol v2 in #${useThread().id}`); yield* sleep(10); });
    const owner = engine.spawn(function* owner() {
      order.push('owner');
      yield* race({ patrol: patrol(), heard: receive<string>() });
    });
    steps(1);
    const restarted = engine.reload([{ from: patrol, to: patrolEdited }]);
    steps(2);

    expect(restarted).toEqual([owner]);
    expect(order).toEqual(['owner', 'patrol v1 in #2', 'owner', 'patrol v2 in #4']);
  });

  it('restarts a thread whose changed sub-script is below its top frame, and not one whose frames are all unchanged', () => {
    const { engine, steps } = createTestEngine({ hotReload: true });
    const order: string[] = [];
    const walkTo = script(function* walkTo(who: string) { order.push(`${who} walks`); yield* sleep(10); });
    const patrol = script(function* patrol(who: string) { yield* walkTo(who); });
    const patrolEdited = script(function* patrol(who: string) { order.push(`${who} patrols v2`); yield* walkTo(who); });
    const guard = engine.spawn(function* guard() { yield* patrol('guard'); });
    const scout = engine.spawn(function* scout() { yield* walkTo('scout'); });
    steps(1);
    expect([guard.frames, scout.frames]).toEqual([['guard', 'patrol', 'walkTo'], ['scout', 'walkTo']]);

    expect(engine.reload([{ from: patrol, to: patrolEdited }])).toEqual([guard]);
    steps(2);
    expect(order).toEqual(['guard walks', 'scout walks', 'guard patrols v2', 'guard walks']);
    expect([guard.reloads, scout.reloads]).toEqual([1, 0]);
  });

  it('a migrate hook that throws holds the thread as new code that throws does; the next reload restarts it', () => {
    const { engine, takeErrors, steps } = createTestEngine({ hotReload: true });
    const order: string[] = [];
    function* worker() { yield* sleep(10); }
    function* edited() { order.push('edited'); yield* sleep(10); }
    function* fixed() { order.push('fixed'); yield* sleep(10); }
    const w = engine.spawn(worker);
    steps(1);
    const oops = new Error('migrate failed');
    engine.reload([{ from: worker, to: edited, migrate: () => { throw oops; } }]);
    steps(2);
    expect(takeErrors().map((e) => [e.error, e.thread])).toEqual([[oops, w]]);
    expect(w.waitingOn).toBe('signal a fix of its script (hot reload)');

    expect(engine.reload([{ from: edited, to: fixed }])).toEqual([w]);
    steps(2);
    expect(order).toEqual(['fixed']);
    expect([w.stateName, w.reloads, takeErrors()]).toEqual(['waiting', 2, []]);
  });

  it('holds only threads a reload restarted: another thread failing fails as usual, and its joiner catches it', () => {
    const { engine, takeErrors, steps } = createTestEngine({ hotReload: true });
    const order: string[] = [];
    function* child() { yield; throw new Error('child broke'); }
    let c = null as unknown as Thread;
    engine.spawn(function* parent() {
      c = yield* spawn(child);
      try { yield* join(c); } catch (error) { order.push(`caught ${(error as Error).message}`); }
    });
    steps(3);
    expect(order).toEqual(['caught thread #2 child failed: child broke']);
    expect([c.stateName, takeErrors()]).toEqual(['failed', []]);
  });

  it('cancels the children of a held thread, youngest first', () => {
    const { engine, steps, takeErrors } = createTestEngine({ hotReload: true });
    const order: string[] = [];
    function* child(name: string) { try { yield* sleep(10); } finally { order.push(`${name} cancelled`); } }
    function* worker() { yield* sleep(10); }
    function* broken() { yield* spawn(child, 'older'); yield* spawn(child, 'younger'); yield; throw new Error('bug'); }
    const w = engine.spawn(worker);
    steps(1);
    engine.reload([{ from: worker, to: broken }]);
    steps(5);
    expect(order).toEqual(['younger cancelled', 'older cancelled']);
    expect([w.waitingOn, w.children]).toEqual(['signal a fix of its script (hot reload)', []]);
    expect(takeErrors().map((e) => [(e.error as Error).message, e.thread])).toEqual([['bug', w]]);
  });

  it('a real cancel of a thread that a reload unwinds is taken (cancel returns true) and it ends cancelled', () => {
    const { engine, steps } = createTestEngine({ hotReload: true });
    function* worker() { try { yield* sleep(10); } finally { yield* shield(sleep(0.1)); } }
    function* edited() { yield* sleep(10); }
    const w = engine.spawn(worker);
    steps(1);
    engine.reload([{ from: worker, to: edited }]);
    steps(1);
    expect([w.reloading, engine.cancel(w), w.reloading]).toEqual([true, true, false]);
    steps(10);
    expect([w.stateName, w.alive]).toEqual(['cancelled', false]);
  });

  it('leaves alone a thread being cancelled whose cleanup waits on a race running a changed sub-script', () => {
    const { engine, steps } = createTestEngine({ hotReload: true, tickRate: 10 });
    const order: string[] = [];
    const linger = script(function* linger() { order.push(`linger v1@${engine.tick}`); yield* sleep(1); });
    const lingerV2 = script(function* linger() { order.push(`linger v2@${engine.tick}`); yield* sleep(1); });
    const w = engine.spawn(function* worker() {
      order.push(`worker@${engine.tick}`);
      try { yield* sleep(10); } finally { yield* shield(race({ linger: linger(), short: sleep(0.3) })); }
    });
    steps(1);
    w.cancel();
    steps(1);
    expect(engine.reload([{ from: linger, to: lingerV2 }])).toEqual([]);
    steps(10);
    expect(order).toEqual(['worker@1', 'linger v1@2']);
    expect(w.stateName).toBe('cancelled');
  });

  it('is refused during a tick, and by an engine made without hotReload', () => {
    const { engine, steps } = createTestEngine({ hotReload: true });
    function* idle() { yield* sleep(10); }
    let refused: unknown = null;
    engine.spawn(function* reloader() {
      try { engine.reload([{ from: idle, to: idle }]); } catch (error) { if (isCancellation(error)) throw error; refused = error; }
    });
    steps(1);
    expect(refused).toBeInstanceOf(LoomError);
    expect(String(refused)).toContain('engine.reload() was called during a tick');
    expect(() => new Engine().reload([])).toThrow(/without hotReload: true/);
    expect(() => engine.reload([{ from: 42 as never, to: idle }])).toThrow(/engine\.reload/);
    expect(() => engine.reload([{ from: idle, to: 'idle' as never }])).toThrow(/engine\.reload/);
  });
});

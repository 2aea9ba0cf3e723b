import { describe, expect, it } from 'vitest';
import { demonitor, Down, join, monitor, receive, sleep, spawn, ThreadFailedError, useThread, type Monitor } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';

const isDown = (m: unknown): m is Down => m instanceof Down;

describe('monitor', () => {
  it('posts a Down saying how the thread ended, on the tick it ended, for done, failed and cancelled', () => {
    const { engine, steps, takeErrors } = createTestEngine({ tickRate: 10 });
    const log: string[] = [];
    const done = engine.spawn(function* done() { yield* sleep(0.1); return 7; });
    const failed = engine.spawn(function* failed() { yield* sleep(0.2); throw new Error('boom'); });
    const cancelled = engine.spawn(function* cancelled() { yield* sleep(9); });
    engine.spawn(function* watcher() {
      for (const target of [done, failed, cancelled]) yield* monitor(target);
      for (;;) {
        const down = yield* receive(isDown);
        log.push(`${engine.tick}: ${down.thread.label} ${down.ending} result=${down.result} error=${(down.error as Error | undefined)?.message} tick=${down.tick}`);
      }
    });
    steps(2);
    cancelled.cancel();
    steps(2);
    expect(log).toEqual([
      '2: #1 done done result=7 error=undefined tick=2',
      // Made ready by the cancel between ticks, it runs before the sleepers due in tick 3.
      '3: #3 cancelled cancelled result=undefined error=undefined tick=3',
      '3: #2 failed failed result=undefined error=boom tick=3',
    ]);
    // The monitor did not observe the failure: with no parent or joiner, it reached the error hook.
    expect(takeErrors().map((e) => `${e.thread.label}: ${(e.error as Error).message}`)).toEqual(['#2 failed: boom']);
  });

  // Found by the property suite's reference model (seed 71206), which had every joiner wake before the Downs.
  it('wakes a parent joining its child first, then the watchers with their Downs, then the other joiners', () => {
    const { engine, steps } = createTestEngine({ tickRate: 10 });
    const log: string[] = [];
    let child: ReturnType<typeof engine.spawn> | null = null;
    engine.spawn(function* otherJoiner() {
      yield* sleep(0.05);
      yield* join(child!);
      log.push('other joiner');
    });
    engine.spawn(function* watcher() {
      yield* sleep(0.05);
      yield* monitor(child!);
      yield* receive(isDown);
      log.push('watcher');
    });
    engine.spawn(function* parent() {
      child = yield* spawn(function* child() { yield* sleep(0.2); });
      yield* join(child);
      log.push('parent');
    });
    steps(4);
    expect(log).toEqual(['parent', 'watcher', 'other joiner']);
  });

  it('posts the Down at once for a thread that has already ended', () => {
    const { engine, steps } = createTestEngine();
    const log: string[] = [];
    const gone = engine.spawn(function* gone() { return 'x'; });
    steps(1);
    engine.spawn(function* watcher() {
      yield* monitor(gone);
      const down = yield* receive(0);
      log.push(`${engine.tick}: ${String(down)}`);
    });
    steps(1);
    expect(log).toEqual(['2: Down(#1 gone done)']);
  });

  it('leaves the failure to its one observer: a joiner still gets ThreadFailedError', () => {
    const { engine, steps } = createTestEngine();
    const log: string[] = [];
    engine.spawn(function* parent() {
      const child = yield* spawn(function* child() { yield* sleep(0); throw new Error('bad'); });
      yield* monitor(child);
      try {
        yield* join(child);
      } catch (error) {
        log.push(`join threw ${error instanceof ThreadFailedError ? 'ThreadFailedError' : String(error)} @${engine.tick}`);
      }
      const down = yield* receive(isDown);
      log.push(`down ${down.ending} @${engine.tick}`);
      log.push(`down.error is the child's own: ${(down.error as Error).message}`);
    });
    steps(3);
    expect(log).toEqual(['join threw ThreadFailedError @2', 'down failed @2', "down.error is the child's own: bad"]);
  });

  it('demonitor: no Down comes after it, and one already queued is taken out; other messages stay in order', () => {
    const { engine, steps } = createTestEngine();
    const log: unknown[] = [];
    const a = engine.spawn(function* a() { yield* sleep(0); });
    const b = engine.spawn(function* b() { yield* sleep(10); });
    const watcher = engine.spawn(function* watcher() {
      const watchA: Monitor = yield* monitor(a);
      const watchB: Monitor = yield* monitor(b);
      yield* sleep(0.05); // a ends meanwhile: its Down is queued behind 'hello'
      log.push(demonitor(watchA), demonitor(watchB), demonitor(watchB));
      log.push(yield* receive(0), yield* receive(0));
    });
    steps(1);
    watcher.send('hello' as never);
    steps(4);
    expect(log).toEqual([false, true, false, 'hello', undefined]);
    expect(b.monitoredBy).toEqual([]);
    b.cancel();
    steps(1);
  });

  it('drops its watches when the watcher ends first, and lists them while both live', () => {
    const { engine, steps } = createTestEngine();
    const target = engine.spawn(function* target() { yield* sleep(10); });
    const watcher = engine.spawn(function* watcher() { yield* monitor(target); yield* monitor(target); yield* sleep(1); });
    steps(1);
    expect(watcher.monitoring).toEqual([target, target]);
    expect(target.monitoredBy).toEqual([watcher, watcher]);
    watcher.cancel();
    steps(1);
    expect(target.monitoredBy).toEqual([]);
    target.cancel();
    steps(1);
  });

  it('refuses to monitor itself, naming the op and the thread', () => {
    const { engine, steps } = createTestEngine();
    const log: string[] = [];
    engine.spawn(function* narcissus() {
      try {
        yield* monitor(useThread());
      } catch (error) {
        log.push((error as Error).message);
      }
    });
    steps(1);
    expect(log).toEqual(['monitor(#1 narcissus) in #1 narcissus: a thread cannot monitor itself (it cannot receive its own Down)']);
  });
});

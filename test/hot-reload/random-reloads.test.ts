import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { race, script, shield, sleep, spawn, type Thread } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';
import { assertSeeded } from '../support/seeded-property.ts';

describe('hot reload: random reloads and cancels', () => {
  // Two "modules": a worker (spawns workers, races, calls the helper) and a helper sub-script, each with cleanup
  // that waits. Between ticks the host reloads either module or cancels a thread, in any order.
  type Action = { k: 'ticks'; n: number } | { k: 'reload'; module: 'worker' | 'helper' } | { k: 'cancel'; pick: number };
  const action = fc.oneof(
    fc.record({ k: fc.constant('ticks' as const), n: fc.integer({ min: 1, max: 8 }) }),
    fc.record({ k: fc.constant('reload' as const), module: fc.constantFrom('worker' as const, 'helper' as const) }),
    fc.record({ k: fc.constant('cancel' as const), pick: fc.nat() }),
  );

  it('never throws from step, reports nothing, the threads it restarts live on, and a final cancel ends every thread', () => {
    assertSeeded(fc.property(fc.array(action, { maxLength: 30 }), (actions: Action[]) => {
      const { engine, takeErrors, steps } = createTestEngine({ hotReload: true, tickRate: 10 });
      const makeHelper = () => script(function* helper(n: number) {
        try { yield* sleep(0.1 * n); } finally { yield* shield(sleep(0.1)); }
      });
      const helpers = [makeHelper()];
      const makeWorker = () => function* worker(depth: number): Generator<unknown, void, unknown> {
        try {
          if (depth > 0) yield* spawn(worker, depth - 1);
          for (;;) {
            yield* race({ helped: helpers[0]!(2), slept: sleep(0.3) });
            yield* helpers[0]!(1);
          }
        } finally { yield* shield(sleep(0.2)); }
      };
      const workers = [makeWorker()];
      const roots = [engine.spawn(workers[0]!, 2), engine.spawn(workers[0]!, 1)];
      const seen = new Set<Thread>(roots);
      for (const act of actions) {
        if (act.k === 'ticks') steps(act.n);
        else if (act.k === 'cancel') [...seen][act.pick % seen.size]!.cancel();
        else {
          const [list, make] = act.module === 'worker' ? [workers, makeWorker] : [helpers, makeHelper];
          const next = make() as never;
          const restarted = engine.reload([{ from: list.at(-1)!, to: next }]);
          list.push(next);
          for (const thread of restarted) expect(thread.alive).toBe(true);
        }
        // Workers only: a race whose branch the host cancels throws, and the failure travels, as it should.
        for (const thread of engine.threads()) if (thread.name === 'worker') seen.add(thread);
      }
      for (const root of roots) root.cancel();
      steps(100);
      expect(engine.threadCount).toBe(0);
      expect(takeErrors()).toEqual([]);
    }), { numRuns: 300, seed: 20261206 });
  });
});

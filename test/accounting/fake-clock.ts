import type { Engine } from '../../engine/index.ts';

/** Makes the accounting clock advance by the cost each script declares, so time is exact. */
export function fakeClock(engine: Engine): { spend(ms: number): void } {
  let now = 0;
  engine.accounting.now = () => now;
  return {
    spend(ms) {
      now += ms;
    },
  };
}

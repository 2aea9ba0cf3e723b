// What the accounting blames while real collections land in whatever resume runs: 2,000 light movers
// (`x += 1; yield`), one thread busy-looping 10 ms a resume, and storms that allocate enough to force long scavenges.
// Per round: the collections and how many outlasted slowResumeMs, then who was reported slow and who topped the
// per-thread list. How many pauses a round gets depends on the machine and its load, which is why this is a
// benchmark; test/accounting/pauses.test.ts checks the same rules on a fake clock.
// Run: npm run bench:accounting-pauses [-- rounds]
import { PerformanceObserver } from 'node:perf_hooks';
import { Engine, type Thread } from 'loom-threads';
import { formatTable, sig } from '../harness/format.ts';

const ROUNDS = Number(process.argv[2] ?? 6);
const TICKS = 60;
const MOVERS = 2000;

interface Round {
  collections: number[];
  slowResumeMs: number;
  busyReports: number;
  moverReports: number;
  stormReports: number;
  moverAtTop: number;
}

async function round(): Promise<Round> {
  const engine = new Engine({ seed: 1 });
  engine.accounting.enabled = true;
  const reported: string[] = [];
  engine.accounting.onSlowResume = (thread) => reported.push(thread.name);
  engine.spawn(function* busy() {
    for (;;) {
      const start = performance.now();
      while (performance.now() - start < 10);
      yield;
    }
  });
  for (let i = 0; i < MOVERS; i++) {
    engine.spawn(function* mover() {
      const at = { x: 0 };
      for (;;) {
        at.x += 1;
        yield;
      }
    });
    // Storms among the movers: each resume makes 20k objects and keeps the last 50k, so scavenges copy a lot.
    if (i % 250 === 0) {
      engine.spawn(function* storm() {
        const kept: object[] = new Array(50_000);
        for (let n = 0; ; n++) {
          for (let k = 0; k < 20_000; k++) kept[(n * 20_000 + k) % kept.length] = { n, k, tail: [k] };
          yield;
        }
      });
    }
  }
  const collections: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) collections.push(entry.duration);
  });
  observer.observe({ entryTypes: ['gc'] });
  let moverAtTop = 0;
  for (let tick = 0; tick < TICKS; tick++) {
    engine.step();
    const top = engine.accounting.timed.reduce<Thread | null>(
      (best, t) => (engine.accounting.threadMs(t) > (best === null ? 0 : engine.accounting.threadMs(best)) ? t : best), null);
    if (top !== null && top.name === 'mover') moverAtTop++;
  }
  // perf_hooks delivers 'gc' entries from the event loop.
  await new Promise((resolve) => setTimeout(resolve, 50));
  for (const entry of observer.takeRecords()) collections.push(entry.duration);
  observer.disconnect();
  const count = (name: string): number => reported.filter((n) => n === name).length;
  return {
    collections, slowResumeMs: engine.accounting.slowResumeMs, busyReports: count('busy'), moverReports: count('mover'),
    stormReports: count('storm'), moverAtTop,
  };
}

const rows: string[][] = [];
for (let r = 1; r <= ROUNDS; r++) {
  const result = await round();
  const over = result.collections.filter((ms) => ms > result.slowResumeMs);
  rows.push([
    String(r), String(result.collections.length), String(over.length), sig(Math.max(0, ...result.collections)),
    `${result.busyReports}/${TICKS}`, String(result.moverReports), String(result.stormReports), String(result.moverAtTop),
  ]);
}
console.log(`Accounting under an allocation storm: ${MOVERS} movers, 1 busy (10 ms a resume), 8 storms, ${TICKS} ticks a round (Node ${process.version})`);
console.log(formatTable(
  ['round', 'collections', 'over slowResumeMs', 'longest ms', 'busy reported', 'movers reported', 'storms reported', 'ticks a mover topped'],
  rows,
));

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Engine, sleep, useEngine, type CallSites } from 'loom-threads';
import { churnFloor, churnQueueFloor, sleepersFloor, sleepersOpFloor } from './floors.ts';
import { GcWatch } from '../harness/gc-watch.ts';
import { breathe, engineNsPerSwitch, interleave, nsPerResume, type Paired } from './measure.ts';
import type { BuildOrder, FrameProbeResult } from './frame-probe.ts';
import type { ProbeResult } from './memory-probe.ts';
import type { SpawnFloor, SpawnProbeResult } from './spawn-probe.ts';
import type { ProbeSide } from './parked-population.ts';
import { settledBytes } from '../harness/memory.ts';
import { Samples, summarize } from '../harness/stats.ts';
import { Body, ephemeral, sleeper, workloads, type WorkloadTally } from '../harness/workloads.ts';

/** One line of the benchmark table. */
export interface BenchRow {
  benchmark: string;
  threads: number;
  /** What the figures measure, e.g. `ns/switch`. */
  unit: string;
  engine: number;
  /** The same work on bare generators, or null where there is no floor to compare with. */
  floor: number | null;
  ratio: number | null;
  target: string;
  /** Whether the target is met; null for figures without a target. */
  met: boolean | null;
  note: string;
}

/** How long and how often to measure. */
export interface BenchPlan {
  rounds: number;
  /** Ticks of the mixed steady-state run. */
  mixedTicks: number;
  seed: number;
  /** Prints progress. */
  log: (text: string) => void;
}

/** The tick rate of every sleepers population the benchmarks run. */
export const TICK_RATE = 60;

/**
 * Ticks in a round of sleepers at `count` threads: about 200k wakes (a 60th of the threads wake per second of sleep,
 * 5 s on average), at least 2 s of simulated time, since small counts need many ticks before the JIT has settled.
 */
export function sleepersRoundTicks(count: number): number {
  return Math.max(120, Math.round(200_000 / (count / (5.05 * TICK_RATE))));
}

/** Bodies for `count` threads, each writing its position to an array of its benchmark's (as on the stress page). */
function bodies(seed: number, count: number): Body[] {
  return Body.placed(seed, count, new Float32Array(2 * count));
}

/**
 * `frame` at `count` threads, their script one of `scripts` functions in turn, against the round-robin floor:
 * measured in two processes, one building the engine's threads first and one the floor's, since whichever is
 * built second runs faster; each process pairs engine and floor round by round, and the row is the mean of both.
 * Target: at most 1.2x the floor.
 */
export function frameCase(plan: BenchPlan, count: number, scripts = 1): BenchRow {
  const orders: BuildOrder[] = ['engine-first', 'floor-first'];
  const rounds = Math.max(plan.rounds, FRAME_ROUNDS);
  const [a, b] = orders.map((order) => probeFrame(order, count, scripts, rounds)) as [FrameProbeResult, FrameProbeResult];
  const ratio = (a.ratio + b.ratio) / 2;
  return {
    benchmark: scripts === 1 ? 'frame' : `frame, ${scripts} scripts`,
    threads: count,
    unit: 'ns/switch',
    engine: (a.engine + b.engine) / 2,
    floor: (a.floor + b.floor) / 2,
    ratio,
    target: '≤ 1.2x floor',
    met: ratio <= 1.2,
    note: `mean of both build orders (engine first ${a.ratio.toFixed(2)}x, floor first ${b.ratio.toFixed(2)}x), each the median of ${rounds} rounds of ${a.ticks} ticks; floor: generators resumed round-robin`,
  };
}

// A frame round takes a fraction of a second, and three (--quick's) were too few to tell 1.2x from 1.3x on this
// machine: the frame rows take at least this many.
const FRAME_ROUNDS = 7;

/**
 * `sleepers` at `count` threads: ns per woken thread (wake, resume, sleep again), against a calendar-queue floor; a
 * second row takes the floor whose scripts make and hand over an op per sleep through `yield*`, as the engine's do.
 */
export async function sleepersCase(plan: BenchPlan, count: number): Promise<BenchRow[]> {
  const engine = new Engine({ seed: plan.seed, tickRate: TICK_RATE });
  for (const body of bodies(plan.seed, count)) engine.spawn(sleeper, body);
  engine.step();
  const ticks = sleepersRoundTicks(count);
  // One floor at a time, each dropped once measured: a heap that held both floors' million generators at once stays
  // bigger, and slows the cases that run after this one. The first is warmed up alongside the engine.
  const against = async (make: typeof sleepersFloor, warmEngine: boolean): Promise<Paired> => {
    const floor = make(bodies(plan.seed, count), new Engine({ seed: plan.seed }).random, TICK_RATE);
    for (let t = 0; t < ticks; t++) {
      if (warmEngine) engine.step();
      floor.tick();
    }
    return interleave(plan.rounds, () => engineNsPerSwitch(engine, ticks), () => nsPerResume(floor, ticks));
  };
  const plain = await against(sleepersFloor, true);
  const withOps = await against(sleepersOpFloor, false);
  const perTick = Math.round(count / (5.05 * TICK_RATE)).toLocaleString('en-US');
  const row = { threads: count, unit: 'ns/wake' };
  const note = (floor: string): string => `about ${perTick} wakes a tick, ${plan.rounds} rounds of ${ticks} ticks; floor: ${floor}`;
  return [
    floorRow({ ...row, benchmark: 'sleepers: per woken thread', note: note('calendar queue (a ring of per-tick arrays) of bare generators') }, plain, 1.3),
    floorRow({ ...row, benchmark: 'sleepers, floor scripts using ops', note: note('the same queue, its scripts making an op per sleep and handing it over with `yield*`') }, withOps, null),
  ];
}

/** A thread parked for a long time: a sleeper whose sleeps are 30 to 60 s. */
function* napper(body: Body) {
  const random = useEngine().random;
  while (true) {
    yield* sleep(random.range(30, 60));
    body.hop(random);
  }
}

/**
 * Runs a probe script of bench/ in a fresh process and parses the JSON line it prints. `nodeArgs` are Node's own
 * options for it: `process.execArgv` runs it as this process was run (with the same module hooks, say).
 */
export function runProbe<T>(file: string, args: (string | number)[], nodeArgs: readonly string[] = ['--expose-gc', '--import', 'tsx']): T {
  const out = execFileSync(process.execPath, [...nodeArgs, join(import.meta.dirname, file), ...args.map(String)], {
    cwd: join(import.meta.dirname, '..'),
    encoding: 'utf8',
  });
  return JSON.parse(out) as T;
}

function probeFrame(order: BuildOrder, count: number, scripts: number, rounds: number): FrameProbeResult {
  return runProbe('frame-probe.ts', [order, count, scripts, rounds]);
}

function probeMemory(side: ProbeSide, count: number, callSites: CallSites = 'off'): ProbeResult {
  return runProbe('memory-probe.ts', [side, count, callSites]);
}

/**
 * Parked threads: heap per thread, weighed in fresh processes (bodies and the engine's fixed cost not counted), and
 * the time of ticks where nothing is due with `count` threads asleep.
 */
export async function parkedCases(plan: BenchPlan, count: number): Promise<BenchRow[]> {
  const engineProbe = probeMemory('engine', count);
  const starless = probeMemory('starless', count);
  const withSites = probeMemory('engine', count, 'frames');
  const floorProbe = probeMemory('floor', count);
  const opFloorProbe = probeMemory('op-floor', count);
  const limit = engineProbe.heapLimit;
  const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;
  plan.log(`  parked: ${count.toLocaleString('en-US')} threads, heap ${mb(engineProbe.heapUsed)} of ${mb(limit)} limit`);

  const engine = new Engine({ seed: plan.seed, tickRate: TICK_RATE });
  for (const body of bodies(plan.seed, count)) engine.spawn(napper, body);
  engine.step();
  await breathe();
  const samples = new Samples();
  for (let t = 0; t < 1000; t++) {
    const start = process.hrtime.bigint();
    engine.step();
    samples.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  const idle = summarize(samples.view());
  const stillParked = engine.threadCount === count && engine.resumes === count;
  // The goal is set on the plain floor; a row against the op floor explains it.
  const memoryRow = (probe: ProbeResult, form: string, floor = floorProbe): BenchRow => {
    const goal = floor === floorProbe;
    return {
      benchmark: `heap per parked thread (${form})`,
      threads: count,
      unit: 'B/thread',
      engine: probe.bytesPerThread,
      floor: floor.bytesPerThread,
      ratio: probe.bytesPerThread / floor.bytesPerThread,
      target: goal ? '≤ 256 B' : '-',
      met: goal ? probe.bytesPerThread <= 256 : null,
      note: `sleepers script after 1,500 ticks, body not counted; floor: ${goal ? 'bare generator' : 'bare generator making an op per sleep and handing it over with `yield*`'} in a calendar queue`,
    };
  };
  return [
    memoryRow(engineProbe, 'yield* sleep'),
    memoryRow(starless, 'yield sleep'),
    memoryRow(withSites, "yield* sleep, callSites 'frames'"),
    memoryRow(engineProbe, 'yield* sleep, floor scripts using ops', opFloorProbe),
    {
      benchmark: 'parked threads: heap share',
      threads: count,
      unit: '% of heap limit',
      engine: (100 * engineProbe.heapUsed) / limit,
      floor: null,
      ratio: null,
      target: 'fits, room to spare',
      met: engineProbe.heapUsed < 0.5 * limit,
      note: `${mb(engineProbe.heapUsed)} in use (bodies included) of the ${mb(limit)} default limit`,
    },
    {
      benchmark: 'tick with nothing due',
      threads: count,
      unit: 'µs/tick',
      engine: idle.p50,
      floor: null,
      ratio: null,
      target: '≤ 50 µs',
      met: idle.p99 <= 50 && stillParked,
      note: `1,000 ticks, all asleep for 30 to 60 s: p50 ${idle.p50.toFixed(1)}, p99 ${idle.p99.toFixed(1)}, max ${idle.max.toFixed(1)} µs`,
    },
  ];
}

/** A row of `result` against its floor, with a target ratio, or none for a row that explains another. */
function floorRow(row: Pick<BenchRow, 'benchmark' | 'threads' | 'unit' | 'note'>, result: Omit<Paired, 'rounds'>, target: number | null): BenchRow {
  return {
    ...row,
    engine: result.engine,
    floor: result.floor,
    ratio: result.ratio,
    target: target === null ? '-' : `≤ ${target}x floor`,
    met: target === null ? null : result.ratio <= target,
  };
}

/**
 * Spawning a thread and running it to completion, per thread, against creating and running a bare generator; a
 * second row takes the floor that keeps every generator until all are made, as the engine keeps its threads. Each
 * row is measured in a fresh process (spawn-probe.ts).
 */
export function spawnCase(plan: BenchPlan, count: number): BenchRow[] {
  const probe = (floor: SpawnFloor): SpawnProbeResult => runProbe('spawn-probe.ts', [floor, count, plan.rounds, plan.seed]);
  const direct = probe('direct');
  const held = probe('held');
  const row = { threads: count, unit: 'ns/thread' };
  const note = (floor: string): string => `engine.spawn ${count.toLocaleString('en-US')} threads, then one tick runs them all; floor: ${floor}`;
  return [
    floorRow({ ...row, benchmark: 'spawn + run to completion', note: note('create a generator and next() it') }, direct, 5),
    floorRow({ ...row, benchmark: 'spawn + run, floor keeping its generators', note: note('create them all, keeping each, then next() each') }, held, null),
  ];
}

/** `churn` or `mixed` (below) run in a fresh process (case-probe.ts), so no case before it moves its figures. */
export function caseInFreshProcess(name: 'churn' | 'mixed', plan: BenchPlan, count: number): BenchRow[] {
  return runProbe('case-probe.ts', [name, count, plan.rounds, plan.mixedTicks, plan.seed]);
}

/**
 * `churn` in steady state, once every thread of the start has ended and been followed (60 ticks; lives are 1 to 30),
 * against slots refilled in place; a second row takes the floor that runs each successor where the engine does.
 */
export async function churnCase(plan: BenchPlan, count: number): Promise<BenchRow[]> {
  const engine = new Engine({ seed: plan.seed });
  const tally: WorkloadTally = { endedThreads: 0 };
  for (const body of bodies(plan.seed, count)) engine.spawn(ephemeral, body, tally);
  const floor = churnFloor(bodies(plan.seed, count), new Engine({ seed: plan.seed }).random);
  const queued = churnQueueFloor(bodies(plan.seed, count), new Engine({ seed: plan.seed }).random);
  for (let t = 0; t < CHURN_WARM_UP; t++) {
    engine.step();
    floor.tick();
    queued.tick();
  }
  const ticks = Math.max(3, Math.round(1e6 / count));
  const inPlace = await interleave(plan.rounds, () => engineNsPerSwitch(engine, ticks), () => nsPerResume(floor, ticks));
  const inOrder = await interleave(plan.rounds, () => engineNsPerSwitch(engine, ticks), () => nsPerResume(queued, ticks));
  const row = { threads: count, unit: 'ns/switch' };
  const note = (floor: string): string =>
    `about ${Math.round(count / 15.5).toLocaleString('en-US')} threads end and start a tick, after ${CHURN_WARM_UP} ticks; floor: ${floor}`;
  return [
    floorRow({ ...row, benchmark: 'churn', note: note('slots refilled with a new generator') }, inPlace, 2),
    floorRow({ ...row, benchmark: 'churn, floor in the engine\'s order', note: note('a successor runs after the threads already queued, and keeps that place (as a spawned thread does)') }, inOrder, null),
  ];
}

const CHURN_WARM_UP = 60;

/** `mixed` in steady state: GC pauses over `plan.mixedTicks` ticks (target: no major GC) and its switch cost. */
export async function mixedCase(plan: BenchPlan, count: number): Promise<BenchRow[]> {
  const engine = new Engine({ seed: plan.seed });
  workloads.mixed.spawn(engine, count, new Float32Array(2 * count));
  for (let t = 0; t < 120; t++) engine.step();
  settledBytes();
  const before = engine.resumes;
  const gc = GcWatch.start();
  const samples = new Samples();
  let sum = 0;
  for (let t = 0; t < plan.mixedTicks; t++) {
    const start = performance.now();
    engine.step();
    const ms = performance.now() - start;
    samples.push(ms);
    sum += ms;
    if (t % 100 === 99) {
      await breathe();
      if (t % 1000 === 999) plan.log(`  mixed: tick ${t + 1} of ${plan.mixedTicks}, ${gc.current.major} major GCs so far`);
    }
  }
  const report = await gc.stop();
  const switches = engine.resumes - before;
  const tick = summarize(samples.view());
  return [
    {
      benchmark: `mixed: ${plan.mixedTicks.toLocaleString('en-US')} ticks, major GCs`,
      threads: count,
      unit: 'major GCs',
      engine: report.major,
      floor: null,
      ratio: null,
      target: '0',
      met: report.major === 0,
      note: `${report.pauses} GC pauses in all (${report.minor} scavenges), longest ${report.longestMs.toFixed(1)} ms, ${report.totalMs.toFixed(0)} ms total`,
    },
    {
      benchmark: 'mixed: switch cost',
      threads: count,
      unit: 'ns/switch',
      engine: (sum * 1e6) / switches,
      floor: null,
      ratio: null,
      target: '-',
      met: null,
      note: `tick mean ${tick.mean.toFixed(2)} ms, p99 ${tick.p99.toFixed(2)} ms; ${Math.round(switches / samples.length).toLocaleString('en-US')} switches a tick`,
    },
  ];
}

// `npm run bench:luajit`: each workload in Loom (bench-cases.ts) and in LuaJIT (bench/luajit/), back to back, each
// beside its own floor; see BENCHMARKS.md. Without luajit on PATH it says how to install it and exits 0.
import { mkdir, writeFile } from 'node:fs/promises';
import { caseInFreshProcess, frameCase, sleepersCase, spawnCase, type BenchPlan, type BenchRow } from './bench-cases.ts';
import { benchArguments } from './arguments.ts';
import { environment } from './environment.ts';
import { LUAJIT_INSTALL_HINT, findLuajit, luajitVersion, runLuaWorkload, type LuaResult, type LuaWorkload } from './luajit-runner.ts';
import { formatMarkdownTable, formatTable, grouped, sig } from '../harness/format.ts';
import { canCollectGarbage, collectGarbage } from '../harness/gc-watch.ts';

/** One workload and count, measured on both engines. */
interface SideBySide {
  workload: LuaWorkload;
  threads: number;
  loom: BenchRow;
  lua: LuaResult;
}

const HEADERS = ['workload', 'threads', 'unit', 'Loom', 'LuaJIT', 'Loom/LuaJIT', 'Loom/floor', 'LuaJIT/floor', 'floors (V8 generator, Lua coroutine)'];

function cells({ workload, threads, loom, lua }: SideBySide): string[] {
  return [
    workload,
    grouped(threads),
    loom.unit,
    sig(loom.engine),
    sig(lua.scheduler),
    `${(loom.engine / lua.scheduler).toFixed(2)}x`,
    loom.ratio === null ? '-' : `${loom.ratio.toFixed(2)}x`,
    `${lua.ratio.toFixed(2)}x`,
    `${sig(loom.floor ?? NaN)}, ${sig(lua.floor)}`,
  ];
}

const USAGE = 'Usage: npm run bench:luajit -- [--quick] [--only frame,sleepers,spawn,churn]';
const { quick, only } = benchArguments('bench:luajit', USAGE);
const luajit = findLuajit();
if (luajit === null) {
  console.log(`bench:luajit: ${LUAJIT_INSTALL_HINT}; nothing measured.`);
  process.exit(0);
}
if (!canCollectGarbage()) {
  console.error('bench:luajit: needs node --expose-gc; run it as `npm run bench:luajit`');
  process.exit(2);
}

const plan: BenchPlan = { rounds: quick ? 3 : 7, mixedTicks: 0, seed: 1, log: (text) => console.error(text) };
const steps: [LuaWorkload, number, () => BenchRow | Promise<BenchRow>][] = [
  // Of the cases with two rows, the first: against the floor the goals are set on.
  ['frame', 10_000, () => frameCase(plan, 10_000)],
  ['frame', 100_000, () => frameCase(plan, 100_000)],
  ['frame', 1_000_000, () => frameCase(plan, 1_000_000)],
  ['sleepers', 10_000, async () => (await sleepersCase(plan, 10_000))[0]!],
  ['sleepers', 100_000, async () => (await sleepersCase(plan, 100_000))[0]!],
  ['sleepers', 1_000_000, async () => (await sleepersCase(plan, 1_000_000))[0]!],
  ['spawn', 100_000, () => spawnCase(plan, 100_000)[0]!],
  ['churn', 100_000, () => caseInFreshProcess('churn', plan, 100_000)[0]!],
];

const env = `${environment()}, ${luajitVersion(luajit)} (${luajit})`;
console.error(`Loom against LuaJIT${quick ? ' (--quick)' : ''}: ${env}`);
const rows: SideBySide[] = [];
for (const [workload, threads, loomCase] of steps) {
  if (only && !only.includes(workload)) continue;
  console.error(`- ${workload} ${grouped(threads)}`);
  collectGarbage();
  const loom = await loomCase();
  const lua = runLuaWorkload(luajit, workload, threads, plan.rounds);
  rows.push({ workload, threads, loom, lua });
}

const table = formatTable(HEADERS, rows.map(cells));
console.log(`\nLoom against LuaJIT: ${env}\n\n${table}`);
await mkdir('bench/results', { recursive: true });
const name = `luajit${quick ? '-quick' : ''}${only ? `-${only.join('-')}` : ''}`;
await writeFile(`bench/results/${name}.md`, `# Loom against LuaJIT\n\n${env}\n\n${formatMarkdownTable(HEADERS, rows.map(cells))}\n`);
await writeFile(`bench/results/${name}.json`, JSON.stringify({ environment: env, rows }, null, 2));
console.log(`\nWrote bench/results/${name}.md and .json`);

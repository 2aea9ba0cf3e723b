// `npm run bench`: every workload against its floor, measured in the same process; see BENCHMARKS.md.
import { mkdir, writeFile } from 'node:fs/promises';
import { actorCases } from './actor-cases.ts';
import { benchArguments } from './arguments.ts';
import { capacityCase } from './capacity.ts';
import { environment } from './environment.ts';
import { caseInFreshProcess, frameCase, parkedCases, sleepersCase, spawnCase, type BenchPlan, type BenchRow } from './bench-cases.ts';
import { formatMarkdownTable, formatTable, grouped, sig, type Align } from '../harness/format.ts';
import { canCollectGarbage, collectGarbage } from '../harness/gc-watch.ts';

const HEADERS = ['benchmark', 'threads', 'unit', 'engine', 'floor', 'ratio', 'target', 'met', 'note'];
// Words to the left, so that a long note starts where its column does.
const ALIGN: Align[] = ['left', 'right', 'right', 'right', 'right', 'right', 'left', 'left', 'left'];

function cells(row: BenchRow): string[] {
  return [
    row.benchmark,
    grouped(row.threads),
    row.unit,
    sig(row.engine),
    row.floor === null ? '-' : sig(row.floor),
    row.ratio === null ? '-' : `${row.ratio.toFixed(2)}x`,
    row.target,
    row.met === null ? '' : row.met ? 'yes' : 'NO',
    row.note,
  ];
}

const { quick, only } = benchArguments('bench', 'Usage: npm run bench -- [--quick] [--only frame,sleepers,parked,spawn,churn,mixed,actors,capacity]');
if (!canCollectGarbage()) {
  console.error('bench: needs node --expose-gc; run it as `npm run bench`');
  process.exit(2);
}
const plan: BenchPlan = { rounds: quick ? 3 : 7, mixedTicks: quick ? 1_000 : 10_000, seed: 1, log: (text) => console.error(text) };
const env = environment();
console.error(`Loom bench${quick ? ' (--quick)' : ''}: ${env}`);

const rows: BenchRow[] = [];
const steps: [string, () => BenchRow | BenchRow[] | Promise<BenchRow | BenchRow[]>][] = [
  ['frame 10k', () => frameCase(plan, 10_000)],
  ['frame 100k', () => frameCase(plan, 100_000)],
  ['frame 1M', () => frameCase(plan, 1_000_000)],
  ['frame 10k, 12 scripts', () => frameCase(plan, 10_000, 12)],
  ['sleepers 10k', () => sleepersCase(plan, 10_000)],
  ['sleepers 100k', () => sleepersCase(plan, 100_000)],
  ['sleepers 1M', () => sleepersCase(plan, 1_000_000)],
  ['parked 1M', () => parkedCases(plan, 1_000_000)],
  ['spawn 100k', () => spawnCase(plan, 100_000)],
  ['churn 100k', () => caseInFreshProcess('churn', plan, 100_000)],
  ['mixed 100k', () => caseInFreshProcess('mixed', plan, 100_000)],
  ['actors', () => actorCases(plan)],
  ['capacity', () => capacityCase(plan, 100_000)],
];
for (const [name, run] of steps) {
  if (only && !only.some((word) => name.startsWith(word))) continue;
  console.error(`- ${name}`);
  collectGarbage();
  const result = await run();
  rows.push(...(Array.isArray(result) ? result : [result]));
}

const table = formatTable(HEADERS, rows.map(cells), ALIGN);
console.log(`\nLoom bench: ${env}\n\n${table}`);
await mkdir('bench/results', { recursive: true });
const name = quick || only ? `bench${quick ? '-quick' : ''}${only ? `-${only.join('-')}` : ''}` : 'bench';
await writeFile(`bench/results/${name}.md`, `# Loom bench\n\n${env}\n\n${formatMarkdownTable(HEADERS, rows.map(cells))}\n`);
await writeFile(`bench/results/${name}.json`, JSON.stringify({ environment: env, rows }, null, 2));
console.log(`\nWrote bench/results/${name}.md and .json`);

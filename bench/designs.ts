// `npm run bench:designs -- [--quick]`: `sleepers` on Loom beside minimal engines of two designs running the op
// floor's scripts (minimal-engines.ts), each against the floor in a process of its own (design-probe.ts), to tell
// what a design costs from what Loom's own code adds to it. See BENCHMARKS.md.
import { mkdir, writeFile } from 'node:fs/promises';
import { benchArguments } from './arguments.ts';
import { runProbe } from './bench-cases.ts';
import { DESIGNS, FLOOR } from './design-builds.ts';
import type { DesignProbeResult } from './design-probe.ts';
import { environment } from './environment.ts';
import { formatMarkdownTable, formatTable, grouped, sig } from '../harness/format.ts';

const COUNTS = [10_000, 100_000, 1_000_000];
const HEADERS = ['threads', 'design', 'ns a wake', 'floor', 'ratio', 'what the design does'];

const { quick } = benchArguments('bench:designs', 'Usage: npm run bench:designs -- [--quick]');
const rounds = quick ? 3 : 7;
const env = environment();
console.error(`Loom designs${quick ? ' (--quick)' : ''}: ${env}`);
const rows: string[][] = [];
for (const count of COUNTS) {
  for (const [design, { what }] of Object.entries(DESIGNS)) {
    console.error(`- sleepers ${grouped(count)}: ${design}`);
    const result = runProbe<DesignProbeResult>('design-probe.ts', [design, count, rounds, 1]);
    rows.push([grouped(count), design, sig(result.engine), sig(result.floor), `${result.ratio.toFixed(2)}x`, what]);
  }
}
const title = `Loom designs, sleepers: ${env}. Each ratio is to the floor (${FLOOR.what}), measured in the same process, the median of ${rounds} rounds`;
console.log(`\n${title}\n\n${formatTable(HEADERS, rows)}`);
await mkdir('bench/results', { recursive: true });
const name = `designs${quick ? '-quick' : ''}`;
await writeFile(`bench/results/${name}.md`, `# ${title}\n\n${formatMarkdownTable(HEADERS, rows)}\n`);
console.log(`\nWrote bench/results/${name}.md`);

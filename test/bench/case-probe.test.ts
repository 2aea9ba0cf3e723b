// bench/case-probe.ts: the bench's churn and mixed cases, each run in a process of its own, print their rows.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { BenchRow } from '../../bench/bench-cases.ts';
import { REPO_ROOT } from '../support/browser.ts';

const probe = (...args: string[]): string =>
  execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(REPO_ROOT, 'bench/case-probe.ts'), ...args], { cwd: REPO_ROOT, encoding: 'utf8', stdio: 'pipe' });

it.each([
  ['churn', ['churn', "churn, floor in the engine's order"]],
  ['mixed', ['mixed: 20 ticks, major GCs', 'mixed: switch cost']],
])('prints the rows of %s as one JSON line', (name, benchmarks) => {
  const rows = JSON.parse(probe(name, '2000', '1', '20', '1')) as BenchRow[];
  expect(rows.map((row) => row.benchmark)).toEqual(benchmarks);
  expect(rows.every((row) => row.threads === 2000 && row.engine >= 0)).toBe(true);
}, 60_000);

it('runs churn with no mixed ticks, as bench:luajit asks', () => {
  expect((JSON.parse(probe('churn', '2000', '1', '0', '1')) as BenchRow[]).length).toBe(2);
}, 60_000);

it.each([
  ['a case it does not run', ['frame', '2000', '1', '20', '1']],
  ['mixed with no ticks', ['mixed', '2000', '1', '0', '1']],
])('refuses %s, saying what it takes', (_, args) => {
  expect(() => probe(...args)).toThrow(/case-probe\.ts churn\|mixed THREADS ROUNDS MIXED_TICKS SEED/);
}, 30_000);

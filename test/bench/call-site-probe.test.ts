// bench/call-site-probe.ts: one case of bench:callsites, run in a process of its own, prints its row.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { CallSiteRow } from '../../bench/call-site-cases.ts';
import { REPO_ROOT } from '../support/browser.ts';

const probe = (...args: string[]): string =>
  execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(REPO_ROOT, 'bench/call-site-probe.ts'), ...args], { cwd: REPO_ROOT, encoding: 'utf8', stdio: 'pipe' });

it.each([
  ['churn', 'frames', 'mode-first'],
  ['mixed', 'waits', 'off-first'],
])('prints the row of %s with %s, set up %s, as one JSON line', (workload, mode, order) => {
  const row = JSON.parse(probe(workload, mode, order, '2000')) as CallSiteRow;
  expect(row).toMatchObject({ workload, mode });
  expect(row.offNs).toBeGreaterThan(0);
  expect(row.modeNs).toBeGreaterThan(0);
  expect(row.ratio).toBeGreaterThan(0);
}, 60_000);

it.each([
  ['a workload it does not run', ['sleepers', 'frames', 'mode-first', '2000']],
  ["the mode it measures against, 'off'", ['frame', 'off', 'mode-first', '2000']],
  ['an order it does not know', ['frame', 'frames', 'either', '2000']],
  ['no thread count', ['frame', 'frames', 'off-first']],
])('refuses %s, saying what it takes', (_, args) => {
  expect(() => probe(...args)).toThrow(/call-site-probe\.ts frame\|mixed\|churn frames\|waits mode-first\|off-first THREADS/);
}, 30_000);

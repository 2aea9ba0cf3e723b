// The Lua side of `npm run bench:luajit` (bench/luajit/): each workload, run with a few threads, does the work it
// was asked to, so a broken Lua script fails here and not in a measurement. Needs luajit; skipped when missing.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LUAJIT_INSTALL_HINT, findLuajit, runLuaWorkload } from '../../bench/luajit-runner.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const THREADS = 20;
const luajit = findLuajit();

describe('bench:luajit without luajit', () => {
  it('finds luajit only on the PATH it is given', () => {
    expect(findLuajit('/nonexistent:')).toBeNull();
    if (luajit !== null) expect(findLuajit(`/nonexistent:${dirname(luajit)}`)).toBe(luajit);
  });

  it('says how to install it and exits 0', async () => {
    const bin = await mkdtemp(join(tmpdir(), 'loom-no-luajit-'));
    try {
      await symlink(process.execPath, join(bin, 'node'));
      const out = await new Promise<{ code: number; stdout: string }>((done) => {
        execFile(join(bin, 'node'), ['--expose-gc', '--import', 'tsx', 'bench/luajit.ts'], { cwd: ROOT, env: { PATH: bin } }, (error, stdout) =>
          done({ code: error ? Number(error.code ?? 1) : 0, stdout }),
        );
      });
      expect(out).toEqual({ code: 0, stdout: `bench:luajit: ${LUAJIT_INSTALL_HINT}; nothing measured.\n` });
      expect(LUAJIT_INSTALL_HINT).toContain('apt-get install -y luajit');
    } finally {
      await rm(bin, { recursive: true, force: true });
    }
  });
});

if (luajit === null) console.warn(`Skipping the Lua workloads of bench:luajit: ${LUAJIT_INSTALL_HINT}`);

describe.skipIf(luajit === null)('the Lua workloads (bench/luajit/run.lua)', () => {
  const run = (workload: 'frame' | 'sleepers' | 'spawn' | 'churn', ticks?: number) => runLuaWorkload(luajit!, workload, THREADS, 2, ticks);

  it('frame: every thread and every floor coroutine is resumed once a tick, and moves', () => {
    const result = run('frame', 50);
    expect(result.rounds).toHaveLength(2);
    for (const round of result.rounds) {
      expect(round.scheduler.resumes).toBe(THREADS * 50);
      expect(round.floor.resumes).toBe(THREADS * 50);
    }
    expect(result.tally).toEqual({ threads: THREADS, ended: 0, written: THREADS, floor_written: THREADS, floor_live: THREADS });
    expect(result.scheduler).toBeGreaterThan(0);
  });

  it('sleepers: over 700 ticks each thread wakes at least once and at most once in 6 ticks (0.1 s), and hops', () => {
    const result = run('sleepers', 700);
    for (const round of result.rounds) {
      for (const side of [round.scheduler, round.floor]) {
        expect(side.resumes).toBeGreaterThanOrEqual(THREADS);
        expect(side.resumes).toBeLessThanOrEqual(THREADS * Math.floor(700 / 6));
      }
    }
    expect(result.tally).toEqual({ threads: THREADS, ended: 0, written: THREADS, floor_written: THREADS, floor_live: THREADS });
  });

  it('spawn: each thread runs once, moves and ends', () => {
    const result = run('spawn');
    for (const round of result.rounds) {
      expect(round.scheduler).toMatchObject({ resumes: THREADS, ended: THREADS });
      expect(round.floor.resumes).toBe(THREADS);
    }
    expect(result.tally).toEqual({ threads: 0, ended: THREADS, written: THREADS, floor_written: THREADS });
  });

  it('churn: every slot is resumed once a tick, and each thread that ends starts its successor in the same tick', () => {
    const result = run('churn', 100);
    for (const round of result.rounds) {
      // Lives are 1 to 30 ticks: over 100 ticks every slot ends at least 3 times, and at most 100.
      expect(round.scheduler.ended).toBeGreaterThanOrEqual(3 * THREADS);
      expect(round.scheduler.resumes).toBe(THREADS * 100 + round.scheduler.ended!);
      expect(round.floor.resumes).toBeGreaterThanOrEqual(THREADS * 100 + 3 * THREADS);
      expect(round.floor.resumes).toBeLessThanOrEqual(THREADS * 200);
    }
    expect(result.tally.threads).toBe(THREADS);
    expect(result.tally).toMatchObject({ written: THREADS, floor_written: THREADS, floor_live: THREADS });
  });

  it('fails with the script error when a thread of the Lua scheduler raises one', () => {
    const lua = [
      `package.path = '${join(ROOT, 'bench/luajit')}/?.lua;' .. package.path`,
      "local s = require('scheduler').new(60)",
      'local steps = 0',
      "local function broken() coroutine.yield() error('the wall is gone') end",
      'local function counter() while true do steps = steps + 1; coroutine.yield(0.05) end end',
      's:spawn(broken); s:spawn(counter)',
      'for _ = 1, 9 do s:step() end',
      'print(s.threads, steps, #s.errors)',
      'print(s.errors[1])',
    ].join('\n');
    const [counts, ...trace] = execFileSync(luajit!, ['-e', lua], { encoding: 'utf8' }).trim().split('\n');
    // The broken thread is dropped; the counter slept 3 ticks at a time and ran on: at spawn, ticks 3, 6 and 9.
    expect(counts!.split('\t')).toEqual(['1', '4', '1']);
    expect(trace[0]).toMatch(/^\(command line\):4: the wall is gone$/);
    expect(trace.join('\n')).toContain('stack traceback');
  });

  it('refuses an unknown workload or count with its usage', () => {
    expect(() => execFileSync(luajit!, [join(ROOT, 'bench/luajit/run.lua'), 'dance', '10', '1'], { stdio: 'pipe' })).toThrow(/usage: luajit bench\/luajit\/run.lua/);
    expect(() => execFileSync(luajit!, [join(ROOT, 'bench/luajit/run.lua'), 'frame', '-1', '1'], { stdio: 'pipe' })).toThrow(/usage/);
  });
});

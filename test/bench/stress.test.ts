import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HelpRequested, UsageError, parseCount, parseStressArgs } from '../../tools/stress-args.ts';
import { runStressCommand } from '../../tools/stress-command.ts';
import { OutOfHeapError, checkChunkFits, checkFits, heapLimitBytes } from '../../harness/memory.ts';
import { Histogram } from '../../harness/stats.ts';

const ROOT = resolve(import.meta.dirname, '../..');

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the stress command the way `npm run stress` does, in a child process. */
function stress(args: string[], nodeFlags: string[] = [], nodeEnv = process.env.NODE_ENV): Promise<Outcome> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [...nodeFlags, '--expose-gc', '--import', 'tsx', 'tools/stress.ts', ...args],
      { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '', NODE_ENV: nodeEnv } },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/**
 * Runs the command's code in this process, for what needs no heap weighing (usage and argument errors): a child
 * process costs a second of start-up each.
 */
async function stressInProcess(args: string[]): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const code = await runStressCommand(args, { out: (text) => (stdout += `${text}\n`), err: { write: (text: string) => (stderr += text) } });
  return { code, stdout, stderr };
}

let out: string;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'loom-stress-test-'));
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('stress command', () => {
  it('runs a tiny count and prints its table and verdict', async () => {
    const r = await stress(['--threads', '300', '--workload', 'frame', '--seconds', '0.2', '--out', out]);
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.code).toBe(0);
    const header = r.stdout.split('\n').find((line) => line.startsWith('threads'));
    expect(header?.split(/\s{2,}/)).toEqual([
      'threads', 'ticks', 'tick mean ms', 'p50 ms', 'p99 ms', 'max ms', 'switches/s', 'ns/switch',
      'heap MB', 'B/thread', 'GC pauses', 'longest GC ms', 'major GCs',
    ]);
    expect(r.stdout).toMatch(/^300 {2,}[\d,]+ {2,}/m);
    expect(r.stdout).toContain('Frame budget 16.7 ms: at 300 threads of frame');
    expect(r.stdout).toContain("seed 1, callSites 'frames', Node"); // vitest's NODE_ENV is 'test': development
    expect(await readFile(join(out, 'stress-frame-300.md'), 'utf8')).toContain('| 300 |');
  }, 60_000);

  it('sweeps counts and writes a chart beside the table', async () => {
    const r = await stress(['--sweep', '100,400', '--workload', 'churn', '--seconds', '0.1', '--out', out], [], 'production');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("seed 1, callSites 'off', Node"); // as `npm run stress` runs it
    expect(r.stdout).toMatch(/^100 {2,}/m);
    expect(r.stdout).toMatch(/^400 {2,}/m);
    const svg = await readFile(join(out, 'sweep-churn.svg'), 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('Tick time: churn');
    expect(svg).toContain('Heap per thread: churn');
    expect(await readFile(join(out, 'sweep-churn.md'), 'utf8')).toContain('| 400 |');
  }, 60_000);

  it.each([
    [['--threads', 'lots'], '--threads expects a thread count such as 1000, 10k or 1M, got "lots"'],
    [['--workload', 'dance'], 'unknown workload "dance"; choose one of frame, sleepers, mixed, churn'],
    [['--seconds', '-1'], '--seconds expects a number ≥ 0.1, got "-1"'],
    [['--frames', '3'], 'unknown option --frames'],
    [['--threads'], '--threads needs a value'],
    [['--threads', '1k', '--sweep', '1k,2k'], 'give either --threads or --sweep, not both'],
  ])('rejects %j with a clear message and the usage', async (args, message) => {
    const r = await stressInProcess(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`stress: ${message}`);
    expect(r.stderr).toContain('Usage: npm run stress --');
    expect(r.stdout).toBe('');
  });

  it('prints the usage for --help', async () => {
    const r = await stressInProcess(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: npm run stress --');
    expect(r.stdout).toContain('--sweep LIST');
  });

  it('refuses more threads than the heap holds, before spawning, and says how to raise the limit', async () => {
    const r = await stress(['--threads', '2M', '--workload', 'sleepers', '--seconds', '1'], ['--max-old-space-size=256']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('2,000,000 threads of sleepers need about');
    expect(r.stderr).toContain('NODE_OPTIONS=--max-old-space-size=');
    expect(r.stderr).not.toMatch(/FATAL|heap out of memory/);
  }, 60_000);
});

describe('stress arguments', () => {
  it('reads counts with suffixes, exponents and separators', () => {
    expect(['500', '10k', '2.5M', '1e6', '1_000_000', '3K'].map((t) => parseCount(t, '--threads'))).toEqual([
      500, 10_000, 2_500_000, 1_000_000, 1_000_000, 3000,
    ]);
    expect(() => parseCount('0', '--threads')).toThrow(UsageError);
    expect(() => parseCount('1.5', '--threads')).toThrow('whole number');
  });

  it('fills in defaults and reads a sweep', () => {
    expect(parseStressArgs([])).toMatchObject({ workload: 'sleepers', counts: [100_000], seconds: 10, sweep: false });
    expect(parseStressArgs(['--sweep=1k,10k', '--workload=mixed', '--seconds=2', '--seed', '5'])).toMatchObject({
      workload: 'mixed',
      counts: [1000, 10_000],
      seconds: 2,
      seed: 5,
      sweep: true,
    });
    expect(() => parseStressArgs(['-h'])).toThrow(HelpRequested);
  });
});

describe('heap guards', () => {
  it('refuses a count whose estimate does not fit', () => {
    const perThread = heapLimitBytes() / 1000;
    expect(() => checkFits('sleepers', 10_000, perThread)).toThrow(OutOfHeapError);
    expect(() => checkFits('sleepers', 10, 100)).not.toThrow();
  });

  it('stops spawning when the next chunk would not fit, and says how far it got', () => {
    const perThread = heapLimitBytes() / 1000;
    expect(() => checkChunkFits('frame', 65_536, 1_000_000, 65_536, perThread)).toThrow(
      /spawning stopped at 65,536 threads: 1,000,000 threads of frame need about/,
    );
  });
});

describe('tick histogram', () => {
  it('gives percentiles within 1% and exact mean, min and max', () => {
    const histogram = new Histogram();
    for (let i = 1; i <= 1000; i++) histogram.add(i / 100); // 0.01 .. 10 ms
    const s = histogram.summary();
    expect(s.count).toBe(1000);
    expect(s.mean).toBeCloseTo(5.005, 9);
    expect(s.min).toBe(0.01);
    expect(s.max).toBe(10);
    expect(Math.abs(s.p50 / 5 - 1)).toBeLessThan(0.01);
    expect(Math.abs(s.p99 / 9.9 - 1)).toBeLessThan(0.01);
    expect(new Histogram().summary().p50).toBeNaN();
  });
});

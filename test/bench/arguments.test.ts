// The benchmarks' command lines: `--quick` and `--only` for the table commands, `--NAME N` for the others.
import { expect, it, vi } from 'vitest';
import { benchArguments, numberOption } from '../../bench/arguments.ts';

it('reads --NAME N as a number, and the fallback when --NAME is not given', () => {
  expect(numberOption('rooms', 4, ['--age', '300', '--rooms', '8'])).toBe(8);
  expect(numberOption('clients', 1, ['--age', '300'])).toBe(1);
});

it('reads --quick and the rows named by --only', () => {
  expect(benchArguments('bench', 'usage', ['--quick', '--only', 'frame,churn'])).toEqual({ quick: true, only: ['frame', 'churn'] });
  expect(benchArguments('bench', 'usage', [])).toEqual({ quick: false, only: null });
});

it.each([
  [['--help'], 0, 'stdout'],
  [['--quick', '--fast'], 2, 'stderr'],
])('given %j, prints the usage and exits with %i', (args, code, stream) => {
  const exit = vi.spyOn(process, 'exit').mockImplementation(() => undefined as never);
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const error = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    benchArguments('bench', 'Usage: npm run bench -- [--quick]', args);
    expect(exit).toHaveBeenCalledWith(code);
    const printed = (stream === 'stdout' ? log : error).mock.calls.flat().join('\n');
    expect(printed).toContain('Usage: npm run bench -- [--quick]');
    if (code === 2) expect(printed).toContain('bench: unknown argument --fast');
    expect((stream === 'stdout' ? error : log).mock.calls).toEqual([]);
  } finally {
    vi.restoreAllMocks();
  }
});

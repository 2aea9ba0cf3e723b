// The benchmarks' command lines: `--quick` and `--only` for the table commands, `--NAME N` for the others.
import { expect, it } from 'vitest';
import { benchArguments, numberOption } from '../../bench/arguments.ts';

it('reads --NAME N as a number, and the fallback when --NAME is not given', () => {
  expect(numberOption('rooms', 4, ['--age', '300', '--rooms', '8'])).toBe(8);
  expect(numberOption('clients', 1, ['--age', '300'])).toBe(1);
});

it('reads --quick and the rows named by --only', () => {
  expect(benchArguments('bench', 'usage', ['--quick', '--only', 'frame,churn'])).toEqual({ quick: true, only: ['frame', 'churn'] });
  expect(benchArguments('bench', 'usage', [])).toEqual({ quick: false, only: null });
});

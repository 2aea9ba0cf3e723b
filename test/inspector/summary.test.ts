import { describe, expect, it } from 'vitest';
import { age, ms } from '../../inspector/format.ts';
import { exactness, topTitle } from '../../inspector/summary-view.ts';
import { createTestEngine } from '../helpers.ts';

describe('format: the inspector numbers', () => {
  it('shows ages in seconds, then minutes, then hours', () => {
    expect([30, 60 * 125, 60 * (2 * 3600 + 3 * 60 + 59)].map((ticks) => age(ticks, 1 / 60))).toEqual(['0.5 s', '2 m 05 s', '2 h 03 m']);
  });

  it('shows milliseconds with two decimals and a dot for none', () => {
    expect([0, 0.004, 1.5].map(ms)).toEqual(['·', '0.00', '1.50']);
  });
});

describe('SummaryView: what the top list says of itself', () => {
  it('says no tick was measured yet while paused, never "the last 0.00 s"', () => {
    expect(topTitle(0, 60, 1 / 60, true)).toBe('top threads · no tick measured yet: paused');
    expect(topTitle(0, 60, 1 / 60, false)).toBe('top threads · no tick measured yet');
    expect(topTitle(30, 60, 1 / 60, true)).toBe('top threads · script time over the last 0.50 s, ms');
    expect(topTitle(60, 60, 1 / 60, false)).toBe('top threads · script time over the last second, ms');
  });

  it('says how exact the times are: who is timed alone, the run length, and what went to no thread', () => {
    const { engine, steps } = createTestEngine();
    let clock = 0;
    engine.accounting.now = () => clock;
    engine.accounting.enabled = true;
    engine.spawn(function* heavy() {
      for (;;) {
        clock += 1;
        yield;
      }
    });
    steps(2);
    expect(exactness(engine.accounting)).toBe(
      'sampled: threads over 0.1 ms a resume are timed at every resume; others at 1 resume in 4,096, the rest timed ' +
        'in runs of 1 (one clock read a run) · 1 threads timed last tick · 0.00 ms charged to none (pauses, slow ' +
        'resumes not yet confirmed)',
    );
  });
});

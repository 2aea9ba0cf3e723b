import { describe, expect, it } from 'vitest';
import { FrameTotals } from '../../game/stress/frame-stats.ts';

describe('FrameTotals: what the stress page measures over a stretch of frames', () => {
  it('gives means per frame and per tick, and the median per tick over frames that ran ticks', () => {
    const totals = new FrameTotals();
    // Five frames: one ran no tick, one ran two, one was preempted (60 ms for one tick).
    for (const [ticks, scriptMs] of [[1, 4], [0, 0], [2, 10], [1, 60], [1, 6]] as const) totals.add({ ticks, scriptMs, frameMs: 16 }, 100);
    const m = totals.result();
    expect([m.frames, m.ticks, m.scriptMsPerFrame, m.scriptMsPerTick, m.frameMs, m.threads]).toEqual([5, 5, 16, 16, 16, 100]);
    expect(m.medianMsPerTick).toBe(6); // of 4, 5, 6 and 60: the upper of the middle two
  });
});

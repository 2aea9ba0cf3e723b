import { describe, expect, it } from 'vitest';
import { Playback, Recorder, Replayer, sleep } from '../../engine/index.ts';
import { createLogSimulation } from './support.ts';

function* ticker() {
  for (;;) yield* sleep(1);
}

function playback(ticks: number): Playback {
  const create = createLogSimulation({ ticker });
  const { sim } = create({ seed: 1, tickRate: 60, meta: {} });
  const recorder = new Recorder(sim);
  recorder.spawn(ticker);
  for (let i = 0; i < ticks; i++) recorder.step();
  return new Playback(new Replayer(recorder.recording(), (setup) => create(setup).sim));
}

describe('playback', () => {
  it('runs the ticks due at its speed, none while paused, one at a time by hand, and stops at the end', () => {
    const play = playback(100);
    const ran: number[] = [];
    for (let i = 0; i < 6; i++) ran.push(play.advance(1 / 120));
    expect(ran).toEqual([0, 1, 0, 1, 0, 1]);
    play.speed = 4;
    expect(play.advance(0.1)).toBe(24);
    expect(play.advance(10)).toBe(60); // a long gap counts as 0.25 s
    play.paused = true;
    expect(play.advance(0.25)).toBe(0);
    expect(play.step()).toBe(true);
    expect(play.replayer.tick).toBe(88);
    play.paused = false;
    expect(play.advance(0.25)).toBe(12);
    expect(play.done).toBe(true);
    expect([play.advance(0.25), play.step()]).toEqual([0, false]);
  });
});

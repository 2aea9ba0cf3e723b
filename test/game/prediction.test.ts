import { describe, expect, it } from 'vitest';
import { ShipPrediction } from '../../game/net/prediction.ts';

const BOUNDS = { width: 1120, height: 700, radius: 20 };
const DT = 1 / 60;
const STEP = 270 / 60;
const RIGHT = { up: false, down: false, left: false, right: true };
const NONE = { up: false, down: false, left: false, right: false };

describe('ShipPrediction', () => {
  it('before any input is acknowledged, shows the server position', () => {
    const p = new ShipPrediction(BOUNDS, DT);
    p.serverSaw(100, 200, 50, { seq: 0, tick: 0 }, 10);
    expect(p.shown(10, 0)).toEqual({ x: 100, y: 200 });
  });

  it('moves the ship at once by an input the server has not seen, tick by tick, from where the server last had it', () => {
    const p = new ShipPrediction(BOUNDS, DT);
    p.serverSaw(100, 200, 50, { seq: 0, tick: 0 }, 10); // the server is 40 ticks ahead of the client's count
    p.sent(1, 10, RIGHT); // lands at server tick 50 at the earliest, moves the ship from 51
    expect(p.predict(10)).toEqual({ x: 100, y: 200 });
    expect(p.predict(13).x).toBeCloseTo(100 + 3 * STEP, 9);
  });

  it('learns the lag from an acknowledgement and replays the inputs after it', () => {
    const p = new ShipPrediction(BOUNDS, DT);
    p.serverSaw(100, 200, 50, { seq: 0, tick: 0 }, 10);
    p.sent(1, 10, RIGHT);
    p.sent(2, 20, NONE);
    // Input 1 landed at tick 56 (a lag of 46); the view of tick 60 has the ship 4 ticks along.
    p.serverSaw(100 + 4 * STEP, 200, 60, { seq: 1, tick: 56 }, 22);
    // Input 2 lands at 66 and stops the ship from 67: ticks 61..66 still move it.
    expect(p.predict(30).x).toBeCloseTo(100 + 10 * STEP, 9);
  });

  it('slides a correction in instead of jumping, and snaps a large one', () => {
    const p = new ShipPrediction(BOUNDS, DT);
    p.serverSaw(100, 200, 50, { seq: 0, tick: 0 }, 10);
    expect(p.shown(10, 0)).toEqual({ x: 100, y: 200 });
    p.serverSaw(110, 200, 52, { seq: 0, tick: 0 }, 12);
    expect(p.shown(12, 0).x).toBeCloseTo(100, 9);
    expect(p.shown(12, 0.1).x).toBeGreaterThan(104);
    expect(p.shown(12, 1).x).toBeCloseTo(110, 2);
    p.serverSaw(400, 200, 54, { seq: 0, tick: 0 }, 14);
    expect(p.shown(14, 0)).toEqual({ x: 400, y: 200 });
  });

  it('after a reconnection starts again from the next view: the inputs sent before the drop are not replayed', () => {
    const p = new ShipPrediction(BOUNDS, DT);
    p.serverSaw(100, 200, 50, { seq: 0, tick: 0 }, 10);
    p.sent(1, 10, RIGHT);
    expect(p.predict(20).x).toBeCloseTo(100 + 10 * STEP, 9);
    p.reset();
    expect(p.ready).toBe(false);
    // Back in: the room held the neutral input meanwhile, so the ship is where the view has it, and stays there.
    p.serverSaw(150, 200, 90, { seq: 1, tick: 50 }, 50);
    expect(p.ready).toBe(true);
    expect(p.shown(60, 0)).toEqual({ x: 150, y: 200 });
    p.sent(2, 60, RIGHT);
    expect(p.predict(63).x).toBeCloseTo(150 + 3 * STEP, 9);
  });
});

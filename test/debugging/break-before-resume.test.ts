import { Session } from 'node:inspector';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sleep } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';

/** Steps into calls from a pause at most this often looking for the script, before giving up. */
const MAX_STEPS = 60;

// The inspector of this very process: a pause blocks the test, and the session's handlers run during it.
describe('engine.breakBeforeResume under a DevTools protocol session (node:inspector)', () => {
  let session: Session;
  /** Where each pause was: `function` of the top call frame. */
  let pauses: string[];
  /** Step into until the top frame is this function, then resume. */
  let target: string;

  beforeEach(() => {
    pauses = [];
    session = new Session();
    session.connect();
    session.on('Debugger.paused', ({ params }) => {
      const top = params.callFrames[0]!.functionName;
      pauses.push(top);
      session.post(top === target || pauses.length >= MAX_STEPS ? 'Debugger.resume' : 'Debugger.stepInto');
    });
    session.post('Debugger.enable');
  });

  afterEach(() => {
    session.disconnect();
  });

  it('pauses once, just before the thread resumes, and stepping into enters its script where it waits', () => {
    const { engine, steps } = createTestEngine();
    const order: string[] = [];
    const guard = engine.spawn(function* guard() {
      yield* sleep(0.05);
      order.push(`guard resumed@${engine.tick}`);
      yield;
      order.push(`guard again@${engine.tick}`);
    });
    target = 'guard';
    steps(1);
    engine.breakBeforeResume(guard);
    steps(5);
    expect(pauses[0]).toBe('resumeFirst'); // the engine's debugger statement
    expect(pauses.at(-1)).toBe('guard');
    expect(pauses.filter((name) => name === 'resumeFirst').length).toBeLessThanOrEqual(2); // one pause, then a step
    expect(order).toEqual(['guard resumed@4', 'guard again@5']);
  });

  it('does not pause once taken back', () => {
    const { engine, steps } = createTestEngine();
    const guard = engine.spawn(function* guard() {
      yield* sleep(0.05);
    });
    target = 'guard';
    steps(1);
    engine.breakBeforeResume(guard);
    engine.breakBeforeResume(guard, false);
    steps(5);
    expect(pauses).toEqual([]);
    expect(guard.stateName).toBe('done');
  });
});

import { describe, expect, it } from 'vitest';
import { atSite, script, sleep, sourceSite, spawn, type CallSites, type Thread } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';

// Sites as the Vite plugin writes them (loom-threads/vite): told, not captured.
const GUARD = sourceSite('http://localhost:5173/game/scripts/guard.ts', 12, 10, 'guard');
const PATROL = sourceSite('/work/game/scripts/patrol.ts', 30, 7, '');

const step = script(function* step() {
  yield* sleep(1);
});
function* idle() {
  yield* sleep(5);
}

function frameAt(thread: Thread, depth: number): string {
  const at = thread.scriptStack!.frames[depth]!.at!;
  return `${at.fn} ${at.file}:${at.line}:${at.column}${at.original === true ? ' (as written)' : ''}`;
}

function engineWith(callSites: CallSites) {
  return createTestEngine({ callSites });
}

describe('sites told by a build step (atSite, sourceSite)', () => {
  it('a sub-script called at a told site has that site, marked as the source as written', () => {
    const { engine, steps } = engineWith('frames');
    const thread = engine.spawn(function* guard() {
      yield* atSite(step(), GUARD);
    });
    steps(1);
    expect(frameAt(thread, 1)).toBe('guard http://localhost:5173/game/scripts/guard.ts:12:10 (as written)');
    expect(String(thread.scriptStack)).toContain('at guard (http://localhost:5173/game/scripts/guard.ts:12:10)');
  });

  it('a thread spawned at a told site names it in its ancestry; a site with no function prints without one', () => {
    const { engine, steps } = engineWith('frames');
    let child: Thread | null = null;
    engine.spawn(function* patrol() {
      child = yield* atSite(spawn(idle), PATROL);
      yield* sleep(10);
    });
    steps(1);
    expect(child!.scriptStack!.ancestry).toMatch(/^#2 idle ← spawned by #1 patrol at \/work\/game\/scripts\/patrol\.ts:30:7 ← spawned by the host at /);
    expect(PATROL.stack).toBe('    at /work/game/scripts/patrol.ts:30:7');
  });

  it("with 'waits', a wait started at a told site is where the thread waits", () => {
    const { engine, steps } = engineWith('waits');
    const thread = engine.spawn(function* guard() {
      yield* atSite(sleep(2), GUARD);
    });
    steps(1);
    expect(thread.waitingAt).toEqual({ fn: 'guard', file: 'http://localhost:5173/game/scripts/guard.ts', line: 12, column: 10, original: true });
  });

  it("a told site is not kept past its op: a wait with 'frames' drops it, and the next call is captured", () => {
    const { engine, steps } = engineWith('frames');
    const thread = engine.spawn(function* guard() {
      yield* atSite(sleep(1), GUARD);
      yield* step();
    });
    steps(62);
    expect(thread.scriptStack!.frames.map((frame) => frame.name)).toEqual(['step', 'guard']);
    expect(frameAt(thread, 1)).toMatch(/^guard .*source-sites\.test\.ts:\d+:\d+$/);
  });

  it('a value that is not an op takes no site: the op its generator starts is captured', () => {
    const { engine, steps } = engineWith('frames');
    function* plain() {
      yield* step();
    }
    const thread = engine.spawn(function* guard() {
      yield* atSite(plain(), GUARD);
    });
    steps(1);
    expect(frameAt(thread, 1)).toMatch(/^plain .*source-sites\.test\.ts:\d+:\d+$/);
  });

  it("with 'off', nothing is told or kept", () => {
    const { engine, steps } = engineWith('off');
    const thread = engine.spawn(function* guard() {
      yield* atSite(step(), GUARD);
    });
    steps(1);
    expect(thread.scriptStack!.frames[1]!.at).toBeNull();
    engine.callSites = 'frames';
    const next = engine.spawn(function* guard() {
      yield* step();
    });
    steps(1);
    expect(frameAt(next, 1)).toMatch(/^guard .*source-sites\.test\.ts:\d+:\d+$/);
  });

  it('outside any tick (a generator driven by hand) an op passes through unchanged', () => {
    const op = sleep(1);
    expect(atSite(op, GUARD)).toBe(op);
    expect([...atSite(op, GUARD)]).toEqual([op]);
  });
});

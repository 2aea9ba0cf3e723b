import { afterEach, describe, expect, it, vi } from 'vitest';
import { Engine, Recorder, ThreadFailedError, defaultCallSites, join, script, shield, sleep, spawn, useThread, type CallSites, type Thread } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';
import { markedLines } from '../support/marked-lines.ts';
import { Site, sitePosition } from '../../engine/diagnostics/call-site.ts';
import type { Spawning } from '../../engine/diagnostics/spawnings.ts';

const { at, lineOf } = markedLines(import.meta.url);

// Three sub-scripts deep, in a child thread: grunt → patrol → walkTo → stepOnce, which throws.
const stepOnce = script(function* stepOnce(blocked: boolean) {
  yield;
  if (blocked) throw new Error('blocked path'); // @throw
});
const walkTo = script(function* walkTo(blocked: boolean) {
  yield* stepOnce(blocked); // @walkTo
});
const patrol = script(function* patrol(blocked: boolean) {
  yield* sleep(0.05); // @sleep
  yield* walkTo(blocked); // @patrol
});
function* grunt(blocked: boolean) {
  yield* patrol(blocked); // @grunt
}
function* director() {
  yield* spawn(grunt, true); // @director
  yield* sleep(10);
}
function* waiter() {
  yield* shield(sleep(3)); // @shield
}

function spawnDirector(engine: Engine) {
  return engine.spawn(director); // @host
}

function spawnJoiner(engine: Engine, onCatch: (error: unknown) => void) {
  return engine.spawn(function* joiner() {
    const child = yield* spawn(grunt, true);
    try {
      yield* join(child);
    } catch (error) {
      onCatch(error);
    }
  });
}

describe('script stack traces', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it('prints a failure three sub-scripts deep in a child with every frame, its line, and the spawn chain', () => {
    const printed: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((text: string) => printed.push(text));
    const engine = new Engine({ callSites: 'frames' });
    spawnDirector(engine);
    for (let i = 0; i < 10; i++) engine.step();
    expect(printed).toEqual([
      [
        '[loom] #1 director (failed): ChildFailedError: thread #2 grunt failed: blocked path',
        '    at director',
        `    in #1 director ← spawned by the host at ${at('host', 'spawn(')}`,
        '  caused by Error: blocked path',
        `    at stepOnce (${at('throw', 'new')})`,
        `    at walkTo (${at('walkTo', 'stepOnce')})`,
        `    at patrol (${at('patrol', 'walkTo')})`,
        `    at grunt (${at('grunt', 'patrol')})`,
        `    in #2 grunt ← spawned by #1 director at ${at('director', 'spawn')} ← spawned by the host at ${at('host', 'spawn(')}`,
      ].join('\n'),
    ]);
    expect(printed.join('\n')).not.toMatch(/engine\//);
  });

  it('gives a joiner a ThreadFailedError carrying the failed thread\'s script stack; the native stack is untouched', () => {
    let caught: unknown;
    const { engine, steps } = createTestEngine({ callSites: 'frames' });
    spawnJoiner(engine, (error) => (caught = error));
    steps(10);
    expect(caught).toBeInstanceOf(ThreadFailedError);
    const failure = caught as ThreadFailedError;
    expect(failure.scriptStack?.frames.map((frame) => frame.name)).toEqual(['stepOnce', 'walkTo', 'patrol', 'grunt']);
    expect(failure.scriptStack?.frames.map((frame) => frame.at?.line)).toEqual(['throw', 'walkTo', 'patrol', 'grunt'].map(lineOf));
    expect((failure.cause as Error).stack).toMatch(/switch\.ts/); // the engine's frames are still in the native stack
  });

  it("with callSites 'off', names every frame and takes the innermost line from the error alone", () => {
    let caught: unknown;
    const { engine, steps } = createTestEngine({ callSites: 'off' });
    spawnJoiner(engine, (error) => (caught = error));
    steps(10);
    const stack = (caught as ThreadFailedError).scriptStack!;
    expect(stack.frames.map((frame) => [frame.name, frame.at && `${frame.at.file}:${frame.at.line}:${frame.at.column}`])).toEqual([
      ['stepOnce', at('throw', 'new')],
      ['walkTo', null],
      ['patrol', null],
      ['grunt', null],
    ]);
    expect(stack.ancestry).toBe('#2 grunt ← spawned by #1 joiner');
  });

  it("with callSites 'waits', shows where a live thread waits, and a wait in a shield at the shield's call", () => {
    const { engine, steps } = createTestEngine({ callSites: 'waits' });
    const patrolling = engine.spawn(grunt, false); // @spawn-patrolling
    const shielded = engine.spawn(waiter);
    steps(2);
    expect(`${patrolling.waitingOn} at ${patrolling.waitingAt?.line}`).toBe(`sleep until 0.07 s at ${lineOf('sleep')}`);
    expect(String(patrolling.scriptStack).split('\n')).toEqual([
      `    at patrol (${at('sleep', 'sleep')})`,
      `    at grunt (${at('grunt', 'patrol')})`,
      `    in #1 grunt ← spawned by the host at ${at('spawn-patrolling', 'spawn(')}`,
    ]);
    expect(shielded.waitingAt && `${shielded.waitingAt.file}:${shielded.waitingAt.line}:${shielded.waitingAt.column}`).toBe(
      at('shield', 'shield'),
    );
  });

  it("captures no call site with callSites 'frames' for a plain wait, and refuses an unknown mode", () => {
    const { engine, steps } = createTestEngine({ callSites: 'frames' });
    const patrolling = engine.spawn(grunt, false);
    steps(2);
    expect(patrolling.waitingOn).toMatch(/^sleep/);
    expect(patrolling.waitingAt).toBeNull();
    expect(() => (engine.callSites = 'all' as CallSites)).toThrow("callSites must be 'off', 'frames' or 'waits', got all");
  });

  it('says a thread spawned through a recorder was spawned where the host called the recorder, not inside it', () => {
    const { engine, steps } = createTestEngine({ callSites: 'frames' });
    const recorder = new Recorder({ engine, scripts: { grunt } });
    const patrolling = recorder.spawn(grunt, false); // @recorded-spawn
    steps(2);
    expect(patrolling.scriptStack?.ancestry).toBe(`#1 grunt ← spawned by the host at ${at('recorded-spawn', 'spawn(')}`);
  });

  it('keeps one site per place in the source: threads spawned and sub-scripts called from one place share it', () => {
    const { engine, steps } = createTestEngine({ callSites: 'frames' });
    const threads = [];
    for (let i = 0; i < 2; i++) threads.push(engine.spawn(grunt, false)); // @spawn-loop
    const [first, second, third] = [...threads, engine.spawn(grunt, false)];
    steps(1);
    expect(first!.spawning!.site).toBe(second!.spawning!.site);
    expect(first!.spawning!.site).not.toBe(third!.spawning!.site);
    expect(first!.spawning!.site!.position?.line).toBe(lineOf('spawn-loop'));
    // grunt called patrol, from the one line of grunt, in both threads
    expect(first!.extra!.sites![0]).toBe(second!.extra!.sites![0]);
    expect(first!.extra!.sites![0]!.position?.line).toBe(lineOf('grunt'));
  });

  it('keeps only the site of a thread the host spawned, and makes its spawn record once, when first read', () => {
    const { engine, steps } = createTestEngine({ callSites: 'frames' });
    const host = spawnDirector(engine);
    const column = () => host.kernel.columns.spawnings![host.slot];
    expect(column()).toBeInstanceOf(Site);
    expect(sitePosition(column() as Site)?.line).toBe(lineOf('host'));
    steps(1); // the director spawns its grunt, whose record continues the director's
    const record = host.spawning!;
    expect(record).toMatchObject({ id: host.id, name: 'director', by: null });
    expect(record.site?.position?.line).toBe(lineOf('host'));
    expect(column()).toBe(record);
    expect(host.spawning).toBe(record);
    expect(host.kernel.columns.spawnings!.find((entry) => entry !== record && (entry as Spawning | null)?.by === record)).toBeDefined();
  });

  it("with callSites 'frames', gives a thread that only spawns no extra for the spawn's site", () => {
    const { engine, steps } = createTestEngine({ callSites: 'frames' });
    let child: Thread | null = null;
    const spawner = engine.spawn(function* spawner() { // @spawner-host
      child = yield* spawn({ detached: true }, grunt, false); // @detached-spawn
      yield* sleep(10);
    });
    steps(1);
    expect(spawner.extra).toBeNull();
    const host = `spawned by the host at ${at('spawner-host', 'spawn(')}`;
    expect(child!.scriptStack!.ancestry).toBe(`#2 grunt ← spawned by #1 spawner at ${at('detached-spawn', 'spawn(')} ← ${host}`);
  });

  it("with callSites 'frames', shows the line of a spawn that failed, though its site is not in the thread's extra", () => {
    const { engine, steps } = createTestEngine({ callSites: 'frames' });
    engine.onError = () => {};
    const spawner = engine.spawn(function* badSpawner() {
      yield* spawn(42 as never); // @bad-spawn
    });
    steps(1);
    expect(spawner.scriptStack!.frames).toEqual([{ name: 'badSpawner', at: expect.objectContaining({ line: lineOf('bad-spawn') }) }]);
  });

  it("with callSites 'off', captures nothing: no spawn record, no frame site", () => {
    const { engine, steps } = createTestEngine({ callSites: 'off' });
    const patrolling = engine.spawn(grunt, false);
    steps(1);
    expect(patrolling.frames).toEqual(['grunt', 'patrol']);
    expect(patrolling.spawning).toBeNull();
    expect(patrolling.extra?.sites ?? null).toBeNull();
    expect(patrolling.extra?.site ?? null).toBeNull();
  });

  it("captures call sites by default in development ('frames'), and none in production ('off') unless told to", () => {
    vi.stubEnv('NODE_ENV', 'development');
    expect(new Engine().callSites).toBe('frames');
    vi.stubEnv('NODE_ENV', 'production');
    expect([new Engine().callSites, new Engine({ callSites: 'frames' }).callSites]).toEqual(['off', 'frames']);
    expect(defaultCallSites()).toBe('off');
  });

  it('keeps a chain of successors short: a thread 40 spawns down keeps the records of 16 spawners at most', () => {
    const { engine, steps } = createTestEngine({ callSites: 'frames' });
    let last: Thread | null = null;
    function* successor(generation: number): Generator<unknown, void, unknown> {
      if (generation === 40) {
        last = useThread();
        yield* sleep(10);
      } else yield* spawn({ detached: true }, successor, generation + 1);
    }
    engine.spawn(successor, 0);
    steps(2);
    const kept: number[] = [];
    for (let record = last!.spawning; record !== null; record = record.by) kept.push(record.id);
    expect(kept.length).toBeLessThanOrEqual(17);
    expect(last!.scriptStack!.ancestry).toMatch(/^#41 successor ← spawned by #40 successor at .+ ← \.\.\.$/);
  });

  it('prints the failure of a script that hot reload restarted at its throw, though V8 names its frame "[as script]"', () => {
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
    const engine = new Engine({ hotReload: true }); // its default error hook prints the script stack
    function* sentry() {
      for (;;) yield* sleep(1);
    }
    function* sentryEdited() {
      yield;
      throw new Error('the edit throws'); // @restarted-throw
    }
    engine.spawn(sentry);
    engine.step();
    engine.reload([{ from: sentry, to: sentryEdited }]);
    for (let i = 0; i < 3; i++) engine.step();
    expect(printed).toHaveBeenCalledTimes(1);
    const frames = String(printed.mock.calls[0]![0]).split('\n').filter((line) => line.trimStart().startsWith('at '));
    expect(frames[0]).toContain(at('restarted-throw', 'new Error'));
  });
});

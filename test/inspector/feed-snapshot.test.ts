// The inspection feed of a room: a snapshot, mirrored by RemoteRoom, reads as the local engine does to the panel
// (every field the panel reads of an engine and its threads), and the feed costs the engine nothing until asked.
import { describe, expect, it } from 'vitest';
import { createSignal, formatPosition, joinGroup, monitor, register, script, sleep, spawn, supervisor, wait, type Engine } from '../../engine/index.ts';
import { actorFacts } from '../../inspector/actor-facts.ts';
import { EngineFeed } from '../../inspector/engine-feed.ts';
import { relativeFile, takeSnapshot } from '../../inspector/feed-snapshot.ts';
import type { InspectedEngine, InspectedThread } from '../../inspector/inspected.ts';
import { RemoteRoom } from '../../inspector/remote-room.ts';
import { ScriptTimeWindow } from '../../inspector/script-time-window.ts';
import { createTestEngine } from '../helpers.ts';

const ROOT = process.cwd();

/** A room-like engine: a director with children in a sub-script, sleepers, a signal waiter, a busy thread, one being cancelled. */
function world() {
  const { engine, steps } = createTestEngine({ callSites: 'waits' });
  let clock = 0;
  engine.accounting.now = () => clock;
  engine.accounting.slowResumeMs = Infinity;
  engine.accounting.enabled = true;
  const door = createSignal('door.opened');
  const wave = script(function* wave(size: number) {
    for (let i = 0; i < size; i++) yield* spawn(function* grunt() { yield* sleep(5 + i); });
    yield* wait(door);
  });
  const director = engine.spawn(function* director() {
    yield* wave(3);
  });
  engine.spawn(function* busy() {
    for (;;) {
      clock += 0.5;
      yield;
    }
  });
  const doomed = engine.spawn(function* doomed() {
    try {
      yield* wait(door);
    } finally {
      yield* sleep(1);
    }
  });
  steps(3);
  doomed.cancel();
  steps(1);
  return { engine, steps, director, door };
}

/** A RemoteRoom that is never polled: the test hands it snapshots. */
function mirror(): RemoteRoom {
  return new RemoteRoom('http://127.0.0.1:1', 'test', { fetch: () => Promise.reject(new Error('not polled in this test')) });
}

/** What the panel reads of a thread (the list row, the details, the top list), as plain data. */
function shown(engine: InspectedEngine, thread: InspectedThread) {
  const accounting = engine.accounting;
  return {
    id: thread.id, name: thread.name, label: thread.label, reloads: thread.reloads, state: thread.state,
    stateName: thread.stateName, cancelling: thread.cancelling, alive: thread.alive, detached: thread.detached,
    waitingOn: thread.waitingOn, age: thread.age, parent: thread.parent?.id ?? null,
    children: thread.children.map((child) => child.id),
    resumes: accounting.resumesOf(thread), ms: accounting.threadMs(thread), average: accounting.threadAverageMs(thread),
  };
}

/** What the details show of a selected thread's stack, positions named from the repository. */
function stackOf(thread: InspectedThread) {
  const where = (at: { fn: string; file: string; line: number; column: number }) => formatPosition({ ...at, file: relativeFile(at.file, ROOT) });
  const stack = thread.scriptStack;
  return {
    waitingAt: thread.waitingAt && where(thread.waitingAt),
    frames: stack?.frames.map((frame) => `${frame.name} ${frame.at ? where(frame.at) : ''}`),
    spawned: stack?.ancestryText(where),
  };
}

/** What the details show of a thread as an actor, threads as their ids. */
function factsOf(thread: InspectedThread) {
  const facts = actorFacts(thread);
  if (facts === null) return null;
  return {
    registry: facts.registry,
    monitors: facts.monitors.map((watched) => watched.id),
    supervised: facts.supervised.map((child) => [child.text, child.thread?.id ?? null]),
    key: facts.key,
  };
}

function totals(engine: InspectedEngine) {
  const a = engine.accounting;
  return {
    tick: engine.tick, dt: engine.dt, paused: engine.paused, threadCount: engine.threadCount,
    accounting: [a.tickMs, a.tickResumes, a.carriedOver, a.unattributedMs, a.timeAloneMs, a.sampleEvery, a.runLength, a.timed.length],
  };
}

describe('takeSnapshot and RemoteRoom: a room as the panel reads it', () => {
  it('mirrors every thread as the panel reads the local engine: rows, totals, counts and the top list, through JSON', () => {
    const { engine, steps } = world();
    const recent = new ScriptTimeWindow(engine);
    recent.start();
    steps(4);
    const room = mirror();
    room.apply(JSON.parse(JSON.stringify(takeSnapshot(engine, recent, { root: ROOT }))));
    expect(room.threads().map((thread) => shown(room, thread))).toEqual(engine.threads().map((thread) => shown(engine, thread)));
    expect(totals(room)).toEqual(totals(engine));
    expect(room.states).toEqual({ ready: 1, running: 0, waiting: 4, cancelling: 1 }); // busy; the director and its 3 grunts; doomed
    expect(room.recent.top(8).map(({ thread, ms }) => [thread.label, ms])).toEqual(recent.top(8).map(({ thread, ms }) => [thread.label, ms]));
    expect(room.recent.top(8)[0]).toMatchObject({ ms: 2 }); // busy: 0.5 ms in each of the 4 ticks the window saw
    expect([room.recent.ticks, room.recent.windowTicks]).toEqual([recent.ticks, recent.windowTicks]);
  });

  it("gives the selected thread's stack, where it waits and how it was spawned, with the server's files named from its directory", () => {
    const { engine, director } = world();
    const recent = new ScriptTimeWindow(engine);
    const grunt = director.children[1]!;
    const room = mirror();
    room.apply(JSON.parse(JSON.stringify(takeSnapshot(engine, recent, { root: ROOT, selected: grunt.id }))));
    const mirrored = room.threads().find((thread) => thread.id === grunt.id)!;
    expect(stackOf(mirrored)).toEqual(stackOf(grunt));
    expect(stackOf(mirrored).spawned).toMatch(/^#\d+ grunt ← spawned by #\d+ director at test\/inspector\/feed-snapshot\.test\.ts:\d+:\d+/);
    const other = room.threads().find((thread) => thread.id === director.id)!;
    expect(other.scriptStack).toBeNull(); // only the selected thread's details are sent
  });

  it("gives the selected thread's names, groups, monitors and supervised children, as the local panel shows them", () => {
    const { engine, steps } = createTestEngine();
    const drone = function* drone() {
      yield* sleep(100);
    };
    const hive = engine.spawn({ name: 'hive' }, supervisor, { children: [{ name: 'drone:1', script: drone }, { name: 'drone:2', script: drone }] });
    const watcher = engine.spawn(function* watcher() {
      yield* register('watcher');
      yield* joinGroup('squad:alpha');
      yield* monitor(hive);
      yield* sleep(100);
    });
    steps(2);
    hive.supervised![0]!.thread!.cancel(); // a child that ends is restarted: its count goes up
    steps(2);
    const room = mirror();
    for (const thread of [hive, watcher]) {
      room.apply(JSON.parse(JSON.stringify(takeSnapshot(engine, new ScriptTimeWindow(engine), { root: ROOT, selected: thread.id }))));
      const mirrored = room.threads().find((shownThread) => shownThread.id === thread.id)!;
      expect(factsOf(mirrored)).toEqual(factsOf(thread));
      expect(factsOf(mirrored)).not.toBeNull();
    }
    expect(factsOf(hive)!.supervised).toEqual([['drone:1 ↻1', hive.supervised![0]!.thread!.id], ['drone:2', hive.supervised![1]!.thread!.id]]);
    expect(factsOf(watcher)).toMatchObject({ registry: 'names watcher · groups squad:alpha', monitors: [hive.id], supervised: [] });
  });

  it('keeps one object per thread across snapshots; a thread that ended is gone from the list and reads as ended', () => {
    const { engine, steps, door } = world();
    const recent = new ScriptTimeWindow(engine);
    const room = mirror();
    room.apply(takeSnapshot(engine, recent));
    const doorman = room.threads().find((thread) => thread.name === 'wave' || thread.name === 'director')!;
    const before = room.threads().length;
    door.emit(undefined);
    steps(60);
    room.apply(takeSnapshot(engine, recent));
    expect(room.threads().length).toBe(engine.threadCount);
    expect(room.threads().length).toBeLessThan(before);
    expect(room.threads().map((thread) => thread.id)).toEqual(engine.threads().map((thread) => thread.id));
    expect([doorman.alive, doorman.stateName, doorman.waitingOn]).toEqual([false, 'ended', '']);
    const busy = room.threads().find((thread) => thread.name === 'busy')!;
    room.apply(takeSnapshot(engine, recent));
    expect(room.threads().find((thread) => thread.name === 'busy')).toBe(busy);
  });

  it('lists at most maxThreads threads, while the counts and the total cover every thread', () => {
    const { engine } = world();
    const room = mirror();
    room.apply(takeSnapshot(engine, new ScriptTimeWindow(engine), { maxThreads: 2 }));
    expect(room.threads().map((thread) => thread.id)).toEqual(engine.threads().slice(0, 2).map((thread) => thread.id));
    expect(room.threadCount).toBe(engine.threadCount);
    expect(Object.values(room.states).reduce((a, b) => a + b)).toBe(engine.threadCount);
  });
});

describe('EngineFeed: snapshots on request only', () => {
  function quiet(): Engine {
    const { engine, steps } = createTestEngine();
    engine.spawn(function* patrol() {
      for (;;) yield* sleep(1);
    });
    steps(2);
    return engine;
  }

  it('leaves the engine alone until asked: accounting off, no tick hook', () => {
    const engine = quiet();
    const feed = new EngineFeed(engine);
    engine.step();
    expect([feed.watching, engine.accounting.enabled, engine.accounting.onTick]).toEqual([false, false, null]);
    feed.snapshot(null, 0);
    expect([feed.watching, engine.accounting.enabled, engine.accounting.onTick !== null]).toEqual([true, true, true]);
  });

  it('answers a request sooner than minIntervalMs with the last snapshot, a later one with a new one', () => {
    const engine = quiet();
    const feed = new EngineFeed(engine, { minIntervalMs: 200 });
    const first = feed.snapshot(null, 1000);
    engine.step();
    expect(feed.snapshot(null, 1199)).toBe(first);
    const second = feed.snapshot(null, 1200);
    expect(second).not.toBe(first);
    expect(second.tick).toBe(first.tick + 1);
    expect(feed.snapshot(1, 1201).selected?.id).toBe(1); // another thread asked for: a new snapshot
  });

  it('stops watching after idleMs with no request, and puts the accounting back as it was', () => {
    const engine = quiet();
    const feed = new EngineFeed(engine, { idleMs: 5000 });
    feed.snapshot(null, 0);
    feed.idle(4999);
    expect(feed.watching).toBe(true);
    feed.idle(5000);
    expect([feed.watching, engine.accounting.enabled, engine.accounting.onTick]).toEqual([false, false, null]);
    engine.accounting.enabled = true;
    feed.snapshot(null, 6000);
    feed.close();
    expect(engine.accounting.enabled).toBe(true);
  });
});

import { countStates, type Engine, type ScriptFrame, type SourcePosition, type Thread } from 'loom-threads';
import type { RecentScriptTime } from './inspected.ts';

/** One live thread in a room's feed: what a row of the panel's list shows. */
export interface FeedThread {
  id: number;
  name: string;
  /** Its state number (READY 0, RUNNING 1, WAITING 2). */
  state: number;
  stateName: string;
  cancelling: boolean;
  detached: boolean;
  reloads: number;
  waitingOn: string;
  /** Ticks since it was spawned. */
  age: number;
  parent: number | null;
  resumes: number;
  /** Script time in the last tick, ms, if it was timed alone. */
  ms: number;
  msAverage: number;
}

/** The selected thread in a room's feed: what the panel's details show beyond its row. */
export interface FeedDetails {
  id: number;
  waitingAt: SourcePosition | null;
  /** Its script stack, innermost first. */
  frames: ScriptFrame[];
  children: number[];
  /** Its names, groups and monitored threads, and a supervisor's children (`thread`: null while it waits to restart). */
  actor: { names: string[]; groups: string[]; monitoring: number[]; supervised: { name: string; thread: number | null; restarts: number }[] | null };
  /** How it was spawned: the text with a `\uE000n\uE001` mark (private use characters) where `at[n]` goes (the page writes positions). */
  ancestry: { text: string; at: SourcePosition[] };
}

/** The accounting totals of the last tick. */
export interface FeedAccounting {
  tickMs: number;
  tickResumes: number;
  carriedOver: number;
  unattributedMs: number;
  timeAloneMs: number;
  sampleEvery: number;
  runLength: number;
  /** Threads timed alone in the last tick. */
  timed: number;
}

/** What a room's inspection feed answers: everything the panel shows, as plain data. */
export interface FeedSnapshot {
  tick: number;
  dt: number;
  paused: boolean;
  threadCount: number;
  /** Live threads per shown state. */
  states: Record<string, number>;
  /** The live threads in the engine's order, the first `maxThreads` of them. */
  threads: FeedThread[];
  accounting: FeedAccounting;
  /** The top list: `[thread id, ms]`, most first, over the window's `ticks` of `windowTicks`. */
  top: { ticks: number; windowTicks: number; entries: [number, number][] };
  /** The thread asked for, if it is alive. */
  selected: FeedDetails | null;
}

/** How a snapshot is taken. */
export interface SnapshotOptions {
  /** The most threads listed (the counts cover them all). Default 10,000. */
  maxThreads?: number;
  /** The thread whose details to include. */
  selected?: number | null;
  /** Rows of the top list. Default 8. */
  topCount?: number;
  /** A prefix cut off source files (the server's directory), so positions read as the repository's paths. */
  root?: string;
}

/**
 * What the inspector panel shows of `engine` now, as plain data (JSON-safe): the same fields the panel reads of a
 * local engine (`InspectedEngine`), for a panel elsewhere to mirror (`RemoteRoom`).
 *
 * @example
 * ```ts
 * const snap = takeSnapshot(engine, recent, { selected: 12 });
 * snap.threads[0]; // { id: 1, name: 'game', stateName: 'waiting', waitingOn: 'join #2 wave', ... }
 * ```
 */
export function takeSnapshot(engine: Engine, recent: RecentScriptTime, options: SnapshotOptions = {}): FeedSnapshot {
  const all = engine.threads();
  const accounting = engine.accounting;
  const listed = all.slice(0, options.maxThreads ?? 10_000).map((thread) => feedThread(engine, thread));
  const selected = all.find((thread) => thread.id === options.selected);
  return {
    tick: engine.tick,
    dt: engine.dt,
    paused: engine.paused,
    threadCount: engine.threadCount,
    states: countStates(engine),
    threads: listed,
    accounting: {
      tickMs: accounting.tickMs,
      tickResumes: accounting.tickResumes,
      carriedOver: accounting.carriedOver,
      unattributedMs: accounting.unattributedMs,
      timeAloneMs: accounting.timeAloneMs,
      sampleEvery: accounting.sampleEvery,
      runLength: accounting.runLength,
      timed: accounting.timed.length,
    },
    top: {
      ticks: recent.ticks,
      windowTicks: recent.windowTicks,
      entries: recent.top(options.topCount ?? 8).map((entry) => [entry.thread.id, entry.ms]),
    },
    selected: selected === undefined ? null : feedDetails(selected, options.root ?? ''),
  };
}

function feedThread(engine: Engine, thread: Thread): FeedThread {
  const accounting = engine.accounting;
  return {
    id: thread.id,
    name: thread.name,
    state: thread.state,
    stateName: thread.stateName,
    cancelling: thread.cancelling,
    detached: thread.detached,
    reloads: thread.reloads,
    waitingOn: thread.waitingOn,
    age: thread.age,
    parent: thread.parent?.id ?? null,
    resumes: accounting.resumesOf(thread),
    ms: accounting.threadMs(thread),
    msAverage: accounting.threadAverageMs(thread),
  };
}

function feedDetails(thread: Thread, root: string): FeedDetails {
  const local = (at: SourcePosition | null): SourcePosition | null => (at === null ? null : { ...at, file: relativeFile(at.file, root) });
  const stack = thread.scriptStack;
  const at: SourcePosition[] = [];
  const text = stack?.ancestryText((position) => `\uE000${at.push(local(position)!) - 1}\uE001`) ?? '';
  return {
    id: thread.id,
    waitingAt: local(thread.waitingAt),
    frames: (stack?.frames ?? []).map((frame) => ({ name: frame.name, at: local(frame.at) })),
    children: thread.children.map((child) => child.id),
    actor: {
      names: [...thread.registeredNames],
      groups: [...thread.groups],
      monitoring: thread.monitoring.map((watched) => watched.id),
      supervised: thread.supervised?.map((child) => ({ name: child.name, thread: child.thread?.id ?? null, restarts: child.restarts })) ?? null,
    },
    ancestry: { text, at },
  };
}

/** A source file as the repository names it: `file://` and the server's directory cut off. */
export function relativeFile(file: string, root: string): string {
  const path = file.startsWith('file://') ? file.slice('file://'.length) : file;
  if (root === '' || !path.startsWith(root)) return path;
  return path.slice(root.length).replace(/^\/+/, '');
}

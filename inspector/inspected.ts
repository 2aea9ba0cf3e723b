import type { ScriptFrame, SourcePosition } from 'loom-threads';

// What the panel reads of an engine and its threads. A local `Engine` and its `Thread`s have all of it; a room on a
// server (`RemoteRoom`) mirrors it from the room's feed. So there is one panel, whichever it inspects.

/** A thread as the panel reads it: `Thread` has all of it. */
export interface InspectedThread {
  readonly id: number;
  readonly name: string;
  /** `#id name`. */
  readonly label: string;
  readonly reloads: number;
  /** Its state number (READY 0, RUNNING 1, WAITING 2 while alive). */
  readonly state: number;
  readonly stateName: string;
  readonly cancelling: boolean;
  readonly alive: boolean;
  readonly detached: boolean;
  readonly waitingOn: string;
  readonly waitingAt: SourcePosition | null;
  /** Ticks since it was spawned. */
  readonly age: number;
  readonly parent: InspectedThread | null;
  readonly children: readonly InspectedThread[];
  readonly scriptStack: InspectedStack | null;
  /** The names it is registered under. */
  readonly registeredNames: readonly string[];
  /** The groups it is a member of. */
  readonly groups: readonly string[];
  /** The threads it monitors. */
  readonly monitoring: readonly InspectedThread[];
  /** A supervisor's children, in start order; null for a thread that is no supervisor. */
  readonly supervised: readonly InspectedChild[] | null;
}

/** A supervised child as the panel reads it: `SupervisedChild` has all of it. */
export interface InspectedChild {
  readonly name: string;
  /** The thread running it now; null while it waits to restart. */
  readonly thread: InspectedThread | null;
  readonly restarts: number;
}

/** A thread's script stack as the panel reads it: `ScriptStack` has all of it. */
export interface InspectedStack {
  /** Innermost first. */
  readonly frames: readonly ScriptFrame[];
  /** What was thrown, for a failed thread's stack; undefined for a live one. */
  readonly error: unknown;
  /** How the thread was spawned, with positions written by `where`. */
  ancestryText(where: (at: SourcePosition) => string): string;
}

/** The script time accounting as the panel reads it: `Accounting` has all of it. */
export interface InspectedAccounting {
  /** On while the panel is open. */
  enabled: boolean;
  readonly tickMs: number;
  readonly tickResumes: number;
  readonly carriedOver: number;
  readonly unattributedMs: number;
  readonly timeAloneMs: number;
  readonly sampleEvery: number;
  readonly runLength: number;
  /** The threads timed alone in the last tick. */
  readonly timed: readonly InspectedThread[];
  resumesOf(thread: InspectedThread): number;
  threadMs(thread: InspectedThread): number;
  threadAverageMs(thread: InspectedThread): number;
}

/** An engine as the panel reads it: `Engine` has all of it. */
export interface InspectedEngine {
  readonly tick: number;
  /** Seconds a tick. */
  readonly dt: number;
  readonly paused: boolean;
  readonly threadCount: number;
  /** The live threads. */
  threads(): readonly InspectedThread[];
  readonly accounting: InspectedAccounting;
}

/**
 * The state the panel shows: `stateName`, or `cancelling` for a live thread being cancelled (as the engine's
 * `inspectedState`, for any inspected thread).
 *
 * @example
 * ```ts
 * shownState(thread); // 'waiting'
 * ```
 */
export function shownState(thread: InspectedThread): string {
  return thread.cancelling && thread.alive ? 'cancelling' : thread.stateName;
}

/** The threads with the most script time over a recent window: `ScriptTimeWindow` locally, the feed's for a room. */
export interface RecentScriptTime {
  /** Ticks in the window so far. */
  readonly ticks: number;
  /** Ticks the full window holds. */
  readonly windowTicks: number;
  /** The `count` live threads with the most script time over the window, most first. */
  top(count: number): readonly { thread: InspectedThread; ms: number }[];
}

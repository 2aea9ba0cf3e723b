// Loom's public surface: everything a script, a host or an inspector needs, and nothing internal.
export { Engine, type EngineOptions } from './engine.ts';
export { Accounting } from './accounting.ts';
export { Thread, type ScriptGenerator } from './thread.ts';
export { ThreadState, stateName, isFinal } from './thread-state.ts';
export { Signal, createSignal } from './signal.ts';
export { Op, type OpResult } from './op.ts';
export { Random } from './random.ts';
export type {
  Script, Spawnable, SpawnOptions, SubScript, ThreadOf, ScriptArgs, AnySpawnable, SpawnRest, ArgumentsOf, SpawnedThread,
} from './script.ts';
export type { Step, MessagesIn, MessagesOf, MessageFor, NoMailbox } from './message-types.ts';
export { LoomError, ThreadFailedError, ChildFailedError, CancelledError, DeadlockError, Cancellation, isCancellation } from './errors.ts';
export { sleep } from './ops/sleep.ts';
export { wait } from './ops/wait.ts';
export { join } from './ops/join.ts';
export { spawn } from './ops/spawn.ts';
export { receive } from './ops/receive.ts';
export { race, type RaceResult, type Operation } from './ops/race.ts';
export { all, type AllResults } from './ops/all.ts';
export { timeout, type TimeoutResult } from './ops/timeout.ts';
export { script } from './ops/call.ts';
export { shield, type Shielded } from './ops/shield.ts';
export { useThread, useEngine } from './ops/current.ts';
export { cancel, send } from './ops/control.ts';
export { ScriptStack, formatPosition, type ScriptFrame } from './script-stack.ts';
export { parseStackLine, type CallSites, type SourcePosition } from './call-site.ts';
export { formatFailure } from './format-failure.ts';
export { snapshot, countStates, inspectedState, INSPECTED_STATES, type ThreadSnapshot } from './inspect.ts';
export { Watchdog, type WatchdogOptions, type WatchdogWorker } from './watchdog.ts';
export { HangWatcher, startWatcher } from './watchdog-watcher.ts';
export type { WatchdogShared } from './watchdog-layout.ts';
export { drive, type FrameSource, type FrameInfo, type Driver, type DriveOptions } from './driver.ts';

import type { Engine } from '../core/engine.ts';
import type { Thread } from '../core/thread.ts';
import { StateHasher } from './state-hasher.ts';

/** Feeds a simulation's own state (the world beside the engine) into a hash: the hook a host supplies. */
export type WorldHash = (hasher: StateHasher) => void;

/**
 * The state hash of a tick: the engine's own state (tick, random generator, and each live thread's id, state,
 * wait kind and operand description, frames, and its names, groups, monitors and supervised children, in id
 * order), then the world's, through `world`. Two runs
 * with the same hash at a tick are, as far as either can see, in the same state. It walks every thread, so it
 * is computed only when asked: a recorder asks at its checkpoint interval.
 *
 * @example
 * ```ts
 * stateHash(engine, (h) => { for (const e of world.entities) h.int(e.id).number(e.x).number(e.y); });
 * ```
 */
export function stateHash(engine: Engine, world?: WorldHash): string {
  const hasher = new StateHasher();
  hasher.int(engine.tick);
  for (const word of engine.random.state) hasher.int(word);
  const threads = [...engine.threads()].sort((a, b) => a.id - b.id);
  hasher.int(threads.length);
  for (const thread of threads) hashThread(hasher, thread);
  world?.(hasher);
  return hasher.digest();
}

function hashThread(hasher: StateHasher, thread: Thread): void {
  hasher.int(thread.id).int(thread.state).int(thread.wait?.code ?? 0).string(thread.waitingOn);
  const frames = thread.frames;
  hasher.int(frames.length);
  for (const frame of frames) hasher.string(frame);
  if (thread.extra?.actor != null) hashActor(hasher, thread);
}

// Its names, groups, monitors and, for a supervisor, its children's threads and restart counts. Fed only for a
// thread that has been an actor, so the hashes of runs without actors are what they were.
function hashActor(hasher: StateHasher, thread: Thread): void {
  const lists = [thread.registeredNames, thread.groups, thread.monitoring.map((t) => t.label)];
  for (const list of lists) {
    hasher.int(list.length);
    for (const item of list) hasher.string(item);
  }
  const children = thread.supervised ?? [];
  hasher.int(children.length);
  for (const child of children) hasher.string(child.name).int(child.thread?.id ?? 0).int(child.restarts);
}

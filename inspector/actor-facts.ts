import type { InspectedThread } from './inspected.ts';

/** One supervised child as the details show it: its name, its thread (null while it waits to restart), restarts. */
export interface SupervisedFact {
  readonly name: string;
  readonly thread: InspectedThread | null;
  readonly text: string;
}

/** What the details show of a thread as an actor; null for a thread that is none. */
export interface ActorFacts {
  /** `names boss · groups squad:alpha, squad:all`, or '' for none. */
  readonly registry: string;
  /** The threads it monitors. */
  readonly monitors: readonly InspectedThread[];
  /** A supervisor's children, in start order. */
  readonly supervised: readonly SupervisedFact[];
  /** A line that changes whenever the links shown must be rebuilt. */
  readonly key: string;
}

/**
 * The names and groups of `thread`, the threads it monitors and, for a supervisor, each child with its thread and
 * restart count (`member:2 ↻3`, `waiting to restart`), or null if it is none of these.
 */
export function actorFacts(thread: InspectedThread): ActorFacts | null {
  const names = thread.registeredNames;
  const groups = thread.groups;
  const monitors = thread.monitoring;
  const children = thread.supervised ?? [];
  if (names.length + groups.length + monitors.length + children.length === 0 && thread.supervised === null) return null;
  const registry = [names.length > 0 ? `names ${names.join(', ')}` : '', groups.length > 0 ? `groups ${groups.join(', ')}` : '']
    .filter(Boolean)
    .join(' · ');
  const supervised = children.map((child) => ({
    name: child.name,
    thread: child.thread,
    text: `${child.name} ${child.thread === null ? 'waiting to restart' : ''}${child.restarts > 0 ? ` ↻${child.restarts}` : ''}`.replace(/ +/g, ' ').trim(),
  }));
  const key = [registry, monitors.map((t) => t.id).join(','), supervised.map((c) => `${c.text}:${c.thread?.id ?? '-'}`).join(',')].join('|');
  return { registry, monitors, supervised, key };
}

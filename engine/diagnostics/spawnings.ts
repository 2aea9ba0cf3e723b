import { Site } from './call-site.ts';
import type { Thread } from '../core/thread.ts';

/**
 * How a thread came to be: its id and name (not its label: a string a thread would keep for nothing
 * until it fails), where it was spawned, and the record of the thread that spawned it (null for a thread spawned
 * from outside any script).
 */
export interface Spawning {
  readonly id: number;
  readonly name: string;
  readonly site: Site | null;
  readonly by: Spawning | null;
  /** Records in the chain from this one down, the cut one (ELIDED) not counted: a spawn reads it, never walks it. */
  readonly generations: number;
}

/**
 * What the spawnings column holds for a live thread: its record, or, for a thread the host spawned, only the site
 * (its record, a spawner of none, is made when first read): a parked thread so keeps one pointer, not a record.
 */
export type SpawnEntry = Spawning | Site | null;

/** Spawners listed before the rest of the chain is left out. */
export const MAX_ANCESTRY = 16;

// Where a chain was cut: threads that spawn their successors for ever would otherwise keep every generation's record.
export const ELIDED: Spawning = Object.freeze({ id: 0, name: '', site: null, by: null, generations: 0 });

/**
 * Records where `thread` was spawned, by `parent` (null: the host). `site` is where the host called the spawn, or
 * where a script started the race or all whose branch it is; for a script's spawn op, null, and the site is that
 * op's: held for the spawner in the SiteTable (`'frames'`), else the one the spawner's latest op left in its extra.
 */
export function recordSpawn(thread: Thread, parent: Thread | null, site: Site | null): void {
  let at = site;
  if (parent !== null && at === null) at = thread.kernel.sites.takeSpawn(parent) ?? takeLatestSite(parent);
  const entry = parent === null ? at : newRecord(thread.id, thread.name, at, spawnerRecord(parent));
  thread.kernel.columns.recordSpawning(thread.slot, entry);
}

/** The spawn record of a live `thread` if one was made when it was spawned (call sites on), else null. */
export function recordOf(thread: Thread): Spawning | null {
  const spawnings = thread.kernel.columns.spawnings;
  const entry = spawnings?.[thread.slot] ?? null;
  if (!(entry instanceof Site)) return entry;
  // Made once and kept: every thread it spawns continues the same record.
  const record = newRecord(thread.id, thread.name, entry, null);
  spawnings![thread.slot] = record;
  return record;
}

/**
 * The spawn record of `thread`: the one made when it was spawned with call sites on, else one made now
 * from its parents (no sites), up to the first with a record. A loop: a chain may be any number of threads deep.
 */
export function spawningOf(thread: Thread): Spawning {
  const unrecorded: Thread[] = [];
  let record: Spawning | null = null;
  for (let next: Thread | null = thread; next !== null; next = next.parent) {
    record = next.spawning;
    if (record !== null || unrecorded.length > MAX_ANCESTRY) break;
    unrecorded.push(next);
  }
  for (let i = unrecorded.length - 1; i >= 0; i--) record = newRecord(unrecorded[i]!.id, unrecorded[i]!.name, null, record);
  return record!;
}

/**
 * The record a thread spawned by `parent` continues: the parent's, or, once that chain is as long as
 * is ever listed, a copy of the parent's alone, which ends the chain there.
 */
export function spawnerRecord(parent: Thread): Spawning {
  const record = spawningOf(parent);
  return record.generations < MAX_ANCESTRY ? record : { id: record.id, name: record.name, site: record.site, by: ELIDED, generations: 1 };
}

function takeLatestSite(thread: Thread): Site | null {
  const extra = thread.extra;
  if (extra === null) return null;
  const site = extra.site;
  extra.site = null;
  return site;
}

function newRecord(id: number, name: string, site: Site | null, by: Spawning | null): Spawning {
  return { id, name, site, by, generations: by === null ? 1 : by.generations + 1 };
}

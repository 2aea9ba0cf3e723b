import { ActorParts } from './actor-parts.ts';
import { LoomError } from './errors.ts';
import type { Thread } from './thread.ts';

/**
 * An engine's names and groups: a name is one live thread (`boss`, `door:12`), a group many (`squad:alpha`), its
 * members in the order they joined. A thread leaves both the moment it ends, so a restarted thread can take its
 * name again at once. Rebuilt by replay and restore as the scripts that register run again; a hot reload keeps
 * them, as the restarted thread keeps its id.
 */
export class Registry {
  private readonly byName = new Map<string, Thread>();
  private readonly byGroup = new Map<string, Thread[]>();

  /** Registers `thread` as `name`; throws a LoomError naming both threads if another live thread has it. */
  register(thread: Thread, name: string, op: string): void {
    checkKey(name, op, thread, 'name');
    const holder = this.byName.get(name);
    if (holder === thread) return; // a hot reload runs the script's register again
    if (holder !== undefined) {
      throw new LoomError(`${op} in ${thread.label}: the name "${name}" is taken by ${holder.label} (${holder.stateName})`);
    }
    if (!thread.alive) throw new LoomError(`${op}: ${thread.label} has ended (${thread.stateName}); an ended thread has no name`);
    this.byName.set(name, thread);
    (partsOf(thread).names ??= []).push(name);
  }

  /** Takes `name` from `thread`; false if it was not `thread`'s. */
  unregister(thread: Thread, name: string): boolean {
    if (this.byName.get(name) !== thread) return false;
    this.byName.delete(name);
    remove(thread.extra!.actor!.names!, name);
    return true;
  }

  /** The live thread registered as `name`, or null. */
  whereis(name: string): Thread | null {
    return this.byName.get(name) ?? null;
  }

  /** Adds `thread` to `group`, after its members; a member already stays where it is. */
  join(thread: Thread, group: string, op: string): void {
    checkKey(group, op, thread, 'group');
    if (!thread.alive) throw new LoomError(`${op}: ${thread.label} has ended (${thread.stateName})`);
    const members = this.byGroup.get(group);
    if (members?.includes(thread)) return;
    if (members === undefined) this.byGroup.set(group, [thread]);
    else members.push(thread);
    (partsOf(thread).groups ??= []).push(group);
  }

  /** Takes `thread` out of `group`; false if it was not a member. */
  leave(thread: Thread, group: string): boolean {
    const members = this.byGroup.get(group);
    if (members === undefined || !remove(members, thread)) return false;
    if (members.length === 0) this.byGroup.delete(group);
    remove(thread.extra!.actor!.groups!, group);
    return true;
  }

  /** The members of `group`, in the order they joined (a copy). */
  members(group: string): Thread[] {
    return this.byGroup.get(group)?.slice() ?? [];
  }

  /** Every name and its thread, in the order they were registered. */
  names(): ReadonlyMap<string, Thread> {
    return this.byName;
  }

  /** Every group and its members, in the order the groups were first joined. */
  groups(): ReadonlyMap<string, readonly Thread[]> {
    return this.byGroup;
  }

  /** `thread` has ended: it leaves its names and groups. */
  release(thread: Thread, parts: ActorParts): void {
    for (const name of parts.names ?? []) this.byName.delete(name);
    for (const group of parts.groups ?? []) {
      const members = this.byGroup.get(group)!;
      remove(members, thread);
      if (members.length === 0) this.byGroup.delete(group);
    }
    parts.names = null;
    parts.groups = null;
  }
}

function partsOf(thread: Thread): ActorParts {
  return (thread.ensureExtra().actor ??= new ActorParts());
}

function remove<T>(list: T[], item: T): boolean {
  const at = list.indexOf(item);
  if (at >= 0) list.splice(at, 1);
  return at >= 0;
}

function checkKey(key: unknown, op: string, thread: Thread, what: string): void {
  if (typeof key !== 'string' || key === '') {
    throw new LoomError(`${op} in ${thread.label}: a ${what} is a non-empty string, got ${typeof key === 'string' ? '""' : String(key)}`);
  }
}

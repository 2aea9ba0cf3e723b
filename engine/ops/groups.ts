import { type Kernel, mailboxOwner, Op, type Thread } from '../core/kernel.ts';

class JoinGroup extends Op<void> {
  constructor(private readonly group: string) {
    super();
  }

  get description(): string {
    return `joinGroup(${JSON.stringify(this.group)})`;
  }

  enter(thread: Thread, kernel: Kernel): boolean {
    kernel.registry.join(mailboxOwner(thread), this.group, this.description);
    return false;
  }
}

class LeaveGroup extends Op<boolean> {
  constructor(private readonly group: string) {
    super();
  }

  get description(): string {
    return `leaveGroup(${JSON.stringify(this.group)})`;
  }

  enter(thread: Thread, kernel: Kernel): boolean {
    thread.value = kernel.registry.leave(mailboxOwner(thread), this.group);
    return false;
  }
}

class Members extends Op<Thread[]> {
  constructor(private readonly group: string) {
    super();
  }

  get description(): string {
    return `members(${JSON.stringify(this.group)})`;
  }

  enter(thread: Thread, kernel: Kernel): boolean {
    thread.value = kernel.registry.members(this.group);
    return false;
  }
}

/**
 * Adds the running thread (the mailbox owner, in a branch) to `group` (`'squad:alpha'`), after its members; it
 * stays a member until it ends or leaves. Many threads share a group, unlike a name (Erlang's `pg`).
 *
 * @example
 * ```ts
 * function* trooper(squad: string) { yield* joinGroup(`squad:${squad}`); for (;;) obey(yield* receive()); }
 * ```
 */
export function joinGroup(group: string): Op<void> {
  return new JoinGroup(group);
}

/**
 * Takes the running thread out of `group`; false if it was not a member.
 *
 * @example
 * ```ts
 * yield* leaveGroup('squad:alpha'); // deserts: broadcasts to the squad no longer reach it
 * ```
 */
export function leaveGroup(group: string): Op<boolean> {
  return new LeaveGroup(group);
}

/**
 * The live members of `group`, in the order they joined (a copy). A host asks `engine.members(group)`.
 *
 * @example
 * ```ts
 * const squad = yield* members('squad:alpha');
 * ```
 */
export function members(group: string): Op<Thread[]> {
  return new Members(group);
}

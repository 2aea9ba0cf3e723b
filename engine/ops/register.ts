import { type Kernel, mailboxOwner, Op, type Thread } from '../core/kernel.ts';

class Register extends Op<void> {
  constructor(private readonly name: string) {
    super();
  }

  get description(): string {
    return `register(${JSON.stringify(this.name)})`;
  }

  enter(thread: Thread, kernel: Kernel): boolean {
    kernel.registry.register(mailboxOwner(thread), this.name, this.description);
    return false;
  }
}

class Unregister extends Op<boolean> {
  constructor(private readonly name: string) {
    super();
  }

  get description(): string {
    return `unregister(${JSON.stringify(this.name)})`;
  }

  enter(thread: Thread, kernel: Kernel): boolean {
    thread.value = kernel.registry.unregister(mailboxOwner(thread), this.name);
    return false;
  }
}

class Whereis extends Op<Thread | null> {
  constructor(private readonly name: string) {
    super();
  }

  get description(): string {
    return `whereis(${JSON.stringify(this.name)})`;
  }

  enter(thread: Thread, kernel: Kernel): boolean {
    thread.value = kernel.registry.whereis(this.name);
    return false;
  }
}

/**
 * Registers the running thread under `name` (`'boss'`, `'door:12'`), so others find it with {@link whereis} and
 * `sendTo(name, message)`. It keeps the name until it ends (or {@link unregister}s it): the moment it ends, the name
 * is free, so a restarted thread can take it at once. A name another live thread has is a LoomError naming both;
 * registering a name the thread already has does nothing (so a hot reload's restart can run it again). In a
 * branch of a race, all or timeout, it registers the thread that started it, whose mailbox the branch reads.
 *
 * @example
 * ```ts
 * function* boss() { yield* register('boss'); for (;;) yield* phase(yield* receive()); }
 * ```
 */
export function register(name: string): Op<void> {
  return new Register(name);
}

/**
 * Takes `name` from the running thread (the mailbox owner, as {@link register}); returns false if it was not its.
 *
 * @example
 * ```ts
 * yield* unregister('door:12'); // the door is rubble: no one can find it by name
 * ```
 */
export function unregister(name: string): Op<boolean> {
  return new Unregister(name);
}

/**
 * The live thread registered as `name`, or null (Erlang's `whereis`). A host asks `engine.whereis(name)`.
 *
 * @example
 * ```ts
 * const boss = yield* whereis('boss');
 * if (boss) cancel(boss); // the arena collapses
 * ```
 */
export function whereis(name: string): Op<Thread | null> {
  return new Whereis(name);
}

import { kernelOf, SIGNAL, ThreadList } from '../core/kernel.ts';

/**
 * A typed event that any code can emit and scripts can wait on with `yield* wait(signal)`.
 * `emit` wakes every thread waiting at that moment, in the order they started waiting, each with the value.
 *
 * @example
 * ```ts
 * const doorOpened = createSignal<string>('door.opened');
 * function* guard() { const who = yield* wait(doorOpened); console.log(who, 'opened the door'); }
 * doorOpened.emit('player');
 * ```
 */
export class Signal<T = void> {
  /** @internal Threads waiting, in order. */
  readonly waiters = new ThreadList();

  constructor(
    /** Shown by the inspector: `signal door.opened`. */
    readonly name: string,
  ) {}

  /** Wakes every waiting thread with `value`; returns how many were woken. Never runs a script inline. */
  emit(...[value]: T extends void ? [value?: T] : [value: T]): number {
    let woken = 0;
    for (let thread = this.waiters.shift(); thread !== null; thread = this.waiters.shift()) {
      if (thread.wait !== SIGNAL) throw new Error(`internal: ${thread.label} on ${this.name} is not waiting on it`);
      kernelOf(thread).wake(thread, value);
      woken++;
    }
    return woken;
  }

  /** How many threads wait on it now (walks the list). */
  get waiting(): number {
    return this.waiters.count();
  }
}

/**
 * Makes a {@link Signal}. `T` is the type of the value `emit` passes and `wait` returns.
 *
 * @example
 * ```ts
 * const waveCleared = createSignal<number>('wave.cleared');
 * const wave = yield* wait(waveCleared); // typed: number
 * ```
 */
export function createSignal<T = void>(name: string): Signal<T> {
  return new Signal<T>(name);
}

import { type Kernel, Op, SIGNAL, type Thread, TICKS } from '../core/kernel.ts';
import { Signal } from './signal.ts';
import { misuse } from './misuse.ts';
import { MAX_TICKS } from './sleep.ts';

class WaitTicks extends Op<void> {
  constructor(private readonly ticks: number) {
    super();
  }

  get description(): string {
    return `wait(${this.ticks} ticks)`;
  }

  enter(thread: Thread, kernel: Kernel): boolean {
    if (!Number.isInteger(this.ticks) || this.ticks < 1 || this.ticks > MAX_TICKS) {
      throw misuse(this, thread, 'ticks must be a whole number from 1 to 2^52 (a bare `yield` waits one tick)');
    }
    return kernel.parkUntil(thread, TICKS, kernel.tick + this.ticks);
  }
}

class WaitUntil extends Op<void> {
  constructor(private readonly predicate: () => boolean) {
    super();
  }

  get description(): string {
    return `wait(until ${this.predicate.name || 'predicate'})`;
  }

  enter(thread: Thread, kernel: Kernel): boolean {
    if (this.predicate()) return false;
    return kernel.parkUntilTrue(thread, this.predicate);
  }
}

class WaitSignal<T> extends Op<T> {
  constructor(private readonly signal: Signal<T>) {
    super();
  }

  get description(): string {
    return `wait(signal ${this.signal.name})`;
  }

  enter(thread: Thread, kernel: Kernel): boolean {
    return kernel.park(thread, SIGNAL, this.signal, this.signal.waiters);
  }
}

/**
 * Waits for a number of ticks, until a predicate holds, or for a signal.
 * - `wait(n)`: resumes n ticks later (n ≥ 1).
 * - `wait(predicate)`: returns at once if it holds; else checks it once per tick, at the start of the tick,
 *   and resumes on the first tick where it holds. Name the function: the inspector shows `until isGrounded`.
 * - `wait(signal)`: resumes with the value of the signal's next `emit`.
 *
 * @example
 * ```ts
 * yield* wait(30);                                   // half a second at 60 Hz
 * yield* wait(function doorIsOpen() { return door.open; });
 * const who = yield* wait(doorOpened);               // typed by the signal
 * ```
 */
export function wait(ticks: number): Op<void>;
export function wait(predicate: () => boolean): Op<void>;
export function wait<T>(signal: Signal<T>): Op<T>;
export function wait(on: number | (() => boolean) | Signal<unknown>): Op<unknown> {
  if (on instanceof Signal) return new WaitSignal(on);
  if (typeof on === 'function') return new WaitUntil(on);
  return new WaitTicks(on);
}

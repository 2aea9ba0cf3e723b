import { type Kernel, Op, SLEEP, type Thread } from '../core/kernel.ts';
import { misuse } from './misuse.ts';

/** The longest wait, in ticks: tick numbers stay exact integers (at 60 Hz, over two million years). */
export const MAX_TICKS = 2 ** 52;

/** The tick a wait of `seconds` from now wakes on: the first whose simulated time reaches the deadline. */
export function deadlineTick(op: Op<unknown, unknown>, thread: Thread, kernel: Kernel, seconds: number): number {
  return dueTick(kernel, seconds, (reason) => misuse(op, thread, reason));
}

/** {@link deadlineTick} for what is not an op in a thread: `failure` makes the error for bad seconds. */
export function dueTick(kernel: Kernel, seconds: number, failure: (reason: string) => Error): number {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
    throw failure('seconds must be a finite number ≥ 0');
  }
  // The epsilon keeps float error from pushing an exact multiple of dt one tick later.
  const ticks = Math.max(1, Math.ceil(seconds / kernel.dt - 1e-9));
  if (ticks > MAX_TICKS) throw failure(`longer than the longest wait (2^52 ticks)`);
  return kernel.tick + ticks;
}

class Sleep extends Op<void> {
  constructor(private readonly seconds: number) {
    super();
  }

  get description(): string {
    return `sleep(${this.seconds})`;
  }

  enter(thread: Thread, kernel: Kernel): boolean {
    return kernel.parkUntil(thread, SLEEP, deadlineTick(this, thread, kernel, this.seconds));
  }
}

/**
 * Waits `seconds` of simulated time: wakes on the first tick whose time reaches the deadline (so at least the
 * next tick; `sleep(0)` waits one tick). Pause freezes it; the time scale stretches it.
 *
 * @example
 * ```ts
 * function* blink(light: Light) {
 *   while (true) { light.on = !light.on; yield* sleep(0.5); }
 * }
 * ```
 */
export function sleep(seconds: number): Op<void> {
  return new Sleep(seconds);
}

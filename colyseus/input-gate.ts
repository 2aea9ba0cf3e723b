/** Options of {@link InputGate}. */
export interface InputGateOptions {
  /** Messages a client may send in a burst. Default 30. */
  burst?: number;
  /** Messages a client earns per tick, up to `burst`. Default 2. */
  perTick?: number;
}

/**
 * One client's rate budget, counted in ticks rather than wall-clock time, so it behaves the same however fast the
 * room runs: a bucket of `burst` messages that refills by `perTick` each tick. A flooding client runs it dry and
 * its extra messages are refused, at the cost of a subtraction each.
 *
 * @example
 * ```ts
 * const gate = new InputGate({ burst: 30, perTick: 2 });
 * if (!gate.admit(engine.tick)) reject(client, 'flooding');
 * ```
 */
export class InputGate {
  readonly burst: number;
  readonly perTick: number;
  private tokens: number;
  private lastTick = -1;

  constructor(options: InputGateOptions = {}) {
    this.burst = options.burst ?? 30;
    this.perTick = options.perTick ?? 2;
    this.tokens = this.burst;
  }

  /** Whether one more message is allowed at `tick`; if so it is spent. */
  admit(tick: number): boolean {
    if (this.lastTick >= 0 && tick > this.lastTick) this.tokens = Math.min(this.burst, this.tokens + (tick - this.lastTick) * this.perTick);
    this.lastTick = Math.max(this.lastTick, tick);
    if (this.tokens < 1) return false;
    this.tokens--;
    return true;
  }
}

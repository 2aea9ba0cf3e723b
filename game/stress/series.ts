/**
 * A fixed-capacity ring of timed samples for live charts: pushing past the capacity drops the oldest sample.
 *
 * @example
 * ```ts
 * const fps = new Series(600);
 * fps.push(performance.now(), 60);
 * fps.max(performance.now() - 10_000); // the largest value of the last 10 s
 * ```
 */
export class Series {
  private readonly times: Float64Array;
  private readonly values: Float64Array;
  private start = 0;
  private size = 0;

  constructor(readonly capacity: number) {
    this.times = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
  }

  /** Samples held, at most `capacity`. */
  get length(): number {
    return this.size;
  }

  push(time: number, value: number): void {
    const at = (this.start + this.size) % this.capacity;
    this.times[at] = time;
    this.values[at] = value;
    if (this.size < this.capacity) this.size++;
    else this.start = (this.start + 1) % this.capacity;
  }

  /** Time of the i-th sample, oldest first. */
  time(i: number): number {
    return this.times[(this.start + i) % this.capacity]!;
  }

  /** Value of the i-th sample, oldest first. */
  value(i: number): number {
    return this.values[(this.start + i) % this.capacity]!;
  }

  /** The newest value, or 0 when empty. */
  last(): number {
    return this.size === 0 ? 0 : this.value(this.size - 1);
  }

  /** Index of the first sample at or after `time` (`length` if none). */
  indexFrom(time: number): number {
    let low = 0;
    let high = this.size;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.time(mid) < time) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Largest value of the samples at or after `since` (0 if none). */
  max(since = -Infinity): number {
    let max = 0;
    for (let i = this.indexFrom(since); i < this.size; i++) max = Math.max(max, this.value(i));
    return max;
  }

  /** Mean value of the samples at or after `since` (0 if none). */
  mean(since = -Infinity): number {
    const first = this.indexFrom(since);
    if (first >= this.size) return 0;
    let sum = 0;
    for (let i = first; i < this.size; i++) sum += this.value(i);
    return sum / (this.size - first);
  }
}

/** Mean, percentiles and extremes of a set of samples. */
export interface Summary {
  count: number;
  mean: number;
  p50: number;
  p99: number;
  max: number;
  min: number;
}

/** The value below which a fraction `q` (0..1) of the sorted samples lie (nearest rank). */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

/** Summarizes samples (not modified). */
export function summarize(samples: ArrayLike<number>): Summary {
  const sorted = Float64Array.from(samples).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: sorted.length,
    mean: sorted.length === 0 ? NaN : sum / sorted.length,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted.length === 0 ? NaN : sorted[sorted.length - 1]!,
    min: sorted.length === 0 ? NaN : sorted[0]!,
  };
}

/** The median of samples (the mean of the middle two for an even count). */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A growable buffer of float samples that allocates only when it doubles. */
export class Samples {
  private data = new Float64Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  /** The samples so far (a view, valid until the next push). */
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

const HISTOGRAM_MIN = 1e-5; // 10 ns, in ms
const HISTOGRAM_GROWTH = 1.01;
const HISTOGRAM_BUCKETS = 3000; // up to 1e-5 × 1.01^3000 ≈ 1e8 ms
const LOG_GROWTH = Math.log(HISTOGRAM_GROWTH);

/**
 * Durations (ms) in a fixed log-scale histogram: constant memory and no allocation per sample, however long the
 * run, so measuring adds no garbage of its own. Percentiles are within 1%; mean, min and max are exact.
 */
export class Histogram {
  private readonly counts = new Float64Array(HISTOGRAM_BUCKETS);
  count = 0;
  sum = 0;
  min = Infinity;
  max = 0;

  add(ms: number): void {
    const index = ms <= HISTOGRAM_MIN ? 0 : Math.min(HISTOGRAM_BUCKETS - 1, Math.ceil(Math.log(ms / HISTOGRAM_MIN) / LOG_GROWTH));
    this.counts[index]!++;
    this.count++;
    this.sum += ms;
    if (ms < this.min) this.min = ms;
    if (ms > this.max) this.max = ms;
  }

  /** The upper edge of the bucket holding the sample of rank ⌈q·count⌉, clamped to [min, max]. */
  percentile(q: number): number {
    if (this.count === 0) return NaN;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let i = 0; i < HISTOGRAM_BUCKETS; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return Math.min(this.max, Math.max(this.min, HISTOGRAM_MIN * HISTOGRAM_GROWTH ** i));
    }
    return this.max;
  }

  summary(): Summary {
    const empty = this.count === 0;
    return {
      count: this.count,
      mean: empty ? NaN : this.sum / this.count,
      p50: this.percentile(0.5),
      p99: this.percentile(0.99),
      max: empty ? NaN : this.max,
      min: empty ? NaN : this.min,
    };
  }
}

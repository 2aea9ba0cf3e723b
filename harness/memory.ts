import { getHeapStatistics } from 'node:v8';
import { canCollectGarbage, collectGarbage } from './gc-watch.ts';

/** The share of the heap limit a run may plan to fill: the rest is room for garbage between collections. */
export const HEAP_SHARE = 0.8;

/** Asked for more threads than the heap can hold: says how much is needed and how to raise the limit. */
export class OutOfHeapError extends Error {
  override name = 'OutOfHeapError';
}

const MB = 2 ** 20;

/**
 * Bytes held for JS after a full collection: the heap in use plus the storage of typed arrays, which lives outside
 * the heap (the engine keeps its thread columns and ready queues in typed arrays, and a thread's weight includes them).
 */
export function settledBytes(): number {
  collectGarbage();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** The V8 heap limit of this process, bytes (set by --max-old-space-size). */
export function heapLimitBytes(): number {
  return getHeapStatistics().heap_size_limit;
}

/** The --max-old-space-size (MB) that would hold `bytes` of live heap within {@link HEAP_SHARE}. */
export function suggestedHeapMb(bytes: number): number {
  return Math.ceil(bytes / HEAP_SHARE / MB / 1024) * 1024;
}

function tooBig(what: string, needBytes: number): OutOfHeapError {
  const limitMb = Math.round(heapLimitBytes() / MB);
  const suggest = suggestedHeapMb(needBytes);
  return new OutOfHeapError(
    `${what} need about ${Math.round(needBytes / MB).toLocaleString('en-US')} MB of heap, more than this ` +
      `process can hold (heap limit ${limitMb.toLocaleString('en-US')} MB, of which ${HEAP_SHARE * 100}% may be planned for).\n` +
      `Ask for fewer threads, or raise the limit, e.g.:\n` +
      `  NODE_OPTIONS=--max-old-space-size=${suggest} npm run stress -- ...`,
  );
}

/**
 * Throws an {@link OutOfHeapError} when `count` threads at `bytesPerThread` (measured on a sample) would not fit
 * next to what the heap already holds.
 */
export function checkFits(label: string, count: number, bytesPerThread: number): void {
  const need = process.memoryUsage().heapUsed + count * bytesPerThread;
  if (need > heapLimitBytes() * HEAP_SHARE) throw tooBig(`${count.toLocaleString('en-US')} threads of ${label}`, need);
}

/**
 * Guards spawning in chunks: before each chunk, checks the heap in use (V8's own figure, no collection) plus the
 * chunk's estimate against the limit, so a wrong estimate still stops with a message rather than a V8 crash.
 */
export function checkChunkFits(label: string, spawned: number, total: number, chunk: number, bytesPerThread: number): void {
  const limit = heapLimitBytes() * HEAP_SHARE;
  if (getHeapStatistics().used_heap_size + chunk * bytesPerThread <= limit) return;
  const used = canCollectGarbage() ? settledBytes() : process.memoryUsage().heapUsed; // what looked full may be garbage
  if (used + chunk * bytesPerThread <= limit) return;
  const perThread = spawned > 0 ? Math.max(bytesPerThread, used / spawned) : bytesPerThread;
  throw tooBig(
    `spawning stopped at ${spawned.toLocaleString('en-US')} threads: ${total.toLocaleString('en-US')} threads of ${label}`,
    total * perThread,
  );
}

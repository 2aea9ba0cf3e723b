import type { Insertion } from './inserted-text.ts';
import { LineIndex } from './line-index.ts';
import { decodeVlq, encodeVlq } from './vlq.ts';

/**
 * `map`, a source map of `source`, made a map of `source` with `insertions` put in: each segment moves right by
 * the text inserted on its line at or before its column. Every position of the source maps as it did, and
 * inserted text maps where the position before it does.
 *
 * @example
 * ```ts
 * // 'f(x)' became 'g(f(x))': the segment at `f` moves from column 0 to 2.
 * shiftedMap({ mappings: 'AAAA' }, 'f(x)', [{ offset: 0, text: 'g(' }]).mappings; // 'EAAA'
 * ```
 */
export function shiftedMap<Map extends { mappings: string }>(map: Map, source: string, insertions: readonly Insertion[]): Map {
  const shifts = shiftsByLine(source, insertions);
  const lines = map.mappings.split(';').map((segments, index) => {
    const onLine = shifts.get(index + 1);
    return onLine === undefined || segments === '' ? segments : shiftedLine(segments, onLine);
  });
  return { ...map, mappings: lines.join(';') };
}

/** Text inserted on one line: its column (from 0) and length, by column. */
type Shift = { readonly column: number; readonly length: number };

function shiftsByLine(source: string, insertions: readonly Insertion[]): Map<number, Shift[]> {
  const index = new LineIndex(source);
  const byLine = new Map<number, Shift[]>();
  for (const { offset, text } of insertions) {
    const { line, column } = index.position(offset);
    const onLine = byLine.get(line) ?? [];
    onLine.push({ column: column - 1, length: text.length });
    byLine.set(line, onLine);
  }
  for (const onLine of byLine.values()) onLine.sort((a, b) => a.column - b.column);
  return byLine;
}

// A segment's first field is its column, relative to the segment before on the line; the rest are relative across
// the whole map, so they stay as written.
function shiftedLine(segments: string, shifts: readonly Shift[]): string {
  let column = 0;
  let written = 0;
  let next = 0;
  let shift = 0;
  return segments.split(',').map((segment) => {
    const first = decodeVlq(segment, 0);
    column += first.value;
    while (next < shifts.length && shifts[next]!.column <= column) shift += shifts[next++]!.length;
    const text = encodeVlq(column + shift - written) + segment.slice(first.next);
    written = column + shift;
    return text;
  }).join(',');
}

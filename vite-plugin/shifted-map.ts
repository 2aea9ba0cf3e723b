import type { Insertion } from './inserted-text.ts';
import { LineIndex } from './line-index.ts';
import { decodeVlq, encodeVlq } from './vlq.ts';

/**
 * `map`, a source map of `source`, made a map of `source` with `insertions` put in: each segment moves right by
 * the text inserted on its line before it, so every position of the source maps as it did. Inserted text maps
 * where the position before it does, or, for an insertion with an `at`, where that place of the source maps.
 *
 * @example
 * ```ts
 * // 'f(x)' became 'g(f(x))': the segment at `f` moves from column 0 to 2.
 * shiftedMap({ mappings: 'AAAA' }, 'f(x)', [{ offset: 0, text: 'g(' }]).mappings; // 'EAAA'
 * ```
 */
export function shiftedMap<Map extends { mappings: string }>(map: Map, source: string, insertions: readonly Insertion[]): Map {
  const lines = decodeMappings(map.mappings);
  const index = new LineIndex(source);
  const placed = placedInsertions(insertions, index);
  // Where each insertion's `at` maps, found before anything moves.
  const anchors = placed.flatMap(({ line, placedAt, at }) => {
    const named = at === undefined ? null : segmentAt(lines, index.position(at));
    return named === null ? [] : [{ line, column: placedAt, fields: named.fields }];
  });
  lines.forEach((segments, line) => {
    const onLine = placed.filter((insertion) => insertion.line === line);
    for (const segment of segments) segment.column += onLine.filter((insertion) => insertion.column <= segment.column).reduce((sum, insertion) => sum + insertion.length, 0);
  });
  for (const anchor of anchors) {
    // A map may end before the module's last lines: it then gets lines up to the anchor's.
    while (lines.length <= anchor.line) lines.push([]);
    const onLine = lines[anchor.line]!;
    onLine.push({ column: anchor.column, fields: anchor.fields });
    onLine.sort((a, b) => a.column - b.column);
  }
  return { ...map, mappings: encodeMappings(lines) };
}

/** One mapping: its generated column, and its source, line, column and name (absolute; none for a bare column). */
interface Segment {
  column: number;
  readonly fields: readonly number[];
}

/** An insertion's line and column in the source (from 0), and the column its text starts at once put in. */
interface PlacedInsertion {
  readonly line: number;
  readonly column: number;
  readonly length: number;
  readonly at: number | undefined;
  readonly placedAt: number;
}

function placedInsertions(insertions: readonly Insertion[], index: LineIndex): PlacedInsertion[] {
  const sorted = insertions.map((insertion, order) => ({ ...insertion, order })).sort((a, b) => a.offset - b.offset || a.order - b.order);
  // The text put in so far on each line, before the insertion at hand.
  const written = new Map<number, number>();
  return sorted.map(({ offset, text, at }) => {
    const position = index.position(offset);
    const [line, column] = [position.line - 1, position.column - 1];
    const before = written.get(line) ?? 0;
    written.set(line, before + text.length);
    return { line, column, length: text.length, at, placedAt: column + before };
  });
}

// The segment a lookup at `position` finds, as Node's and browsers' lookups do: the last at or before it.
function segmentAt(lines: readonly Segment[][], position: { line: number; column: number }): Segment | null {
  for (let line = Math.min(position.line - 1, lines.length - 1); line >= 0; line--) {
    const segments = lines[line]!;
    for (let at = segments.length - 1; at >= 0; at--) {
      const segment = segments[at]!;
      if (line < position.line - 1 || segment.column <= position.column - 1) return segment.fields.length >= 3 ? segment : null;
    }
  }
  return null;
}

function decodeMappings(mappings: string): Segment[][] {
  const fields = [0, 0, 0, 0];
  return mappings.split(';').map((text) => {
    let column = 0;
    return text === '' ? [] : text.split(',').map((segment) => {
      let at = 0;
      const values: number[] = [];
      while (at < segment.length) {
        const read = decodeVlq(segment, at);
        values.push(read.value);
        at = read.next;
      }
      column += values[0]!;
      const absolute = values.slice(1).map((value, field) => (fields[field]! += value));
      return { column, fields: absolute };
    });
  });
}

function encodeMappings(lines: readonly Segment[][]): string {
  const fields = [0, 0, 0, 0];
  return lines.map((segments) => {
    let column = 0;
    return segments.map((segment) => {
      const text = encodeVlq(segment.column - column) + segment.fields.map((value, field) => encodeVlq(value - fields[field]!)).join('');
      column = segment.column;
      segment.fields.forEach((value, field) => (fields[field] = value));
      return text;
    }).join(',');
  }).join(';');
}

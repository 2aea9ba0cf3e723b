import { LineIndex, lineSpans } from './line-index.ts';
import { encodeVlq } from './vlq.ts';

/** Text to put into a source at an offset (UTF-16 units) of it. */
export interface Insertion {
  readonly offset: number;
  readonly text: string;
  /**
   * The offset of the source the runtime would name for a position in the inserted text: its start maps there.
   * Without it, the text maps where the position before it does.
   */
  readonly at?: number;
}

/** A source map (version 3) of one file, as bundlers take it from a transform. */
export interface SourceMapV3 {
  version: 3;
  sources: string[];
  sourcesContent: string[];
  names: string[];
  mappings: string;
}

/**
 * `source` with `insertions` put in (in the order given where offsets are equal), `prefix` before it and `suffix`
 * after, and the map back to `source`: a segment at each token of the source, so a position anywhere in the
 * output maps to its line and column in the source.
 *
 * @example
 * ```ts
 * const { code } = insertText('f(x)', [{ offset: 0, text: 'g(' }, { offset: 4, text: ')' }], '', '', 'a.ts');
 * // code: 'g(f(x))'
 * ```
 */
export function insertText(source: string, insertions: readonly Insertion[], prefix: string, suffix: string, file: string): { code: string; map: SourceMapV3 } {
  const pending = insertions.map((insertion, order) => ({ ...insertion, order })).sort((a, b) => a.offset - b.offset || a.order - b.order);
  const positions = new LineIndex(source);
  const out: string[] = [prefix];
  const lines: string[] = [];
  const vlq = new VlqState();
  let next = 0;
  lineSpans(source).forEach(({ start, end, next: following }, line) => {
    // How far the output runs ahead of the source on this line, and how much of the line is written.
    let shift = line === 0 ? prefix.length : 0;
    let written = start;
    const segments: string[] = [];
    const insertUpTo = (offset: number) => {
      while (next < pending.length && pending[next]!.offset <= offset) {
        const { offset: place, text, at } = pending[next++]!;
        if (at !== undefined) {
          const named = positions.position(at);
          segments.push(vlq.segment(place - start + shift, named.line - 1, named.column - 1));
        }
        out.push(source.slice(written, place), text);
        written = place;
        shift += text.length;
      }
    };
    for (const token of source.slice(start, end).matchAll(TOKEN)) {
      insertUpTo(start + token.index);
      segments.push(vlq.segment(token.index + shift, line, token.index));
    }
    insertUpTo(end);
    // The line and its line break, as the source has it.
    out.push(source.slice(written, following));
    lines.push(segments.join(','));
    vlq.newLine();
  });
  out.push(suffix);
  return { code: out.join(''), map: { version: 3, sources: [file], sourcesContent: [source], names: [], mappings: lines.join(';') } };
}

// Where segments start: each word and each other character but white space.
const TOKEN = /[\w$]+|[^\w$\s]/g;

// A mapping's fields are written relative to the one before: the generated column within its line, the rest
// across the whole map.
class VlqState {
  private column = 0;
  private sourceLine = 0;
  private sourceColumn = 0;

  segment(generatedColumn: number, sourceLine: number, sourceColumn: number): string {
    const text = encodeVlq(generatedColumn - this.column) + encodeVlq(0) + encodeVlq(sourceLine - this.sourceLine) + encodeVlq(sourceColumn - this.sourceColumn);
    this.column = generatedColumn;
    this.sourceLine = sourceLine;
    this.sourceColumn = sourceColumn;
    return text;
  }

  newLine(): void {
    this.column = 0;
  }
}

// Where lines end, as V8 and TypeScript count them: a line feed, a carriage return (alone or before a line feed),
// and the Unicode line and paragraph separators.
const LINE_BREAK = /\r\n?|[\n\u2028\u2029]/g;

/** One line of a text: where it starts, where its break starts, and where the next line starts. */
export interface LineSpan {
  readonly start: number;
  readonly end: number;
  readonly next: number;
}

/**
 * Every line of `text`, the last one after its last break included (empty if the text ends with one).
 *
 * @example
 * ```ts
 * lineSpans('a\r\nb'); // [{ start: 0, end: 1, next: 3 }, { start: 3, end: 4, next: 4 }]
 * ```
 */
export function lineSpans(text: string): LineSpan[] {
  const spans: LineSpan[] = [];
  let start = 0;
  for (const match of text.matchAll(LINE_BREAK)) {
    spans.push({ start, end: match.index, next: match.index + match[0].length });
    start = match.index + match[0].length;
  }
  spans.push({ start, end: text.length, next: text.length });
  return spans;
}

/**
 * Line and column (both from 1, as stack traces count them) of offsets in one source text: the starts of its
 * lines, found once, then a binary search per offset.
 */
export class LineIndex {
  private readonly starts: number[];

  constructor(text: string) {
    this.starts = lineSpans(text).map((span) => span.start);
  }

  /** Where `offset` (in UTF-16 units, as JavaScript strings count) is. */
  position(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - this.starts[low]! + 1 };
  }
}

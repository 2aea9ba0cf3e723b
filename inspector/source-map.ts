import type { SourcePosition } from 'loom-threads';

/** What a source map file holds that a lookup needs (version 3). */
export interface SourceMapJson {
  sources: string[];
  sourceRoot?: string;
  mappings: string;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE64.length; i++) DIGIT[BASE64.charCodeAt(i)] = i;

/**
 * A decoded source map: finds the source position of a position in the generated file. Browsers do not apply
 * source maps to `Error.stack`, so the inspector maps the lines of script stacks itself.
 *
 * @example
 * ```ts
 * const map = new SourceMap(json, 'https://example.com/assets/main-1a2b.js.map');
 * map.lookup(1, 52311); // { file: 'https://example.com/game/scripts/grunt.ts', line: 71, column: 11 }
 * ```
 */
export class SourceMap {
  /** Per generated line: [generated column, source index, source line, source column] per segment, all from 0. */
  private readonly lines: Int32Array[] = [];
  private readonly sources: string[];

  constructor(json: SourceMapJson, mapUrl: string) {
    const root = json.sourceRoot ? `${json.sourceRoot.replace(/\/?$/, '/')}` : '';
    this.sources = json.sources.map((source) => new URL(root + source, mapUrl).href);
    this.decode(json.mappings);
  }

  /** The source position of 1-based `line` and `column` in the generated file, or null if none is mapped there. */
  lookup(line: number, column: number): { file: string; line: number; column: number } | null {
    const segments = this.lines[line - 1];
    if (segments === undefined) return null;
    let found = -1;
    for (let i = 0; i < segments.length && segments[i]! <= column - 1; i += 4) found = i;
    if (found < 0 || segments[found + 1]! < 0) return null;
    return { file: this.sources[segments[found + 1]!]!, line: segments[found + 2]! + 1, column: segments[found + 3]! + 1 };
  }

  // Base64 VLQ: each segment holds deltas, the generated column's from the line's previous segment, the others'
  // from the previous segment of the whole file.
  private decode(mappings: string): void {
    let source = 0;
    let sourceLine = 0;
    let sourceColumn = 0;
    let line: number[] = [];
    let column = 0;
    let fields: number[] = [];
    let value = 0;
    let shift = 0;
    const endSegment = (): void => {
      if (fields.length >= 4) {
        column += fields[0]!;
        source += fields[1]!;
        sourceLine += fields[2]!;
        sourceColumn += fields[3]!;
        line.push(column, source, sourceLine, sourceColumn);
      } else if (fields.length > 0) {
        column += fields[0]!;
        line.push(column, -1, 0, 0);
      }
      fields = [];
    };
    for (let i = 0; i <= mappings.length; i++) {
      const char = i < mappings.length ? mappings.charCodeAt(i) : 59; // the end closes the last line
      if (char === 44 /* , */ || char === 59 /* ; */) {
        endSegment();
        if (char === 59) {
          this.lines.push(Int32Array.from(line));
          line = [];
          column = 0;
        }
        continue;
      }
      const digit = DIGIT[char] ?? -1;
      if (digit < 0) throw new Error(`source map: bad character ${JSON.stringify(mappings[i])} in mappings`);
      value += (digit & 31) * 2 ** shift;
      shift += 5;
      if ((digit & 32) === 0) {
        fields.push(value % 2 === 1 ? -(value - 1) / 2 : value / 2);
        value = 0;
        shift = 0;
      }
    }
  }
}

/** Parses a source map's JSON text, or reads a `data:` URL's. */
export function parseSourceMap(text: string): SourceMapJson {
  const json = JSON.parse(text) as Partial<SourceMapJson>;
  if (!Array.isArray(json.sources) || typeof json.mappings !== 'string') throw new Error('source map: no sources or mappings');
  return json as SourceMapJson;
}

/** A position as the page's own file shows it: its path from the page's origin when it is on it. */
export function pagePath(position: SourcePosition, origin: string): string {
  const file = position.file.startsWith(origin) ? position.file.slice(origin.length).replace(/^\/+/, '') : position.file;
  return `${file.replace(/\?.*$/, '')}:${position.line}`;
}

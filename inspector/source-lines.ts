import type { SourcePosition } from 'loom-threads';
import { SourceMap, pagePath, parseSourceMap } from './source-map.ts';

const MAPPING_URL = /[#@] sourceMappingURL=(\S+)\s*$/;

/**
 * Writes positions of script stacks as the page's TypeScript sources: `game/scripts/grunt.ts:71`. Each file's
 * source map (inline, as Vite serves modules in development, or a `.map` next to the bundle of a build) is fetched
 * on the first position in that file; until it is there, or if there is none, the position is written as it is.
 * A position marked `original` (written in by the Vite plugin, `loom-threads/vite`) is the TypeScript's already.
 *
 * @example
 * ```ts
 * const lines = new SourceLines(location.origin);
 * lines.format(frame.at); // 'assets/main-1a2b.js:1' at first, 'game/scripts/grunt.ts:71' once the map is in
 * ```
 */
export class SourceLines {
  private readonly maps = new Map<string, SourceMap | null>();

  constructor(private readonly origin: string) {}

  /** The position, source-mapped when its file's map is loaded. */
  format(position: SourcePosition): string {
    return pagePath(this.map(position), this.origin);
  }

  /** The source position of `position`, when its file's map is loaded; else `position` itself. */
  map(position: SourcePosition): SourcePosition {
    if (position.original === true) return position; // told by the Vite plugin: already the TypeScript's
    const file = position.file;
    if (!this.maps.has(file)) {
      this.maps.set(file, null);
      void this.load(file);
    }
    const found = this.maps.get(file)?.lookup(position.line, position.column);
    return found ? { fn: position.fn, ...found } : position;
  }

  private async load(file: string): Promise<void> {
    try {
      const code = await (await fetch(file)).text();
      const reference = MAPPING_URL.exec(code)?.[1];
      if (reference === undefined) return;
      const mapUrl = new URL(reference, file).href;
      const text = await (await fetch(mapUrl)).text();
      this.maps.set(file, new SourceMap(parseSourceMap(text), mapUrl.startsWith('data:') ? file : mapUrl));
    } catch (error) {
      console.warn(`[loom inspector] no source map for ${file}:`, error);
    }
  }
}

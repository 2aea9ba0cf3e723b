import { readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { fileURLToPath } from 'node:url';
import { placeSites, type Parse, type SourcePlace } from '../vite-plugin/placed-sites.ts';
import { shiftedMap } from '../vite-plugin/shifted-map.ts';

// The comment that names a module's source map, on its last line, as compilers (tsx's esbuild, tsc) write it.
const MAP_COMMENT = /\n?\/\/[#@] sourceMappingURL=(\S+)\s*$/;

/**
 * Whether a module's source, as the loaders before this one gave it, is TypeScript no compiler has seen yet: a
 * TypeScript file with no source map, which tsx would have given it (tsx was registered after this hook).
 *
 * @example
 * ```ts
 * uncompiled('const a: number = 1;', 'file:///game/a.ts'); // true
 * ```
 */
export function uncompiled(source: string, url: string): boolean {
  return /\.[cm]?tsx?$/.test(url) && !MAP_COMMENT.test(source);
}

/**
 * A module's JavaScript, as Node is about to run it, with its call sites written in (see `placeSites`): each site
 * is the place Node's stack traces would print, through the module's source map if it has one (tsx's, tsc's), and
 * the module gets a map that still leads every position back there. Null if it has no `yield*` to write.
 *
 * @example
 * ```ts
 * // in a module loader's load hook, after tsx's:
 * const code = placeSitesForNode(source, 'file:///game/scripts/grunt.ts', { engine: 'loom-threads', parse: parseSync }) ?? source;
 * ```
 */
export function placeSitesForNode(source: string, url: string, { engine, parse }: { engine: string; parse: Parse }): string | null {
  const comment = MAP_COMMENT.exec(source);
  const code = comment === null ? source : source.slice(0, comment.index);
  const incoming = comment === null ? null : readMap(comment[1]!, url);
  const path = fileURLToPath(url);
  const lookup = incoming === null ? null : new SourceMap(incoming);
  const placed = placeSites(code, path, {
    parse,
    engine,
    lang: 'js',
    // Node prints a frame it maps through a source map as `<anonymous>` where V8 would print no name.
    anonymous: '<anonymous>',
    origin: (line, column) => (lookup === null ? { file: path, line, column } : originOf(lookup, line, column)),
  });
  if (placed === null) return null;
  const map = incoming === null ? placed.map : shiftedMap(incoming, code, placed.insertions);
  return `${placed.code}//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}\n`;
}

// Where Node's stack trace puts a place of the module: the entry its map holds at or before it.
function originOf(map: SourceMap, line: number, column: number): SourcePlace | null {
  const entry = map.findEntry(line - 1, column - 1);
  if (!('originalSource' in entry)) return null;
  const file = entry.originalSource.startsWith('file:') ? fileURLToPath(entry.originalSource) : entry.originalSource;
  return { file, line: entry.originalLine + 1, column: entry.originalColumn + 1 };
}

// The map a comment names, inline or in a file, with its sources made absolute as Node makes them: against the
// map's own URL. Null if it cannot be read; Node then maps nothing either.
function readMap(reference: string, url: string): SourceMapPayload | null {
  try {
    const base = reference.startsWith('data:') ? url : new URL(reference, url).href;
    const text = reference.startsWith('data:') ? inlineMap(reference) : readFileSync(new URL(base), 'utf8');
    const map = JSON.parse(text) as SourceMapPayload;
    const root = map.sourceRoot ?? '';
    return { ...map, sourceRoot: '', sources: map.sources.map((source) => new URL(root + source, base).href) };
  } catch {
    return null;
  }
}

function inlineMap(reference: string): string {
  const comma = reference.indexOf(',');
  const data = reference.slice(comma + 1);
  return reference.slice(0, comma).endsWith(';base64') ? Buffer.from(data, 'base64').toString('utf8') : decodeURIComponent(data);
}

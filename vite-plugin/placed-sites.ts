import type { parseSync } from 'vite';
import { findDelegations, type SyntaxNode } from './delegations.ts';
import { insertText, type Insertion, type SourceMapV3 } from './inserted-text.ts';
import { LineIndex } from './line-index.ts';

// Names the plugin adds to a module: unlikely to meet a name of the module's own.
const AT = '__loom$at';
const SITE = '__loom$site';
const SITES = '__loom$s';
const MADE = '__loom$sites';

/** A parser of ECMAScript and TypeScript to ESTree (oxc's, which Vite and rolldown export as `parseSync`). */
export type Parse = typeof parseSync;

/** How {@link placeSites} writes a module's sites. */
export interface PlaceOptions {
  /** The parser: the plugin passes Vite's; the Node hook rolldown's, found through Vite, without loading Vite. */
  parse: Parse;
  /** The specifier the written code imports `atSite` and `sourceSite` from: `'loom-threads'` by default. */
  engine?: string;
  /**
   * Whether the module runs in Node (Vite's server environments, vitest), whose stack traces name a module by its
   * path; in a browser they name it by its URL, `import.meta.url`, as the sites do by default.
   */
  server?: boolean;
  /** The language `code` is in: by the file's extension by default. */
  lang?: 'js' | 'ts';
  /**
   * Where a place of `code` (line and column from 1) is in the source it was made from, as the runtime's stack
   * traces print it once a source map applies: by default, `code` is that source. Null where the runtime would
   * print none; the place is then left to the engine's capture.
   */
  origin?: (line: number, column: number) => SourcePlace | null;
  /** The name a stack trace prints for a function that has none: '' (V8 prints none) by default. */
  anonymous?: string;
}

/** A place in a source, as a stack trace names it. */
export interface SourcePlace {
  /** The file, as the runtime prints it; written in as a string. */
  file: string;
  line: number;
  column: number;
}

/** A module with its call sites written in, and the map back to the source it was given. */
export interface PlacedModule {
  code: string;
  map: SourceMapV3;
  /** What was put into `code` where, in the order given where offsets are equal (for a host with maps of its own). */
  insertions: readonly Insertion[];
}

/**
 * `code` with each `yield* argument` written as `yield* atSite(argument, site)`, where `site` is made once per
 * place, the first time the module needs one: the engine then takes the place from the source instead of
 * capturing the stack at run time. Null if the module has no `yield*`, or does not parse (the bundler's own
 * transform reports that). The module's lines keep their numbers: the import and the sites go after the last.
 *
 * @example
 * ```ts
 * placeSites('function* guard() { yield* walkTo(4, 2); }', '/game/scripts/guard.ts', { parse: parseSync })?.code;
 * // function* guard() { yield* __loom$at(walkTo(4, 2), __loom$s(0)); }
 * // import { atSite as __loom$at, sourceSite as __loom$site } from "loom-threads";
 * // function __loom$s(index) { return (__loom$sites ??= [__loom$site(import.meta.url, 1, 27, "guard")])[index]; }
 * // var __loom$sites;
 * ```
 */
export function placeSites(code: string, id: string, options: PlaceOptions): PlacedModule | null {
  // A module transformed already (the plugin listed twice, say) would import the same names twice.
  if (!code.includes('yield') || code.includes(AT)) return null;
  const path = fileOf(id);
  const parsed = options.parse(path, code, options.lang === undefined ? {} : { lang: options.lang });
  if (parsed.errors.length > 0) return null;
  const lines = new LineIndex(code);
  const siteOf = siteWriter(path, options);
  const insertions: Insertion[] = [];
  const closings: Insertion[] = [];
  const sites: string[] = [];
  for (const delegation of findDelegations(parsed.program as unknown as SyntaxNode, code)) {
    const { line, column } = lines.position(delegation.at);
    const site = siteOf(line, column, delegation.fn);
    if (site === null) continue;
    // Outermost first: at one offset an outer wrapper opens before an inner one, and closes after it.
    // V8 names the frame paused in the delegation at the wrapper's call: its start stands for the argument's place.
    insertions.push({ offset: delegation.start, text: `${AT}(`, at: delegation.at });
    closings.unshift({ offset: delegation.end, text: `, ${SITES}(${sites.length}))` });
    sites.push(site);
  }
  if (sites.length === 0) return null;
  const engine = JSON.stringify(options.engine ?? 'loom-threads');
  // After the last line, so that no line moves and a first line's `#!` or directive stays first: an import and a
  // function declaration are hoisted wherever they stand, so a function of the module called before the module
  // has run to its end (from a module it imports) finds its sites too. Made on the first call, once.
  const suffix = [
    '',
    `import { atSite as ${AT}, sourceSite as ${SITE} } from ${engine};`,
    `function ${SITES}(index) {`,
    `  return (${MADE} ??= [\n    ${sites.join(',\n    ')},\n  ])[index];`,
    '}',
    `var ${MADE};`,
    '',
  ].join('\n');
  const all = [...closings, ...insertions];
  return { ...insertText(code, all, '', suffix, path), insertions: all };
}

// The call that makes a place's site, or null for a place left to the engine's capture.
function siteWriter(path: string, options: PlaceOptions): (line: number, column: number, fn: string) => string | null {
  const own = options.server === true ? JSON.stringify(path) : 'import.meta.url';
  return (line, column, fn) => {
    const place = options.origin === undefined ? { file: own, line, column } : written(options.origin(line, column));
    if (place === null) return null;
    const name = fn === '' ? (options.anonymous ?? '') : fn;
    return `${SITE}(${place.file}, ${place.line}, ${place.column}, ${JSON.stringify(name)})`;
  };
}

function written(place: SourcePlace | null): SourcePlace | null {
  return place === null ? null : { ...place, file: JSON.stringify(place.file) };
}

/** The file a module id names, without the query a bundler may add (`?t=…`, `?v=…`). */
export function fileOf(id: string): string {
  const query = id.indexOf('?');
  return query < 0 ? id : id.slice(0, query);
}

import { parseSync } from 'vite';
import { findDelegations, type SyntaxNode } from './delegations.ts';
import { insertText, type Insertion, type SourceMapV3 } from './inserted-text.ts';
import { LineIndex } from './line-index.ts';

// Names the plugin adds to a module: unlikely to meet a name of the module's own.
const AT = '__loom$at';
const SITE = '__loom$site';
const SITES = '__loom$s';
const MADE = '__loom$sites';

/** How {@link placeSites} writes a module's sites. */
export interface PlaceOptions {
  /** The specifier the written code imports `atSite` and `sourceSite` from: `'loom-threads'` by default. */
  engine?: string;
  /**
   * Whether the module runs in Node (Vite's server environments, vitest), whose stack traces name a module by its
   * path; in a browser they name it by its URL, `import.meta.url`, as the sites do by default.
   */
  server?: boolean;
}

/** A module with its call sites written in, and the map back to the source it was given. */
export interface PlacedModule {
  code: string;
  map: SourceMapV3;
}

/**
 * `code` with each `yield* argument` written as `yield* atSite(argument, site)`, where `site` is made once per
 * place, the first time the module needs one: the engine then takes the place from the source instead of
 * capturing the stack at run time. Null if the module has no `yield*`, or does not parse (the bundler's own
 * transform reports that). The module's lines keep their numbers: the import and the sites go after the last.
 *
 * @example
 * ```ts
 * placeSites('function* guard() { yield* walkTo(4, 2); }', '/game/scripts/guard.ts')?.code;
 * // function* guard() { yield* __loom$at(walkTo(4, 2), __loom$s(0)); }
 * // import { atSite as __loom$at, sourceSite as __loom$site } from "loom-threads";
 * // function __loom$s(index) { return (__loom$sites ??= [__loom$site(import.meta.url, 1, 27, "guard")])[index]; }
 * // var __loom$sites;
 * ```
 */
export function placeSites(code: string, id: string, options: PlaceOptions = {}): PlacedModule | null {
  // A module transformed already (the plugin listed twice, say) would import the same names twice.
  if (!code.includes('yield') || code.includes(AT)) return null;
  const path = fileOf(id);
  const parsed = parseSync(path, code);
  if (parsed.errors.length > 0) return null;
  const delegations = findDelegations(parsed.program as unknown as SyntaxNode, code);
  if (delegations.length === 0) return null;
  const lines = new LineIndex(code);
  const file = options.server === true ? JSON.stringify(path) : 'import.meta.url';
  const insertions: Insertion[] = [];
  const closings: Insertion[] = [];
  const sites = delegations.map((delegation, index) => {
    // Outermost first: at one offset an outer wrapper opens before an inner one, and closes after it.
    insertions.push({ offset: delegation.start, text: `${AT}(` });
    closings.unshift({ offset: delegation.end, text: `, ${SITES}(${index}))` });
    const { line, column } = lines.position(delegation.at);
    return `${SITE}(${file}, ${line}, ${column}, ${JSON.stringify(delegation.fn)})`;
  });
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
  return insertText(code, [...closings, ...insertions], '', suffix, path);
}

/** The file a module id names, without the query a bundler may add (`?t=…`, `?v=…`). */
export function fileOf(id: string): string {
  const query = id.indexOf('?');
  return query < 0 ? id : id.slice(0, query);
}

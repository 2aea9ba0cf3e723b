import { createFilter, parseSync, type FilterPattern, type Plugin } from 'vite';
import { fileOf, placeSites } from './placed-sites.ts';

/** Which modules {@link loomSites} writes call sites into. */
export interface LoomSitesOptions {
  /** Modules to transform, by id (picomatch globs or regular expressions): every script module by default. */
  include?: FilterPattern;
  /** Modules to leave as they are: `node_modules` by default (Loom itself, and libraries). */
  exclude?: FilterPattern;
  /** The specifier the written code imports `atSite` and `sourceSite` from: `'loom-threads'` by default. */
  engine?: string;
}

// A module's own file, its query (`?t=…`) aside: a script in an HTML page (`page.html?html-proxy…`) is not one.
const SCRIPT_MODULE = /\.[cm]?[jt]sx?$/;

/**
 * A Vite plugin that makes script stack traces nearly free under the dev server: it writes the place of each
 * `yield*` of a module into the module, so the engine need not capture the stack at run time (about a microsecond
 * a sub-script call or spawn with `callSites: 'frames'`). Lines are the TypeScript's, as written. It runs under
 * `vite` (and vitest), not in production builds, where `callSites` is `'off'` by default.
 *
 * @example
 * ```ts
 * // vite.config.ts
 * import { defineConfig } from 'vite';
 * import { loomSites } from 'loom-threads/vite';
 *
 * export default defineConfig({ plugins: [loomSites()] });
 * ```
 */
export function loomSites(options: LoomSitesOptions = {}): Plugin {
  const engine = options.engine ?? 'loom-threads';
  const included = createFilter(options.include ?? SCRIPT_MODULE, options.exclude ?? /\/node_modules\//);
  return {
    name: 'loom-sites',
    apply: 'serve',
    // Before TypeScript is stripped: the positions are those of the source as written.
    enforce: 'pre',
    async transform(code, id, transformOptions) {
      const file = fileOf(id);
      if (!SCRIPT_MODULE.test(file) || !included(file) || !code.includes('yield')) return null;
      // A module the engine cannot be imported from (a linked library of its own) uses no Loom: leave it.
      if ((await this.resolve(engine, id)) === null) return null;
      const server = this.environment.config.consumer === 'server' || transformOptions?.ssr === true;
      return placeSites(code, id, { parse: parseSync, engine, server });
    },
  };
}

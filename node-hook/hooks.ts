import type { LoadHook, ResolveHook } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Parse } from '../vite-plugin/placed-sites.ts';
import { placeSitesForNode, uncompiled } from './node-sites.ts';

/** What register.ts tells the hooks. */
export interface SiteHooksData {
  /** The URL of the module that exports the parser (`parseSync`). */
  parser: string;
}

// The specifier the written code imports `atSite` and `sourceSite` from: the package, as users import it.
const ENGINE = 'loom-threads';

// Which modules to write sites into, found as each is resolved: those the engine resolves from, but for the
// engine's own (a race's branches start at the race's site, not at their own `yield*`). Module state is how
// Node's hooks keep state: one loader thread, this one registration.
const scriptModules = new Map<string, boolean>();
// Where the engine resolves from each folder: the same for every module in it.
const engineFrom = new Map<string, Promise<string | null>>();
let parse: Parse | undefined;
let toldOrder = false;

/** Node calls it once, before any other hook, with what register.ts gave. */
export async function initialize(data: SiteHooksData): Promise<void> {
  parse = ((await import(data.parser)) as { parseSync: Parse }).parseSync;
}

/**
 * Notes whether the engine can be imported from the module: a linked library without Loom is left alone, and so is
 * the engine itself.
 */
export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  const resolved = await nextResolve(specifier, context);
  const { url } = resolved;
  if (isCandidate(url) && !scriptModules.has(url)) {
    const folder = new URL('.', url).href;
    if (!engineFrom.has(folder)) engineFrom.set(folder, resolution(ENGINE, url, context.conditions, nextResolve));
    const entry = await engineFrom.get(folder)!;
    scriptModules.set(url, entry !== null && !url.startsWith(new URL('.', entry).href));
  }
  return resolved;
};

/** Writes the sites into an ES module's JavaScript, after the loaders before it (tsx) have made it. */
export const load: LoadHook = async (url, context, nextLoad) => {
  const loaded = await nextLoad(url, context);
  if (loaded.format !== 'module' || scriptModules.get(url) !== true || loaded.source == null || parse === undefined) return loaded;
  const source = typeof loaded.source === 'string' ? loaded.source : new TextDecoder().decode(loaded.source);
  if (uncompiled(source, url)) {
    if (!toldOrder) process.emitWarning(`loom-threads/node was given ${fileURLToPath(url)} as TypeScript, before tsx made it JavaScript: put --import loom-threads/node after --import tsx. Call sites are captured at run time.`, { code: 'LOOM_HOOK_ORDER' });
    toldOrder = true;
    return loaded;
  }
  const placed = placedOrNull(source, url, parse);
  return placed === null ? loaded : { ...loaded, source: placed };
};

// A module the transform cannot handle (a source map it cannot read, say) loads as it was: the engine captures.
function placedOrNull(source: string, url: string, parse: Parse): string | null {
  try {
    return placeSitesForNode(source, url, { engine: ENGINE, parse });
  } catch (error) {
    process.emitWarning(`loom-threads/node could not write call sites into ${fileURLToPath(url)} (${String(error)}): it runs as it was, and the engine captures them`, { code: 'LOOM_SITES_FAILED' });
    return null;
  }
}

// A file of this project's own, not a dependency's, with or without an extension (a `#!` tool): which of them are
// ES modules, its load tells.
function isCandidate(url: string): boolean {
  return url.startsWith('file:') && !url.includes('/node_modules/');
}

// The URL `specifier` names from `parentURL`, or null if it names nothing there.
async function resolution(specifier: string, parentURL: string, conditions: readonly string[], nextResolve: Parameters<ResolveHook>[2]): Promise<string | null> {
  try {
    return (await nextResolve(specifier, { parentURL, conditions: [...conditions], importAttributes: {} })).url;
  } catch {
    return null;
  }
}

import type { LoadHook, ResolveHook } from 'node:module';
import { placeSitesForNode } from './node-sites.ts';

// The specifier the written code imports `atSite` and `sourceSite` from: the package, as users import it.
const ENGINE = 'loom-threads';

// Which modules to write sites into, found as each is resolved: those the engine resolves from, but for the
// engine's own (a race's branches start at the race's site, not at their own `yield*`). Module state is how
// Node's hooks keep state: one loader thread, this one registration.
const scriptModules = new Map<string, boolean>();

/** Notes whether the module uses the engine: a linked library without Loom is left alone, and so is the engine. */
export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  const resolved = await nextResolve(specifier, context);
  const { url } = resolved;
  if (isCandidate(url) && !scriptModules.has(url)) {
    const entry = await resolution(ENGINE, url, context.conditions, nextResolve);
    scriptModules.set(url, entry !== null && !url.startsWith(new URL('.', entry).href));
  }
  return resolved;
};

/** Writes the sites into an ES module's JavaScript, after the loaders before it (tsx) have made it. */
export const load: LoadHook = async (url, context, nextLoad) => {
  const loaded = await nextLoad(url, context);
  if (loaded.format !== 'module' || scriptModules.get(url) !== true || loaded.source == null) return loaded;
  const source = typeof loaded.source === 'string' ? loaded.source : new TextDecoder().decode(loaded.source);
  const placed = placeSitesForNode(source, url, ENGINE);
  return placed === null ? loaded : { ...loaded, source: placed };
};

// A script module: a file of this project's own, not a dependency's.
function isCandidate(url: string): boolean {
  return url.startsWith('file:') && !url.includes('/node_modules/') && /\.[cm]?[jt]sx?$/.test(url);
}

// The URL `specifier` names from `parentURL`, or null if it names nothing there.
async function resolution(specifier: string, parentURL: string, conditions: readonly string[], nextResolve: Parameters<ResolveHook>[2]): Promise<string | null> {
  try {
    return (await nextResolve(specifier, { parentURL, conditions: [...conditions], importAttributes: {} })).url;
  } catch {
    return null;
  }
}

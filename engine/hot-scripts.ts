import type { Engine } from './engine.ts';
import { LoomError } from './errors.ts';
import type { Migrate, ScriptChange } from './hot-reload.ts';
import { isScript, type AnySpawnable } from './script.ts';
import type { Thread } from './thread.ts';

/** What each new version of a module reloads with: a migrate hook per script name (see {@link Migrate}). */
export interface HotModuleOptions {
  migrate?: Readonly<Record<string, Migrate>>;
}

// Where a module's scripts wait in its `import.meta.hot.data` for its next version.
const KEY = 'loom.scripts';

/**
 * The engines whose threads a bundler's hot module replacement reloads (Vite's `import.meta.hot`, or any with a
 * `data` object kept across a module's versions). Each script module hands it its scripts by name as it runs; a
 * new version of the module reloads every attached engine from the old scripts to the new ones of the same name
 * (see `Engine.reload`). Make one in a module of its own, which the script modules import. Details in
 * docs/hot-reload.md.
 *
 * @example
 * ```ts
 * // hot-scripts.ts
 * export const hotScripts = new HotScripts();
 * // main.ts
 * const engine = new Engine({ hotReload: import.meta.env.DEV });
 * if (import.meta.hot) hotScripts.attach(engine);
 * // grunt.ts, at the end: Vite needs `import.meta.hot.accept(` written out in the module itself
 * if (import.meta.hot) {
 *   import.meta.hot.accept();
 *   hotScripts.update(import.meta.hot.data, { grunt, patrol, hunt });
 * }
 * ```
 */
export class HotScripts {
  private readonly engines = new Set<Engine>();

  /** Reloads `engine` from now on (it needs `hotReload: true`); returns what detaches it. */
  attach(engine: Engine): () => void {
    if (engine.hot === null) throw new LoomError('HotScripts.attach(): the engine was made without hotReload: true, so it cannot restart threads');
    this.engines.add(engine);
    return () => void this.engines.delete(engine);
  }

  /**
   * Called by a module with the scripts it defines, by name (values that are not scripts are skipped, so a module
   * namespace will do): the first version keeps them, each later one reloads the attached engines from the kept
   * scripts to the new ones of the same name, and keeps those. Returns the threads restarting.
   */
  update(data: Record<string, unknown>, scripts: Readonly<Record<string, unknown>>, options: HotModuleOptions = {}): Thread[] {
    const old = data[KEY] as Readonly<Record<string, AnySpawnable>> | undefined;
    const next = onlyScripts(scripts);
    data[KEY] = next;
    if (old === undefined) return [];
    const changes: ScriptChange[] = [];
    for (const [name, to] of Object.entries(next)) {
      const from = old[name];
      if (from === undefined || from === to) continue;
      const migrate = options.migrate?.[name];
      changes.push(migrate === undefined ? { from, to } : { from, to, migrate });
    }
    return [...this.engines].flatMap((engine) => engine.reload(changes));
  }
}

function onlyScripts(values: Readonly<Record<string, unknown>>): Record<string, AnySpawnable> {
  const scripts: Record<string, AnySpawnable> = {};
  for (const [name, value] of Object.entries(values)) if (isScript(value)) scripts[name] = value;
  return scripts;
}

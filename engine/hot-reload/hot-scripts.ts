import type { Engine } from '../core/engine.ts';
import { LoomError } from '../core/errors.ts';
import type { Migrate, ScriptChange } from './hot-reload.ts';
import { isScript, type AnySpawnable } from '../core/script.ts';
import type { Thread } from '../core/thread.ts';
import type { Recording } from '../replay/recording.ts';
import type { CreateSimulation, Simulation } from '../replay/simulation.ts';
import { replayRecording, type ReplayResult } from '../replay/replay-recording.ts';

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
  // Every script replaced so far, by its newest version: an engine attached later runs those too (a game restored
  // after an edit, or a recording re-run with the new code).
  private readonly newest = new Map<AnySpawnable, AnySpawnable>();
  private readonly listeners = new Set<(restarted: Thread[]) => void>();

  /**
   * Reloads `engine` from now on (it needs `hotReload: true`), and at once from every script replaced so far to
   * its newest version; returns what detaches it. Between ticks only.
   */
  attach(engine: Engine): () => void {
    if (!engine.hotReload) throw new LoomError('HotScripts.attach(): the engine was made without hotReload: true, so it cannot restart threads');
    if (this.newest.size > 0) engine.reload([...this.newest].map(([from, to]) => ({ from, to })));
    this.engines.add(engine);
    return () => void this.engines.delete(engine);
  }

  /**
   * Calls `listener` after each update that replaced a script, once the attached engines have reloaded, with the
   * threads restarting; returns what removes it. The sample game re-runs its recording with the new code here.
   */
  onUpdate(listener: (restarted: Thread[]) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
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
    if (changes.length === 0) return [];
    this.remember(changes);
    const restarted = [...this.engines].flatMap((engine) => engine.reload(changes));
    for (const listener of this.listeners) listener(restarted);
    return restarted;
  }

  /**
   * Re-runs a recording from its start with the new code (as Motion Canvas re-runs a scene), verifying every
   * checkpoint: the divergence, if any, says at which tick and in which thread the new code first does something
   * other than what was played. `create` must make engines with `hotReload: true`; each is attached for the run.
   *
   * @example
   * ```ts
   * hotScripts.onUpdate(() => {
   *   const { divergence } = hotScripts.rerun(recorder.recording(), (setup) => createSim(setup, { hotReload: true }));
   *   console.info(divergence === null ? 'the new code plays the run the same' : formatDivergence(divergence));
   * });
   * ```
   */
  rerun<S extends Simulation>(recording: Recording, create: CreateSimulation<S>): ReplayResult<S> {
    const detach: (() => void)[] = [];
    try {
      return replayRecording(recording, (setup) => {
        const sim = create(setup);
        detach.push(this.attach(sim.engine));
        return sim;
      }, { verify: true });
    } finally {
      for (const undo of detach) undo();
    }
  }

  private remember(changes: readonly ScriptChange[]): void {
    const next = new Map(changes.map((change) => [change.from, change.to]));
    for (const [old, version] of this.newest) this.newest.set(old, next.get(version) ?? version);
    for (const [from, to] of next) this.newest.set(from, to);
  }
}

function onlyScripts(values: Readonly<Record<string, unknown>>): Record<string, AnySpawnable> {
  const scripts: Record<string, AnySpawnable> = {};
  for (const [name, value] of Object.entries(values)) if (isScript(value)) scripts[name] = value;
  return scripts;
}

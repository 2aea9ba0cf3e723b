import type { Kind } from '../sim/kind.ts';

/** What an edit of a kind's data did: the fields applied to the running game, and those it cannot take live. */
export interface KindEdit {
  kind: string;
  /** Applied: read afresh from now on (`stats.hp` and `stats.radius` by the entities spawned from now on). */
  applied: string[];
  /** Left as they were: the page must reload to take them (see {@link applyKindEdit}). */
  refused: string[];
}

// Where a module's kind, as first loaded, waits in its `import.meta.hot.data` for the module's next version.
const KEY = 'loom.kind';

/**
 * Fields a running game cannot take: the world counts the hostiles as they come and go, the view made each kind's
 * sprites from its pictures and layer, and the registry knows a kind by its name.
 */
const REFUSED = new Set(['name', 'stats.hostile', 'art.frames', 'art.layer']);
/** Fields each entity copies as it is born. */
const AT_BIRTH = new Set(['stats.hp', 'stats.radius']);

/**
 * Copies the data of `edited` (a kind's new version, from its module run again by hot reload) into `live` (the
 * object the game's kind registries hold, from the module's first version), field by field, but the fields a
 * running game cannot take (see REFUSED). The behaviour is left alone: hot reload replaces scripts
 * (docs/hot-reload.md). Returns what changed.
 *
 * @example
 * ```ts
 * applyKindEdit(GRUNT, { ...GRUNT, stats: { ...GRUNT.stats, colour: 0x30ff90 } }); // applied: ['stats.colour']
 * ```
 */
export function applyKindEdit(live: Kind, edited: Kind): KindEdit {
  const edit: KindEdit = { kind: live.name, applied: [], refused: [] };
  if (edited.name !== live.name) edit.refused.push('name');
  const liveParts = live as unknown as Record<string, Record<string, unknown> | undefined>;
  const editedParts = edited as unknown as Record<string, Record<string, unknown> | undefined>;
  for (const part of ['stats', 'death', 'art', 'wave']) {
    const from = liveParts[part];
    const to = editedParts[part];
    if (from === undefined || to === undefined) {
      if (from !== to) edit.refused.push(part);
      continue;
    }
    for (const field of new Set([...Object.keys(from), ...Object.keys(to)])) {
      const path = `${part}.${field}`;
      if (sameValue(from[field], to[field])) continue;
      if (REFUSED.has(path)) edit.refused.push(path);
      else {
        from[field] = to[field];
        edit.applied.push(path);
      }
    }
  }
  return edit;
}

/** What the page shows of an edit: what was applied, and what needs a page reload. */
export function describeKindEdit(edit: KindEdit): string {
  const applied = edit.applied.map((path) => (AT_BIRTH.has(path) ? `${path} (for those spawned from now on)` : path));
  const parts = [];
  if (applied.length > 0) parts.push(`${applied.join(', ')} applied`);
  if (edit.refused.length > 0) parts.push(`${edit.refused.join(', ')} not applied: reload the page to apply`);
  return `hot reload: ${edit.kind}'s ${parts.join('; ')}`;
}

/**
 * The kinds of the modules of game/scripts, for hot reload: each module hands it its kind as it runs, and a new
 * version of the module applies the kind's new data to the running game ({@link applyKindEdit}), then tells the
 * listeners (the page shows what was and was not applied).
 *
 * @example
 * ```ts
 * if (import.meta.hot) {
 *   import.meta.hot.accept();
 *   hotKinds.update(import.meta.hot.data, GRUNT);
 * }
 * ```
 */
export class HotKinds {
  private readonly listeners = new Set<(edit: KindEdit) => void>();

  /** Called by a module with its kind: the first version's is kept; a later one's data is applied to it. */
  update(data: Record<string, unknown>, kind: Kind): KindEdit | null {
    const live = data[KEY] as Kind | undefined;
    if (live === undefined) {
      data[KEY] = kind;
      return null;
    }
    const edit = applyKindEdit(live, kind);
    if (edit.applied.length + edit.refused.length === 0) return null;
    for (const listener of this.listeners) listener(edit);
    return edit;
  }

  /** Calls `listener` with each edit that changed a kind's data; returns what removes it. */
  onUpdate(listener: (edit: KindEdit) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
}

// A function the module made again compares by its source: the same text is the same behaviour.
function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'function' && typeof b === 'function') return String(a) === String(b);
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) return JSON.stringify(a) === JSON.stringify(b);
  return Object.is(a, b);
}

import type { Kind } from './kind.ts';

/**
 * The kinds a world knows, in the order they were registered (the order the wave banner lists them). Each world
 * has its own: the game starts with scripts/kinds.ts, and a test or a mod can register more.
 *
 * @example
 * ```ts
 * const kinds = new KindRegistry([PLAYER, GRUNT]);
 * kinds.register(MINE);
 * kinds.get('mine'); // MINE
 * ```
 */
export class KindRegistry {
  private readonly byName = new Map<string, Kind>();

  constructor(kinds: Iterable<Kind> = []) {
    for (const kind of kinds) this.register(kind);
  }

  /** Adds a kind; its name must be new. */
  register(kind: Kind): void {
    if (this.byName.has(kind.name)) throw new Error(`a kind named '${kind.name}' is already registered`);
    this.byName.set(kind.name, kind);
  }

  /** Whether a kind called `name` is registered. */
  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** The kind called `name`; throws if there is none. */
  get(name: string): Kind {
    const kind = this.byName.get(name);
    if (!kind) throw new Error(`no kind named '${name}' is registered`);
    return kind;
  }

  /** Every kind, in the order registered. */
  get all(): Kind[] {
    return [...this.byName.values()];
  }
}

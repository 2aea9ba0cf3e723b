import { Assets, type Texture } from 'pixi.js';
import type { Entity } from '../sim/entity.ts';
import type { Kind } from '../sim/kind.ts';
import { ART_RESOLUTION } from './textures.ts';

/** One kind's frames as textures. */
interface Frames {
  /** Its first frame: the one drawn when its art has no `frame` choice. */
  first: Texture;
  byName: ReadonlyMap<string, Texture>;
}

/**
 * The pictures of every kind the view has loaded, from each kind's art (`kind.art.frames`). Kinds that share a
 * picture (critters and brood) share its texture, so the swarm draws them together.
 *
 * @example
 * ```ts
 * const kinds = await loadKindTextures(world.kinds.all);
 * sprite.texture = kinds.for(entity);
 * ```
 */
export class KindTextures {
  private readonly kinds = new Map<string, Frames>();

  /** Loads a kind's frames. */
  async load(kind: Kind): Promise<void> {
    const entries = Object.entries(kind.art.frames);
    if (entries.length === 0) throw new Error(`kind '${kind.name}' has no frames in its art`);
    const textures = await Promise.all(entries.map(([, src]) => Assets.load<Texture>({ src, data: { resolution: ART_RESOLUTION } })));
    const byName = new Map(entries.map(([name], i) => [name, textures[i]!]));
    this.kinds.set(kind.name, { first: textures[0]!, byName });
  }

  /** What to draw for `entity` now: the frame its kind's art picks, else the first. */
  for(entity: Entity): Texture {
    const frames = this.kinds.get(entity.kind);
    if (!frames) throw new Error(`no art loaded for kind '${entity.kind}'`);
    const pick = entity.type.art.frame;
    if (!pick) return frames.first;
    const name = pick(entity);
    const texture = frames.byName.get(name);
    if (!texture) throw new Error(`kind '${entity.kind}' has no frame '${name}'`);
    return texture;
  }
}

/** Loads the frames of every kind in `kinds`. */
export async function loadKindTextures(kinds: readonly Kind[]): Promise<KindTextures> {
  const textures = new KindTextures();
  await Promise.all(kinds.map((kind) => textures.load(kind)));
  return textures;
}

import type { Entity } from './entity.ts';
import type { World } from './world.ts';

/** A behaviour script: what one entity does for its whole life. */
export type Behaviour = (world: World, self: Entity) => Generator<unknown, void, unknown>;

/** What a kind starts with; scripts change the rest. */
export interface KindStats {
  hp: number;
  /** Collision radius in arena units. */
  radius: number;
  /** Score for killing one. */
  points: number;
  /** Score for each hit on one (the big ones, so a long fight pays as it goes). */
  perHit: number;
  /** Damage dealt to the player on contact (0: harmless). */
  contact: number;
  /** Counts toward clearing a wave. */
  hostile: boolean;
  /** Dies on touching the player (kamikaze swarmers). */
  kamikaze: boolean;
  /** Seconds its death takes: the view plays it meanwhile. */
  dies: number;
  /** Its key colour: its health bar and its death burst. */
  colour: number;
}

/** How a death looks (scripts/lifecycle.ts plays it). */
export interface KindDeath {
  /** Sparks in the kind's colour, and how fast they fly. */
  burst: number;
  speed: number;
  /** How hard the camera shakes (0: not at all). */
  shake: number;
  /** Explosions spread over the `dies` seconds, for the biggest deaths (0 or absent: none). */
  blasts?: number;
}

/**
 * Where a kind is drawn: `ground` under the swarm (hives, the boss), `units` over it, `top` over every unit
 * (the player), or `swarm`: thousands at once, one particle each, in one draw call per picture.
 */
export type Layer = 'ground' | 'units' | 'top' | 'swarm';

/** How a kind looks. Data only: game/view/ turns it into sprites, so the simulation stays free of pixi. */
export interface KindArt {
  /** Its pictures by name: image URLs (an SVG from assets/, imported). The first is drawn unless `frame` says. */
  frames: Readonly<Record<string, string>>;
  /** Which frame to draw now, from the entity's state (a hive's open iris, the enraged boss). */
  frame?: (entity: Entity) => string;
  layer: Layer;
  /** Turns on its own at this many radians a second, instead of facing its heading. */
  spin?: number;
  /** Multiplies the picture's colours (white: as drawn). Default 0xffffff. */
  tint?: number;
  /** Drawn this many times the picture's size. Default 1. */
  scale?: number;
  /** A health bar over it once hurt. Default true. */
  healthBar?: boolean;
}

/** How a kind takes part in the ordinary waves (scripts/director.ts spawns them). */
export interface WaveRole {
  /** How many come in ordinary wave `wave` (from 1), when a full swarm is `swarm` critters. */
  count(wave: number, swarm: number): number;
  /** Where they appear: at random `margin` units inside the walls, away from the player; or in clusters at the edges. */
  place: { margin: number } | 'edges';
  /** Its name on the wave banner, singular: the banner adds an S for more than one. */
  label: string;
}

/**
 * One kind of entity, whole: its name, its behaviour script, its stats, its death, its art and its part in the
 * waves. Add it to the game's list (scripts/kinds.ts) and the world, the director and the view all know it.
 * See docs/add-an-entity.md for a worked example.
 *
 * @example
 * ```ts
 * export const MINE: Kind = {
 *   name: 'mine',
 *   behaviour: mine,
 *   stats: { hp: 1, radius: 16, points: 50, perHit: 0, contact: 2, hostile: true, kamikaze: true, dies: 0.3, colour: 0x4aa8ff },
 *   death: { burst: 22, speed: 260, shake: 3 },
 *   art: { frames: { body: mineArt }, layer: 'units' },
 *   wave: { count: (wave) => Math.floor(wave / 2), place: { margin: 90 }, label: 'MINE' },
 * };
 * ```
 */
export interface Kind {
  /** Unique among the registered kinds: `entity.kind`, thread names in tests, the view's telegraphs. */
  readonly name: string;
  readonly behaviour: Behaviour;
  readonly stats: Readonly<KindStats>;
  readonly death: Readonly<KindDeath>;
  readonly art: Readonly<KindArt>;
  /** Absent for kinds the waves do not spawn themselves (the player, a hive's brood, the boss). */
  readonly wave?: Readonly<WaveRole>;
}

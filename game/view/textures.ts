import { Assets, type Texture } from 'pixi.js';
import bulletUrl from '../../assets/bullet.svg';
import enemyBulletUrl from '../../assets/enemy-bullet.svg';
import floorUrl from '../../assets/floor.svg';
import heartUrl from '../../assets/heart.svg';
import logoUrl from '../../assets/logo.svg';
import sparkUrl from '../../assets/spark.svg';

/** The art that belongs to no kind of entity (each kind's own art is in its definition: see kind-textures.ts). */
const URLS = {
  bullet: bulletUrl,
  enemyBullet: enemyBulletUrl,
  floor: floorUrl,
  heart: heartUrl,
  logo: logoUrl,
  spark: sparkUrl,
} as const;

/** The textures of the arena, the bullets, the effects and the HUD, by name. */
export type GameTextures = Record<keyof typeof URLS, Texture>;

/** Rasterised at twice their size, so SVGs stay sharp when the arena is scaled up to a large window. */
export const ART_RESOLUTION = 2;

/**
 * Loads the art of the arena, the bullets, the effects and the HUD (the SVGs in assets/, bundled by Vite) as
 * textures. The floor tile is loaded at its own size.
 */
export async function loadTextures(): Promise<GameTextures> {
  const names = Object.keys(URLS) as (keyof typeof URLS)[];
  const textures = await Promise.all(
    names.map((name) => Assets.load<Texture>({ src: URLS[name], data: { resolution: name === 'floor' ? 1 : ART_RESOLUTION } })),
  );
  return Object.fromEntries(names.map((name, i) => [name, textures[i]])) as GameTextures;
}

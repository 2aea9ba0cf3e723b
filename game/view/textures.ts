import { Assets, type Texture } from 'pixi.js';
import bossEnragedUrl from '../../assets/boss-enraged.svg';
import bossUrl from '../../assets/boss.svg';
import bulletUrl from '../../assets/bullet.svg';
import critterUrl from '../../assets/critter.svg';
import enemyBulletUrl from '../../assets/enemy-bullet.svg';
import floorUrl from '../../assets/floor.svg';
import gruntUrl from '../../assets/grunt.svg';
import heartUrl from '../../assets/heart.svg';
import hiveOpenUrl from '../../assets/hive-open.svg';
import hiveUrl from '../../assets/hive.svg';
import logoUrl from '../../assets/logo.svg';
import playerUrl from '../../assets/player.svg';
import scoutUrl from '../../assets/scout.svg';
import sparkUrl from '../../assets/spark.svg';

const URLS = {
  boss: bossUrl,
  bossEnraged: bossEnragedUrl,
  bullet: bulletUrl,
  critter: critterUrl,
  enemyBullet: enemyBulletUrl,
  floor: floorUrl,
  grunt: gruntUrl,
  heart: heartUrl,
  hive: hiveUrl,
  hiveOpen: hiveOpenUrl,
  logo: logoUrl,
  player: playerUrl,
  scout: scoutUrl,
  spark: sparkUrl,
} as const;

/** Every texture the game draws, by name. */
export type GameTextures = Record<keyof typeof URLS, Texture>;

/**
 * Loads the game's art (the SVGs in assets/, bundled by Vite) as textures. SVGs are rasterised at twice their
 * size so they stay sharp when the arena is scaled up to a large window.
 */
export async function loadTextures(): Promise<GameTextures> {
  const names = Object.keys(URLS) as (keyof typeof URLS)[];
  const textures = await Promise.all(
    names.map((name) => Assets.load<Texture>({ src: URLS[name], data: { resolution: name === 'floor' ? 1 : 2 } })),
  );
  return Object.fromEntries(names.map((name, i) => [name, textures[i]])) as GameTextures;
}

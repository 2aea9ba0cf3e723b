import { Particle, ParticleContainer, type Texture } from 'pixi.js';
import { lerp } from '../sim/geometry.ts';
import type { Bullet } from '../sim/projectiles.ts';
import type { Moment } from './moment.ts';

/** One kind of bullet drawn in bulk: a pool of particles, as many shown as there are bullets. */
export class BulletView {
  readonly container: ParticleContainer<Particle>;
  private readonly pool: Particle[] = [];

  constructor(private readonly texture: Texture, private readonly scale: number, blendMode: 'add' | 'normal') {
    this.container = new ParticleContainer<Particle>({
      texture,
      blendMode,
      dynamicProperties: { position: true, rotation: true, vertex: true },
    });
  }

  update(bullets: readonly Bullet[], moment: Moment): void {
    const shown = this.container.particleChildren;
    const grew = bullets.length > shown.length;
    while (this.pool.length < bullets.length) {
      this.pool.push(new Particle({ texture: this.texture, anchorX: 0.5, anchorY: 0.5 }));
    }
    shown.length = 0;
    const pulse = 1 + 0.12 * Math.sin(moment.time * 24);
    for (let i = 0; i < bullets.length; i++) {
      const bullet = bullets[i]!;
      const particle = this.pool[i]!;
      particle.x = lerp(bullet.prevX, bullet.x, moment.alpha);
      particle.y = lerp(bullet.prevY, bullet.y, moment.alpha);
      particle.rotation = bullet.angle;
      particle.scaleX = particle.scaleY = this.scale * pulse;
      shown.push(particle);
    }
    if (grew) this.container.update();
  }
}

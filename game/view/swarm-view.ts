import { Particle, ParticleContainer, type Texture } from 'pixi.js';
import { KINDS, type Entity } from '../sim/entity.ts';
import { clamp, lerp } from '../sim/geometry.ts';
import type { World } from '../sim/world.ts';
import type { Moment } from './moment.ts';

const BROOD_TINT = 0xff7ad9;

/**
 * The swarm kinds (critters and brood), thousands at once: one ParticleContainer, one shared texture, one
 * lightweight Particle per entity, so drawing them is one draw call.
 */
export class SwarmView {
  readonly container: ParticleContainer<Particle>;
  private readonly particles = new Map<Entity, Particle>();

  constructor(private readonly texture: Texture) {
    this.container = new ParticleContainer<Particle>({
      texture,
      dynamicProperties: { position: true, rotation: true, color: true, vertex: true },
    });
  }

  update(world: World, moment: Moment): void {
    let added = false;
    for (const entity of world.entities) {
      if (entity.kind !== 'critter' && entity.kind !== 'brood') continue;
      let particle = this.particles.get(entity);
      if (!particle) {
        particle = new Particle({ texture: this.texture, anchorX: 0.5, anchorY: 0.5, tint: entity.kind === 'brood' ? BROOD_TINT : 0xffffff });
        this.particles.set(entity, particle);
        this.container.particleChildren.push(particle);
        added = true;
      }
      place(particle, entity, moment);
    }
    const gone = new Set<Particle>();
    for (const [entity, particle] of this.particles) {
      if (!entity.removed) continue;
      this.particles.delete(entity);
      gone.add(particle);
    }
    if (gone.size > 0) {
      const children = this.container.particleChildren;
      let kept = 0;
      for (const particle of children) if (!gone.has(particle)) children[kept++] = particle;
      children.length = kept;
    }
    // New particles need their static data (texture coordinates) uploaded.
    if (added) this.container.update();
  }
}

function place(particle: Particle, entity: Entity, moment: Moment): void {
  particle.x = lerp(entity.prevX, entity.x, moment.alpha);
  particle.y = lerp(entity.prevY, entity.y, moment.alpha);
  particle.rotation = entity.angle;
  const base = entity.kind === 'brood' ? 1.35 : 1;
  let scale = base * Math.min(1, 0.3 + (moment.time - entity.bornAt) * 2);
  let alpha = 1;
  if (!entity.alive && Number.isFinite(entity.diedAt)) {
    const t = clamp((moment.time - entity.diedAt) / KINDS[entity.kind].dies, 0, 1);
    scale *= 1 + t;
    alpha = 1 - t;
  }
  particle.scaleX = particle.scaleY = scale;
  particle.alpha = alpha;
}

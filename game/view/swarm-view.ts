import { Container, Particle, ParticleContainer, type Texture, type TextureSource } from 'pixi.js';
import type { Entity } from '../sim/entity.ts';
import { clamp, lerp } from '../sim/geometry.ts';
import type { World } from '../sim/world.ts';
import type { KindTextures } from './kind-textures.ts';
import type { Moment } from './moment.ts';

/**
 * The `swarm` layer (critters and brood), thousands at once: one lightweight Particle per entity, in one
 * ParticleContainer per picture, so drawing the kinds that share a picture is one draw call. A swarm entity keeps
 * the frame it was born with.
 */
export class SwarmView {
  readonly container = new Container();
  private readonly layers = new Map<TextureSource, ParticleContainer<Particle>>();
  private readonly particles = new Map<Entity, Particle>();

  constructor(private readonly kinds: KindTextures) {}

  update(world: World, moment: Moment): void {
    const added = new Set<ParticleContainer<Particle>>();
    for (const entity of world.entities) {
      const art = entity.type.art;
      if (art.layer !== 'swarm') continue;
      let particle = this.particles.get(entity);
      if (!particle) {
        const texture = this.kinds.for(entity);
        particle = new Particle({ texture, anchorX: 0.5, anchorY: 0.5, tint: art.tint ?? 0xffffff });
        this.particles.set(entity, particle);
        const layer = this.layerFor(texture);
        layer.particleChildren.push(particle);
        added.add(layer);
      }
      place(particle, entity, moment);
    }
    const gone = new Set<Particle>();
    for (const [entity, particle] of this.particles) {
      if (!entity.removed) continue;
      this.particles.delete(entity);
      gone.add(particle);
    }
    if (gone.size > 0) for (const layer of this.layers.values()) sweep(layer, gone);
    // New particles need their static data (texture coordinates) uploaded.
    for (const layer of added) layer.update();
  }

  /** The container for particles of `texture`'s picture, made the first time it is needed. */
  private layerFor(texture: Texture): ParticleContainer<Particle> {
    let layer = this.layers.get(texture.source);
    if (!layer) {
      layer = new ParticleContainer<Particle>({
        texture,
        dynamicProperties: { position: true, rotation: true, color: true, vertex: true },
      });
      this.layers.set(texture.source, layer);
      this.container.addChild(layer);
    }
    return layer;
  }
}

function sweep(layer: ParticleContainer<Particle>, gone: ReadonlySet<Particle>): void {
  const children = layer.particleChildren;
  let kept = 0;
  for (const particle of children) if (!gone.has(particle)) children[kept++] = particle;
  children.length = kept;
}

function place(particle: Particle, entity: Entity, moment: Moment): void {
  particle.x = lerp(entity.prevX, entity.x, moment.alpha);
  particle.y = lerp(entity.prevY, entity.y, moment.alpha);
  particle.rotation = entity.angle;
  const base = entity.type.art.scale ?? 1;
  let scale = base * Math.min(1, 0.3 + (moment.time - entity.bornAt) * 2);
  let alpha = 1;
  if (!entity.alive && Number.isFinite(entity.diedAt)) {
    const t = clamp((moment.time - entity.diedAt) / entity.type.stats.dies, 0, 1);
    scale *= 1 + t;
    alpha = 1 - t;
  }
  particle.scaleX = particle.scaleY = scale;
  particle.alpha = alpha;
}

import { Container, Graphics, Sprite, Text, type Texture } from 'pixi.js';
import type { Entity, Mode } from '../sim/entity.ts';
import { clamp, lerp, lerpAngle } from '../sim/geometry.ts';
import { PLAYER_MERCY, type World } from '../sim/world.ts';
import type { Moment } from './moment.ts';
import type { KindTextures } from './kind-textures.ts';
const SPAWN_IN = 0.4;
const SIGN_STYLE = { fontFamily: 'Verdana, "DejaVu Sans", sans-serif', fontWeight: '900', fontSize: 28, stroke: { color: 0x0a0d16, width: 6 } } as const;

/**
 * The sprites of the entities that get one each (every kind not drawn in the swarm layer), following the world.
 * Each is drawn from its kind's art; the telegraphs of the game's own kinds are drawn here too (`decorate`).
 */
export class EntityView {
  /** The `ground` layer (hives, the boss), drawn under the swarm. */
  readonly ground = new Container();
  /** The `units` layer (grunts, scouts), and the `top` layer (the player) over them. */
  readonly units = new Container({ sortableChildren: true });
  private readonly sprites = new Map<Entity, EntitySprite>();

  constructor(private readonly kinds: KindTextures, private readonly spark: Texture) {}

  update(world: World, moment: Moment): void {
    for (const entity of world.entities) {
      const layer = entity.type.art.layer;
      if (layer === 'swarm') continue;
      let sprite = this.sprites.get(entity);
      if (!sprite) {
        sprite = new EntitySprite(entity, this.kinds, this.spark);
        sprite.root.zIndex = layer === 'top' ? 1 : 0;
        this.sprites.set(entity, sprite);
        (layer === 'ground' ? this.ground : this.units).addChild(sprite.root);
      }
      sprite.update(moment);
    }
    for (const [entity, sprite] of this.sprites) {
      if (!entity.removed) continue;
      sprite.root.destroy({ children: true });
      this.sprites.delete(entity);
    }
  }
}

/** One entity's sprite with its shadow, its flash, and the telegraphs and signs its script's mode calls for. */
class EntitySprite {
  readonly root = new Container();
  private readonly shadow: Sprite;
  private readonly body: Sprite;
  /** The same picture drawn additively: a white-hot flash when hurt, spawning, dying or winding up. */
  private readonly flash: Sprite;
  private readonly marks = new Graphics();
  /** The boss's charging core; the player's engine glow. */
  private readonly core: Sprite | null = null;
  private readonly sign: Text | null = null;
  private mode: Mode;
  private modeSince = 0;

  constructor(private readonly entity: Entity, private readonly kinds: KindTextures, spark: Texture) {
    const texture = kinds.for(entity);
    this.shadow = new Sprite({ texture, anchor: 0.5, tint: 0x000000, alpha: 0.4, position: { x: 5, y: 9 } });
    this.body = new Sprite({ texture, anchor: 0.5 });
    this.flash = new Sprite({ texture, anchor: 0.5, blendMode: 'add', alpha: 0 });
    this.root.addChild(this.marks, this.shadow, this.body, this.flash);
    if (entity.kind === 'boss' || entity.kind === 'player') {
      this.core = new Sprite({ texture: spark, anchor: 0.5, blendMode: 'add', alpha: 0, tint: entity.kind === 'boss' ? 0xffd070 : 0x27e0d0 });
      this.root.addChildAt(this.core, entity.kind === 'player' ? 1 : this.root.children.length);
    }
    if (entity.kind === 'grunt') {
      this.sign = new Text({ text: '!', style: { ...SIGN_STYLE, fill: 0xffd23a }, anchor: 0.5, position: { x: 0, y: -38 } });
      this.root.addChild(this.sign);
    }
    this.mode = entity.mode;
  }

  update(moment: Moment): void {
    const entity = this.entity;
    if (entity.mode !== this.mode) {
      this.mode = entity.mode;
      this.modeSince = moment.time;
    }
    const inMode = moment.time - this.modeSince;
    const texture = this.kinds.for(entity);
    this.body.texture = this.shadow.texture = this.flash.texture = texture;
    this.root.position.set(lerp(entity.prevX, entity.x, moment.alpha), lerp(entity.prevY, entity.y, moment.alpha));
    const { spin } = entity.type.art;
    const angle = spin !== undefined ? moment.time * spin : lerpAngle(entity.prevAngle, entity.angle, moment.alpha);
    this.body.rotation = this.shadow.rotation = this.flash.rotation = angle;

    let scale = 1;
    let alpha = 1;
    let flash = moment.time - entity.hurtAt < 0.09 ? 0.9 : 0;
    const age = moment.time - entity.bornAt;
    if (age < SPAWN_IN) {
      const t = clamp(age / SPAWN_IN, 0, 1);
      scale = easeOutBack(t);
      flash = Math.max(flash, 1 - t);
    }
    if (!entity.alive && Number.isFinite(entity.diedAt)) {
      const t = clamp((moment.time - entity.diedAt) / entity.type.stats.dies, 0, 1);
      scale *= 1 + 0.6 * t;
      alpha = 1 - t;
      flash = Math.max(flash, 1 - t);
    }
    this.marks.clear();
    flash = Math.max(flash, this.decorate(moment, inMode));
    if (entity.kind === 'player' && entity.alive && moment.time - entity.hurtAt < PLAYER_MERCY) {
      alpha *= Math.floor(moment.time * 14) % 2 === 0 ? 0.3 : 1;
    }
    this.flash.position.copyFrom(this.body.position);
    this.root.scale.set(scale * (entity.type.art.scale ?? 1));
    this.root.alpha = alpha;
    this.flash.alpha = flash;
    this.drawHealth();
  }

  /** The game's own kinds' telegraphs, by mode; returns how much to flash. Other kinds have none. */
  private decorate(moment: Moment, inMode: number): number {
    const entity = this.entity;
    switch (entity.kind) {
      case 'grunt':
        this.showSign(inMode);
        if (entity.mode === 'windup') {
          const t = clamp(inMode / 0.45, 0, 1);
          this.marks.circle(0, 0, lerp(70, 24, t)).stroke({ width: 4, color: 0xff3a2a, alpha: 0.35 + 0.6 * t });
          return 0.35 + 0.35 * Math.sin(inMode * 60);
        }
        return entity.mode === 'lunge' ? 0.45 : 0;
      case 'player':
        this.thrust(moment);
        return entity.invulnerable ? 0.55 : 0;
      case 'hive':
        return entity.open ? 0.12 + 0.1 * Math.sin(moment.time * 6) : 0;
      case 'boss':
        return this.decorateBoss(moment, inMode);
      case 'turret':
        // Its sight line: where the next shot goes, while it is locked on a ship.
        if (entity.alive && entity.mode === 'aim') {
          this.marks.moveTo(0, 0).lineTo(Math.cos(entity.angle) * 420, Math.sin(entity.angle) * 420).stroke({ width: 2, color: 0xffe600, alpha: 0.3 });
        }
        return 0;
      default:
        return 0;
    }
  }

  /** The engine glow behind the ship: bright and flickering while it moves. */
  private thrust(moment: Moment): void {
    const entity = this.entity;
    const core = this.core!;
    const moving = entity.x !== entity.prevX || entity.y !== entity.prevY;
    const heading = moving ? Math.atan2(entity.y - entity.prevY, entity.x - entity.prevX) : this.body.rotation;
    core.position.set(-Math.cos(heading) * 30, -Math.sin(heading) * 30);
    core.alpha = entity.alive ? (moving ? 0.9 : 0.35) : 0;
    core.scale.set((moving ? 2.6 : 1.6) + 0.5 * Math.sin(moment.time * 50));
  }

  private showSign(inMode: number): void {
    const sign = this.sign!;
    const mode = this.entity.mode;
    const alerted = (mode === 'chase' && inMode < 0.8) || mode === 'windup';
    sign.visible = this.entity.alive && (alerted || mode === 'confused');
    const text = mode === 'confused' ? '?' : '!';
    if (sign.text !== text) {
      sign.text = text;
      sign.style.fill = mode === 'confused' ? 0x9fd4ff : 0xffd23a;
    }
    sign.scale.set(1 + 0.25 * Math.max(0, 1 - inMode * 5));
  }

  private decorateBoss(moment: Moment, inMode: number): number {
    const entity = this.entity;
    const core = this.core!;
    core.alpha = 0;
    this.body.position.set(0, 0);
    switch (entity.mode) {
      case 'volley': {
        const charge = clamp(inMode / 0.55, 0, 1);
        core.alpha = charge;
        core.scale.set(2 + 7 * charge);
        return 0.15 * charge;
      }
      case 'aim': {
        const locked = inMode > 40 / 60;
        const length = 1600;
        this.marks.moveTo(0, 0).lineTo(Math.cos(entity.aim) * length, Math.sin(entity.aim) * length)
          .stroke({ width: locked ? 10 : 3, color: 0xff3050, alpha: locked ? 0.55 : 0.25 + 0.2 * Math.sin(moment.time * 30) });
        return locked ? 0.3 : 0;
      }
      case 'transition': {
        this.body.position.set(Math.sin(moment.time * 90) * 6, Math.cos(moment.time * 77) * 4);
        this.marks.circle(0, 0, 100 + 30 * Math.sin(inMode * 8)).stroke({ width: 6, color: 0xffc640, alpha: 0.5 });
        return 0.35 + 0.3 * Math.sin(inMode * 25);
      }
      case 'stunned':
        return 0.1;
      case 'charge':
        return 0.25;
      default:
        return 0;
    }
  }

  private drawHealth(): void {
    const entity = this.entity;
    if (!entity.alive || entity.hp >= entity.maxHp || entity.type.art.healthBar === false) return;
    const width = Math.max(30, entity.radius * 1.6);
    const y = -entity.radius - 14;
    this.marks.rect(-width / 2, y, width, 5).fill({ color: 0x0a0d16, alpha: 0.8 });
    this.marks.rect(-width / 2 + 1, y + 1, (width - 2) * (entity.hp / entity.maxHp), 3).fill(entity.type.stats.colour);
  }
}

function easeOutBack(t: number): number {
  const c = 1.70158;
  return 1 + (c + 1) * (t - 1) ** 3 + c * (t - 1) ** 2;
}

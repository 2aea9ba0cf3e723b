import { Container, Graphics, Particle, ParticleContainer, Text, type Texture } from 'pixi.js';
import type { GameEvent } from '../sim/events.ts';
import type { Point } from '../sim/geometry.ts';
import type { Moment } from './moment.ts';

const MAX_SPARKS = 4000;
const SPARK_DRAG = 5;
const RING_SECONDS = 0.55;
const POPUP_SECONDS = 0.9;
const SHAKE_SECONDS = 0.35;
const POPUP_STYLE = {
  fontFamily: 'Verdana, "DejaVu Sans", sans-serif', fontWeight: '900', fontSize: 20, fill: 0xffffff,
  stroke: { color: 0x0a0d16, width: 5 },
} as const;

interface Spark { x: number; y: number; vx: number; vy: number; born: number; life: number; size: number; particle: Particle }
interface Ring { x: number; y: number; radius: number; color: number; born: number; to: readonly Point[] }
interface Popup { x: number; y: number; born: number; text: Text }
interface Shake { amount: number; born: number }

/**
 * The one-shot effects the simulation asks for (GameEvent): spark bursts, rings and radio pings, score popups,
 * camera shake. Each is a pure function of its age, so effects pause with the game and never drift.
 */
export class EffectsView {
  /** Drawn under the entities: rings and ping lines. */
  readonly under = new Graphics();
  /** Drawn over the entities: sparks and popups. */
  readonly over = new Container();
  private readonly sparkLayer: ParticleContainer<Particle>;
  private sparks: Spark[] = [];
  private rings: Ring[] = [];
  private popups: Popup[] = [];
  private shakes: Shake[] = [];
  private readonly idleTexts: Text[] = [];
  private readonly idleParticles: Particle[] = [];
  private seed = 12345;

  constructor(private readonly sparkTexture: Texture) {
    this.sparkLayer = new ParticleContainer<Particle>({
      texture: sparkTexture,
      blendMode: 'add',
      dynamicProperties: { position: true, color: true, vertex: true },
    });
    this.over.addChild(this.sparkLayer);
  }

  /** Starts the effects of new events. */
  play(events: readonly GameEvent[]): void {
    for (const event of events) {
      switch (event.type) {
        case 'burst': this.burst(event.x, event.y, event.color, event.count, event.speed, event.time); break;
        case 'ricochet': this.burst(event.x, event.y, 0x9fd4ff, 4, 180, event.time); break;
        case 'ring': this.rings.push({ x: event.x, y: event.y, radius: event.radius, color: event.color, born: event.time, to: event.to }); break;
        case 'score': if (event.points >= 25) this.popup(event.x, event.y, event.points, event.time); break;
        case 'shake': this.shakes.push({ amount: event.amount, born: event.time }); break;
      }
    }
  }

  /** Draws every live effect at `moment`; returns the camera shake offset. */
  update(moment: Moment): Point {
    this.updateSparks(moment.time);
    this.drawRings(moment.time);
    this.updatePopups(moment.time);
    return this.shakeAt(moment.time);
  }

  private burst(x: number, y: number, color: number, count: number, speed: number, time: number): void {
    for (let i = 0; i < count && this.sparks.length < MAX_SPARKS; i++) {
      const angle = this.random() * Math.PI * 2;
      const v = speed * (0.35 + 0.65 * this.random());
      const particle = this.idleParticles.pop() ?? new Particle({ texture: this.sparkTexture, anchorX: 0.5, anchorY: 0.5 });
      particle.tint = color;
      this.sparks.push({ x, y, vx: Math.cos(angle) * v, vy: Math.sin(angle) * v, born: time, life: 0.3 + 0.45 * this.random(), size: 0.5 + this.random(), particle });
    }
  }

  private updateSparks(time: number): void {
    const shown = this.sparkLayer.particleChildren;
    const before = shown.length;
    shown.length = 0;
    this.sparks = this.sparks.filter((spark) => {
      const age = Math.max(0, time - spark.born);
      if (age >= spark.life) {
        this.idleParticles.push(spark.particle);
        return false;
      }
      const travel = (1 - Math.exp(-SPARK_DRAG * age)) / SPARK_DRAG;
      const p = spark.particle;
      p.x = spark.x + spark.vx * travel;
      p.y = spark.y + spark.vy * travel;
      const left = 1 - age / spark.life;
      p.scaleX = p.scaleY = spark.size * (0.3 + 0.7 * left);
      p.alpha = left;
      shown.push(p);
      return true;
    });
    if (shown.length > before) this.sparkLayer.update();
  }

  private drawRings(time: number): void {
    const g = this.under.clear();
    this.rings = this.rings.filter((ring) => {
      const t = Math.max(0, time - ring.born) / RING_SECONDS;
      if (t >= 1) return false;
      const ease = 1 - (1 - t) ** 3;
      g.circle(ring.x, ring.y, ring.radius * ease).stroke({ width: 3 + 5 * (1 - t), color: ring.color, alpha: 0.6 * (1 - t) });
      for (const to of ring.to) {
        g.moveTo(ring.x, ring.y).lineTo(to.x, to.y).stroke({ width: 2, color: ring.color, alpha: 0.75 * (1 - t) });
        g.circle(to.x, to.y, 26 * ease).stroke({ width: 2, color: ring.color, alpha: 0.8 * (1 - t) });
      }
      return true;
    });
  }

  private popup(x: number, y: number, points: number, time: number): void {
    const text = this.idleTexts.pop() ?? new Text({ text: '', style: POPUP_STYLE, anchor: 0.5 });
    text.text = `+${points}`;
    text.style.fill = points >= 1000 ? 0xffc640 : points >= 100 ? 0xffffff : 0xd8c8ff;
    text.scale.set(points >= 1000 ? 1.8 : points >= 100 ? 1 : 0.75);
    this.over.addChild(text);
    this.popups.push({ x, y, born: time, text });
  }

  private updatePopups(time: number): void {
    this.popups = this.popups.filter((popup) => {
      const t = Math.max(0, time - popup.born) / POPUP_SECONDS;
      if (t >= 1) {
        this.over.removeChild(popup.text);
        this.idleTexts.push(popup.text);
        return false;
      }
      popup.text.position.set(popup.x, popup.y - 24 - 40 * (1 - (1 - t) ** 2));
      popup.text.alpha = t < 0.7 ? 1 : 1 - (t - 0.7) / 0.3;
      return true;
    });
  }

  private shakeAt(time: number): Point {
    let amount = 0;
    this.shakes = this.shakes.filter((shake) => {
      const t = Math.max(0, time - shake.born) / SHAKE_SECONDS;
      if (t >= 1) return false;
      amount = Math.max(amount, shake.amount * (1 - t) ** 2);
      return true;
    });
    return { x: Math.sin(time * 93) * amount, y: Math.cos(time * 71) * amount };
  }

  /** A small deterministic generator for the looks of effects: the simulation's random must not be touched here. */
  private random(): number {
    this.seed = (this.seed * 1664525 + 1013904223) >>> 0;
    return this.seed / 4294967296;
  }
}

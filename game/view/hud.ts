import { Container, Graphics, Sprite, Text, type TextStyleOptions } from 'pixi.js';
import type { Entity } from '../sim/entity.ts';
import type { World } from '../sim/world.ts';
import { HUD_HEIGHT, type Camera } from './camera.ts';
import type { GameTextures } from './textures.ts';

const FONT = 'Verdana, "DejaVu Sans", sans-serif';
const LABEL: TextStyleOptions = { fontFamily: FONT, fontSize: 11, fontWeight: '700', fill: 0x7f93b5, letterSpacing: 2 };
const VALUE: TextStyleOptions = { fontFamily: FONT, fontSize: 24, fontWeight: '900', fill: 0xe8f4ff };
const SMALL: TextStyleOptions = { fontFamily: FONT, fontSize: 13, fontWeight: '700', fill: 0xc8d6ee };
/** Screen pixels kept between the HUD's groups, and from its right edge. */
const GAP = 20;
const EDGE = 16;

/** A rectangle in screen pixels. */
export interface ScreenBox {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Figures the HUD shows that come from the frame loop rather than the world. */
export interface HudStats {
  threads: number;
  idleThreads: number;
  frameMs: number;
  /** Script time a tick; null where this page runs no scripts (co-op: the server runs them). */
  scriptMs: number | null;
  paused: boolean;
  seed: number;
  /** Ticks the frame loop dropped since the game started, as the engine could not afford them. */
  dropped: number;
}

/**
 * The bar across the top: score, hearts, wave, live threads, and frame time, dropped ticks and seed; and the boss's
 * health bar. The threads are placed beside the timing's measured width, so neither covers the other down to the
 * 800 px a docked inspector leaves a 1280 px window.
 */
export class Hud {
  readonly container = new Container();
  private readonly panel = new Graphics();
  private readonly logo: Sprite;
  private readonly scoreLabel = new Text({ text: 'SCORE', style: LABEL });
  private readonly score = new Text({ text: '0', style: VALUE });
  private readonly hearts: Sprite[] = [];
  private readonly waveLabel = new Text({ text: 'WAVE', style: LABEL, anchor: { x: 0.5, y: 0 } });
  private readonly wave = new Text({ text: '1', style: VALUE, anchor: { x: 0.5, y: 0 } });
  private readonly threadsLabel = new Text({ text: 'LIVE THREADS', style: LABEL, anchor: { x: 1, y: 0 } });
  private readonly threads = new Text({ text: '0', style: VALUE, anchor: { x: 1, y: 0 } });
  private readonly timing = new Text({ text: '', style: SMALL, anchor: { x: 1, y: 0 } });
  private readonly bossBar = new Graphics();
  private readonly bossName = new Text({ text: 'MOTHERSHIP', style: { ...LABEL, fill: 0xffc640, fontSize: 12 }, anchor: { x: 0.5, y: 1 } });
  private shownTimingAt = -Infinity;
  private compact = false;
  private width = 0;
  /** The widest the timing has been since the last layout: the groups beside it do not shift as its digits change. */
  private timingWidth = 0;

  constructor(textures: GameTextures) {
    this.logo = new Sprite({ texture: textures.logo, height: 34, width: 136 });
    for (let i = 0; i < 8; i++) this.hearts.push(new Sprite({ texture: textures.heart, anchor: 0.5 }));
    this.container.addChild(this.panel, this.logo, this.scoreLabel, this.score, ...this.hearts, this.waveLabel, this.wave,
      this.threadsLabel, this.threads, this.timing, this.bossBar, this.bossName);
  }

  /** Lays the bar out for the window's width. */
  layout(camera: Camera): void {
    const width = camera.screenWidth;
    this.panel.clear()
      .rect(0, 0, width, HUD_HEIGHT - 8).fill({ color: 0x070a14, alpha: 0.92 })
      .rect(0, HUD_HEIGHT - 9, width, 1).fill({ color: 0x27e0d0, alpha: 0.35 });
    const compact = width < 900;
    this.compact = compact;
    this.width = width;
    this.timingWidth = 0;
    this.logo.visible = !compact;
    const left = compact ? 14 : 168;
    this.logo.position.set(16, 11);
    this.scoreLabel.position.set(left, 8);
    this.score.position.set(left, 22);
    this.hearts.forEach((heart, i) => heart.position.set(left + 150 + i * 26, 36));
    this.waveLabel.position.set(width / 2, 8);
    this.wave.position.set(width / 2, 22);
    this.timing.position.set(width - EDGE, 6);
    this.arrange();
  }

  /** The timing at the right edge, the threads beside it, as wide as the timing has been. */
  private arrange(): void {
    this.timingWidth = Math.max(this.timingWidth, this.timing.width);
    const threadsRight = this.width - EDGE - this.timingWidth - GAP;
    this.threadsLabel.position.set(threadsRight, 8);
    this.threads.position.set(threadsRight, 22);
  }

  /** Where each group of the bar is drawn, in screen pixels, for layout checks; a hidden group is left out. */
  boxes(): Record<string, ScreenBox> {
    const groups: Record<string, Container[]> = {
      score: [this.scoreLabel, this.score],
      hearts: this.hearts.filter((heart) => heart.visible),
      wave: [this.waveLabel, this.wave],
      threads: [this.threadsLabel, this.threads],
      timing: [this.timing],
    };
    const boxes: Record<string, ScreenBox> = {};
    for (const [name, parts] of Object.entries(groups)) {
      const shown = parts.filter((part) => part.visible);
      if (shown.length > 0) boxes[name] = union(shown);
    }
    return boxes;
  }

  update(world: World, stats: HudStats, camera: Camera, realMs: number): void {
    setText(this.score, world.score.toLocaleString('en-US'));
    setText(this.wave, String(world.wave));
    setText(this.threads, `${stats.threads.toLocaleString('en-US')}`);
    setText(this.threadsLabel, `${this.compact ? '' : 'LIVE '}THREADS · IDLE ${stats.idleThreads}`);
    if (realMs - this.shownTimingAt > 250) {
      this.shownTimingAt = realMs;
      const dropped = stats.dropped > 0 ? ` · ${stats.dropped.toLocaleString('en-US')} dropped` : '';
      const sim = stats.scriptMs === null ? '' : `\nsim ${stats.scriptMs.toFixed(2)} ms`;
      setText(this.timing, `frame ${stats.frameMs.toFixed(1)} ms${sim}\nseed ${stats.seed}${dropped}`);
    }
    const player = world.player;
    const hp = player && !player.removed ? Math.max(0, player.hp) : 0;
    const max = player?.maxHp ?? 5;
    this.hearts.forEach((heart, i) => {
      heart.visible = i < max;
      heart.alpha = i < hp ? 1 : 0.18;
      heart.tint = i < hp ? 0xffffff : 0x7f93b5;
    });
    this.arrange();
    this.drawBossBar(world.entityNamed('boss'), camera);
  }

  private drawBossBar(boss: Entity | null, camera: Camera): void {
    this.bossBar.clear();
    this.bossName.visible = boss !== null;
    if (!boss) return;
    const width = Math.min(560, camera.screenWidth * 0.5);
    const x = (camera.screenWidth - width) / 2;
    const y = HUD_HEIGHT + 20;
    const fraction = Math.max(0, boss.hp) / boss.maxHp;
    this.bossBar
      .roundRect(x - 3, y - 3, width + 6, 16, 4).fill({ color: 0x0a0d16, alpha: 0.85 })
      .roundRect(x, y, width * fraction, 10, 3).fill(boss.phase >= 3 ? 0xff6a2a : 0xff3050)
      .rect(x + width / 3, y - 3, 2, 16).fill(0xffc640)
      .rect(x + (2 * width) / 3, y - 3, 2, 16).fill(0xffc640);
    this.bossName.position.set(camera.screenWidth / 2, y - 5);
  }
}

/** The screen box around `parts`. */
function union(parts: Container[]): ScreenBox {
  const boxes = parts.map((part) => part.getBounds());
  return {
    left: Math.min(...boxes.map((box) => box.minX)),
    top: Math.min(...boxes.map((box) => box.minY)),
    right: Math.max(...boxes.map((box) => box.maxX)),
    bottom: Math.max(...boxes.map((box) => box.maxY)),
  };
}

/** Sets a Text only when it changes: a new string re-renders the text's texture. */
function setText(text: Text, value: string): void {
  if (text.text !== value) text.text = value;
}

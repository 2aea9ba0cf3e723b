import { Container, Graphics, type Application } from 'pixi.js';
import type { World } from '../sim/world.ts';
import { ArenaView } from './arena-view.ts';
import { BannerView } from './banner-view.ts';
import { BulletView } from './bullet-view.ts';
import { Camera } from './camera.ts';
import { EffectsView } from './effects-view.ts';
import { EntityView } from './entity-view.ts';
import { GameOverView, type GameOverActions } from './game-over-view.ts';
import { Hud, type HudStats, type ScreenBox } from './hud.ts';
import type { KindTextures } from './kind-textures.ts';
import { momentOf, type TickClock } from './moment.ts';
import { ReplayMark } from './replay-mark.ts';
import { SwarmView } from './swarm-view.ts';
import type { GameTextures } from './textures.ts';

/**
 * The display: it follows the simulation and never changes it. Each frame it drains the world's events into
 * effects and draws every entity between its last two ticks' positions. A view with no game-over actions shows a
 * replay: its game-over screen cannot act, and the playfield is marked REPLAY (unless `marked` is false: a co-op
 * client, whose server runs the game-over screen's decisions).
 */
export class GameView {
  readonly camera: Camera;
  readonly gameOver: GameOverView;
  /** Arena coordinates: the camera scales and centres it. */
  private readonly scene = new Container();
  private readonly arena: ArenaView;
  private readonly entities: EntityView;
  private readonly swarm: SwarmView;
  private readonly shots: BulletView;
  private readonly enemyShots: BulletView;
  private readonly effects: EffectsView;
  private readonly hud: Hud;
  private readonly banner = new BannerView();
  /** Where the ship aims. */
  private readonly reticle = new Graphics();
  /** Shown over a replay. */
  readonly replayMark: ReplayMark | null;

  constructor(
    private readonly app: Application,
    private readonly world: World,
    textures: GameTextures,
    kinds: KindTextures,
    gameOver: GameOverActions | null,
    marked = gameOver === null,
  ) {
    this.camera = new Camera(world.arena);
    this.arena = new ArenaView(world.arena, textures.floor);
    this.entities = new EntityView(kinds, textures.spark);
    this.swarm = new SwarmView(kinds);
    this.shots = new BulletView(textures.bullet, 1.4, 'add');
    this.enemyShots = new BulletView(textures.enemyBullet, 2, 'normal');
    this.effects = new EffectsView(textures.spark);
    this.hud = new Hud(textures);
    this.gameOver = new GameOverView(textures, gameOver);
    this.replayMark = marked ? new ReplayMark() : null;
    this.scene.addChild(this.arena.container, this.effects.under, this.entities.ground, this.swarm.container,
      this.entities.units, this.shots.container, this.enemyShots.container, this.effects.over, this.reticle);
    this.drawReticle();
    app.stage.addChild(this.scene, this.hud.container, this.banner.container, this.banner.hint, this.gameOver.container);
    if (this.replayMark) app.stage.addChild(this.replayMark.container);
    this.resize();
  }

  /** Takes the display off the stage and frees it; the textures stay (they are shared). A replay seeking back does this. */
  destroy(): void {
    for (const layer of [this.scene, this.hud.container, this.banner.container, this.banner.hint, this.gameOver.container]) {
      layer.destroy({ children: true });
    }
    this.replayMark?.container.destroy({ children: true });
  }

  /** Fits everything to the renderer's current size. */
  resize(): void {
    this.camera.fit(this.app.screen.width, this.app.screen.height);
    this.arena.layout(this.camera);
    this.hud.layout(this.camera);
    this.replayMark?.layout(this.camera);
  }

  /**
   * Where the named parts are drawn, in screen pixels of the canvas, for layout checks: the arena's visible part,
   * the HUD's groups, and, while shown, the REPLAY mark, the banner (PAUSED, a wave's) and the key hint.
   */
  boxes(): Record<string, ScreenBox> {
    const { camera, world } = this;
    const topLeft = camera.toScreen(0, 0);
    const bottomRight = camera.toScreen(world.arena.width, world.arena.height);
    const arena = {
      left: Math.max(0, topLeft.x),
      top: Math.max(0, topLeft.y),
      right: Math.min(camera.screenWidth, bottomRight.x),
      bottom: Math.min(camera.screenHeight, bottomRight.y),
    };
    const boxes: Record<string, ScreenBox> = { arena, ...this.hud.boxes() };
    const shown = { replayMark: this.replayMark?.container, banner: this.banner.container, hint: this.banner.hint };
    for (const [name, part] of Object.entries(shown)) {
      if (part === undefined || !part.visible) continue;
      const { minX, minY, maxX, maxY } = part.getBounds();
      boxes[name] = { left: minX, top: minY, right: maxX, bottom: maxY };
    }
    return boxes;
  }

  private drawReticle(): void {
    const r = this.reticle;
    r.circle(0, 0, 13).stroke({ width: 2, color: 0xb2fff7, alpha: 0.85 });
    for (const [x, y] of [[1, 0], [-1, 0], [0, 1], [0, -1]] as const) {
      r.moveTo(x * 8, y * 8).lineTo(x * 19, y * 19).stroke({ width: 2, color: 0xb2fff7, alpha: 0.85 });
    }
    r.circle(0, 0, 2).fill(0xffffff);
  }

  /** Draws the world as of now and renders the frame. */
  render(engine: TickClock, stats: HudStats, realMs: number): void {
    if (this.app.screen.width !== this.camera.screenWidth || this.app.screen.height !== this.camera.screenHeight) this.resize();
    const moment = momentOf(engine);
    const world = this.world;
    this.effects.play(world.takeEvents());
    const shake = this.effects.update(moment);
    this.scene.position.set(this.camera.x + shake.x * this.camera.scale, this.camera.y + shake.y * this.camera.scale);
    this.scene.scale.set(this.camera.scale);
    this.entities.update(world, moment);
    this.swarm.update(world, moment);
    this.shots.update(world.shots, moment);
    this.enemyShots.update(world.enemyShots, moment);
    this.reticle.position.set(world.input.aimX, world.input.aimY);
    this.reticle.visible = !world.gameOver && world.player?.alive === true;
    this.hud.update(world, stats, this.camera, realMs);
    this.banner.update(world, moment, this.camera, stats.paused);
    this.gameOver.update(world, this.camera);
    this.app.render();
  }
}

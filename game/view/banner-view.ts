import { Container, Text } from 'pixi.js';
import type { World } from '../sim/world.ts';
import type { Camera } from './camera.ts';
import type { Moment } from './moment.ts';

const FONT = 'Verdana, "DejaVu Sans", sans-serif';

/** The big centred message: the director's wave banners, and PAUSED. */
export class BannerView {
  readonly container = new Container();
  private readonly title = new Text({
    text: '',
    anchor: 0.5,
    style: { fontFamily: FONT, fontSize: 64, fontWeight: '900', fill: 0xe8f4ff, letterSpacing: 6, stroke: { color: 0x0a0d16, width: 10 },
      dropShadow: { color: 0x27e0d0, alpha: 0.6, blur: 12, distance: 0 } },
  });
  private readonly detail = new Text({
    text: '',
    anchor: 0.5,
    style: { fontFamily: FONT, fontSize: 18, fontWeight: '700', fill: 0xffc640, letterSpacing: 3, stroke: { color: 0x0a0d16, width: 6 } },
  });

  /** The controls, shown while the first wave is announced and while paused. */
  readonly hint = new Text({
    text: 'WASD / ARROWS  move     MOUSE  aim     CLICK / SPACE  fire     SHIFT / RIGHT CLICK  dash     P  pause     R  restart     K  save     `  inspector',
    anchor: { x: 0.5, y: 1 },
    style: { fontFamily: FONT, fontSize: 13, fontWeight: '700', fill: 0xc8d6ee, letterSpacing: 1, stroke: { color: 0x0a0d16, width: 5 } },
  });

  constructor() {
    this.container.addChild(this.title, this.detail);
  }

  update(world: World, moment: Moment, camera: Camera, paused: boolean): void {
    const bottom = camera.toScreen(world.arena.width / 2, world.arena.height - 18);
    this.hint.position.set(bottom.x, bottom.y);
    this.hint.scale.set(Math.min(1, (world.arena.width * camera.scale * 0.8) / this.hint.getLocalBounds().width));
    this.hint.visible = !world.gameOver && (paused || (world.wave === world.firstWave && world.banner !== null));
    const banner = paused ? { text: 'PAUSED', detail: 'PRESS P TO RESUME', since: -Infinity } : world.banner;
    this.container.visible = banner !== null && !world.gameOver;
    if (!banner) return;
    if (this.title.text !== banner.text) this.title.text = banner.text;
    if (this.detail.text !== banner.detail) this.detail.text = banner.detail;
    const age = moment.time - banner.since;
    const t = Math.min(1, Math.max(0, age / 0.3));
    const centre = camera.toScreen(world.arena.width / 2, world.arena.height * 0.3);
    const size = Math.min(1, camera.screenWidth / 900);
    this.container.position.set(centre.x, centre.y);
    this.title.scale.set(size * (1.6 - 0.6 * (1 - (1 - t) ** 3)));
    this.title.alpha = t;
    this.detail.position.set(0, 58 * size);
    this.detail.scale.set(size);
    this.detail.alpha = Math.min(1, Math.max(0, (age - 0.2) / 0.3));
  }
}

import { Container, FillGradient, Graphics, TilingSprite, type Texture } from 'pixi.js';
import type { Arena } from '../sim/world.ts';
import type { Camera } from './camera.ts';

/** The floor: deck tiles across the whole window, the space outside the arena dimmed, a glowing rim around it. */
export class ArenaView {
  readonly container = new Container();
  private readonly floor: TilingSprite;
  private readonly shade = new Graphics();
  private readonly rim = new Graphics();
  /** Darkens the arena toward its edges, so the middle reads as lit. */
  private readonly vignette = new Graphics();

  constructor(private readonly arena: Arena, floor: Texture) {
    this.floor = new TilingSprite({ texture: floor, width: arena.width, height: arena.height });
    this.container.addChild(this.floor, this.vignette, this.shade, this.rim);
    this.drawVignette();
    this.drawRim();
  }

  /** Covers the window at the camera's current fit. */
  layout(camera: Camera): void {
    const topLeft = camera.toArena(0, 0);
    const bottomRight = camera.toArena(camera.screenWidth, camera.screenHeight);
    const pad = 64;
    this.floor.position.set(topLeft.x - pad, topLeft.y - pad);
    this.floor.width = bottomRight.x - topLeft.x + 2 * pad;
    this.floor.height = bottomRight.y - topLeft.y + 2 * pad;
    this.floor.tilePosition.set(-this.floor.x, -this.floor.y);
    const { width, height } = this.arena;
    const left = topLeft.x - pad;
    const top = topLeft.y - pad;
    const right = bottomRight.x + pad;
    const bottom = bottomRight.y + pad;
    this.shade.clear()
      .rect(left, top, right - left, -top)
      .rect(left, height, right - left, bottom - height)
      .rect(left, 0, -left, height)
      .rect(width, 0, right - width, height)
      .fill({ color: 0x03050b, alpha: 0.72 });
  }

  private drawVignette(): void {
    const gradient = new FillGradient({
      type: 'radial',
      center: { x: 0.5, y: 0.5 },
      innerRadius: 0,
      outerCenter: { x: 0.5, y: 0.5 },
      outerRadius: 0.72,
      colorStops: [
        { offset: 0, color: 'rgba(39, 224, 208, 0.06)' },
        { offset: 0.55, color: 'rgba(0, 0, 0, 0)' },
        { offset: 1, color: 'rgba(0, 0, 0, 0.4)' },
      ],
      textureSpace: 'local',
    });
    this.vignette.rect(0, 0, this.arena.width, this.arena.height).fill(gradient);
  }

  private drawRim(): void {
    const { width, height } = this.arena;
    this.rim
      .rect(-6, -6, width + 12, height + 12).stroke({ width: 10, color: 0x27e0d0, alpha: 0.08 })
      .rect(-2, -2, width + 4, height + 4).stroke({ width: 3, color: 0x27e0d0, alpha: 0.55 })
      .rect(0, 0, width, height).stroke({ width: 1, color: 0xb2fff7, alpha: 0.7 });
    const corner = 36;
    for (const [x, y, sx, sy] of [[0, 0, 1, 1], [width, 0, -1, 1], [0, height, 1, -1], [width, height, -1, -1]] as const) {
      this.rim.moveTo(x, y + sy * corner).lineTo(x, y).lineTo(x + sx * corner, y)
        .stroke({ width: 5, color: 0xe040c8, alpha: 0.9, cap: 'square' });
    }
  }
}

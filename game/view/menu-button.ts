import { Container, Graphics, Text } from 'pixi.js';

const FONT = 'Verdana, "DejaVu Sans", sans-serif';
const WIDTH = 260;
const HEIGHT = 60;

/**
 * A button drawn in the canvas, as the game-over screen's: a rounded face that lights up under the pointer, and a
 * label. `container` is what a test or a player clicks.
 *
 * @example
 * ```ts
 * const restart = new MenuButton('RESTART  [R]', () => world.requestRestart());
 * screen.addChild(restart.container);
 * ```
 */
export class MenuButton {
  readonly container = new Container({ eventMode: 'static', cursor: 'pointer' });
  private readonly face = new Graphics();
  private hovered = false;

  constructor(label: string, onTap: () => void) {
    const text = new Text({
      text: label, anchor: 0.5,
      style: { fontFamily: FONT, fontSize: 22, fontWeight: '900', fill: 0x071018, letterSpacing: 2 },
    });
    this.container.addChild(this.face, text);
    this.container.on('pointertap', onTap);
    this.container.on('pointerover', () => { this.hovered = true; this.draw(); });
    this.container.on('pointerout', () => { this.hovered = false; this.draw(); });
    this.draw();
  }

  private draw(): void {
    this.face.clear()
      .roundRect(-WIDTH / 2, -HEIGHT / 2, WIDTH, HEIGHT, 12).fill(this.hovered ? 0x7ffff2 : 0x27e0d0)
      .roundRect(-WIDTH / 2, -HEIGHT / 2, WIDTH, HEIGHT, 12).stroke({ width: 3, color: 0xb2fff7 });
  }
}

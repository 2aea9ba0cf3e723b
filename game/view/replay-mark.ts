import { Container, Graphics, Text } from 'pixi.js';
import type { Camera } from './camera.ts';

const FONT = 'Verdana, "DejaVu Sans", sans-serif';
/** Arena units between the arena's top-left corner and the mark. */
const INSET = 22;

/** "● REPLAY" in the arena's top-left corner: what is on screen is a recording playing, not the game. */
export class ReplayMark {
  readonly container = new Container();
  private readonly dot = new Graphics().circle(0, 0, 6).fill(0xff3050);
  private readonly label = new Text({
    text: 'REPLAY',
    anchor: { x: 0, y: 0.5 },
    style: { fontFamily: FONT, fontSize: 16, fontWeight: '900', fill: 0xff6a80, letterSpacing: 3, stroke: { color: 0x0a0d16, width: 5 } },
  });

  constructor() {
    this.label.position.set(12, 0);
    this.container.addChild(this.dot, this.label);
  }

  /** Places it for the camera's current fit. */
  layout(camera: Camera): void {
    const at = camera.toScreen(INSET, INSET);
    this.container.position.set(at.x + 6, at.y + 6);
  }
}

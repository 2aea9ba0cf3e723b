import { Container, Graphics, Sprite, Text } from 'pixi.js';
import type { World } from '../sim/world.ts';
import type { Camera } from './camera.ts';
import { MenuButton } from './menu-button.ts';
import type { GameTextures } from './textures.ts';

const FONT = 'Verdana, "DejaVu Sans", sans-serif';

/** What the game-over screen's buttons do. */
export interface GameOverActions {
  restart(): void;
  watchReplay(): void;
}

/**
 * The game-over screen: the logo, the final score and wave, a restart button (R does the same) and a button that
 * plays the run's recording; no buttons without actions (a replay shows the screen as it was, but cannot act).
 */
export class GameOverView {
  readonly container = new Container();
  /** The restart button: a test or a player clicks it. */
  readonly button: Container;
  /** The "watch replay" button. */
  readonly replayButton: Container;
  private readonly dim = new Graphics();
  private readonly logo: Sprite;
  private readonly title = new Text({
    text: 'GAME OVER', anchor: 0.5,
    style: { fontFamily: FONT, fontSize: 54, fontWeight: '900', fill: 0xff3a5c, letterSpacing: 6, stroke: { color: 0x0a0d16, width: 10 } },
  });
  private readonly summary = new Text({
    text: '', anchor: 0.5,
    style: { fontFamily: FONT, fontSize: 22, fontWeight: '700', fill: 0xe8f4ff, align: 'center', lineHeight: 34 },
  });
  /** The score the best was last worked out for. */
  private scored = Number.NaN;
  private best = 0;

  constructor(textures: GameTextures, actions: GameOverActions | null) {
    this.logo = new Sprite({ texture: textures.logo, anchor: 0.5 });
    this.button = new MenuButton('RESTART  [R]', () => actions?.restart()).container;
    this.replayButton = new MenuButton('WATCH REPLAY', () => actions?.watchReplay()).container;
    this.button.visible = this.replayButton.visible = actions !== null;
    this.container.addChild(this.dim, this.logo, this.title, this.summary, this.button, this.replayButton);
    this.container.visible = false;
  }

  update(world: World, camera: Camera): void {
    this.container.visible = world.gameOver;
    if (!world.gameOver) return;
    const { screenWidth: width, screenHeight: height } = camera;
    this.dim.clear().rect(0, 0, width, height).fill({ color: 0x03050b, alpha: 0.68 });
    const x = width / 2;
    const y = height / 2;
    this.logo.position.set(x, y - 170);
    this.title.position.set(x, y - 80);
    if (world.score !== this.scored) {
      this.scored = world.score;
      this.best = recordBest(world.score);
    }
    const summary = `SCORE  ${world.score.toLocaleString('en-US')}\nREACHED WAVE ${world.wave}     BEST  ${this.best.toLocaleString('en-US')}`;
    if (this.summary.text !== summary) this.summary.text = summary;
    this.summary.position.set(x, y);
    this.button.position.set(x - 140, y + 100);
    this.replayButton.position.set(x + 140, y + 100);
  }
}

const BEST_KEY = 'loom.best';

/** The best score so far on this browser, counting `score`; kept in localStorage when it is available. */
function recordBest(score: number): number {
  try {
    const best = Math.max(score, Number(localStorage.getItem(BEST_KEY)) || 0);
    localStorage.setItem(BEST_KEY, String(best));
    return best;
  } catch {
    return score;
  }
}

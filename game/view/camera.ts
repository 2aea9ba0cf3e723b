import type { Point } from '../sim/geometry.ts';
import type { Arena } from '../sim/world.ts';

/** Screen pixels kept free above the arena for the HUD. */
export const HUD_HEIGHT = 64;
/**
 * Screen pixels kept free below the arena for the page's bars (the save bar, a replay's controls): they sit in
 * this band, so they never cover the arena.
 */
export const FOOTER_HEIGHT = 48;
const MARGIN = 16;

/**
 * Where the arena sits on the screen: scaled to fit the window between the HUD and the footer band, centred. The view and the input
 * layer share it, so a click lands where the player sees it.
 */
export class Camera {
  scale = 1;
  x = 0;
  y = 0;
  screenWidth = 0;
  screenHeight = 0;

  constructor(private readonly arena: Arena) {}

  /** Fits the arena to a screen of the given size, in CSS pixels. */
  fit(width: number, height: number): void {
    this.screenWidth = width;
    this.screenHeight = height;
    const room = { width: Math.max(1, width - 2 * MARGIN), height: Math.max(1, height - HUD_HEIGHT - FOOTER_HEIGHT) };
    this.scale = Math.min(room.width / this.arena.width, room.height / this.arena.height);
    this.x = (width - this.arena.width * this.scale) / 2;
    this.y = HUD_HEIGHT + (room.height - this.arena.height * this.scale) / 2;
  }

  /** The arena point under a screen point. */
  toArena(screenX: number, screenY: number): Point {
    return { x: (screenX - this.x) / this.scale, y: (screenY - this.y) / this.scale };
  }

  /** The screen point of an arena point. */
  toScreen(x: number, y: number): Point {
    return { x: this.x + x * this.scale, y: this.y + y * this.scale };
  }
}

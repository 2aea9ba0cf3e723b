import { Application } from 'pixi.js';
import './stage.css';

/**
 * Mounts the element a game view fills: the window, less the side a docked inspector takes (the inspector sets
 * `--loom-dock-left` and `--loom-dock-right`, then fires a window resize, which pixi's `resizeTo` listens for).
 * The live game and a replay each draw in one, so both shrink beside the panel rather than under it.
 *
 * @example
 * ```ts
 * const stage = mountStage(document.body);
 * await app.init({ resizeTo: stage });
 * stage.append(app.canvas);
 * ```
 */
export function mountStage(parent: HTMLElement): HTMLElement {
  const stage = document.createElement('div');
  stage.className = 'loom-stage';
  parent.append(stage);
  return stage;
}

/**
 * Starts the pixi application that fills `stage`, its canvas added: WebGL, the arena's background, antialiased, at
 * the screen's density (at most 2), and not ticking by itself: the game's, the replay's or co-op's frame loop renders.
 *
 * @example
 * ```ts
 * const app = await startCanvas(mountStage(document.body));
 * ```
 */
export async function startCanvas(stage: HTMLElement): Promise<Application> {
  const app = new Application();
  await app.init({
    preference: 'webgl',
    resizeTo: stage,
    background: 0x05070d,
    antialias: true,
    autoDensity: true,
    resolution: Math.min(2, window.devicePixelRatio || 1),
    autoStart: false,
  });
  stage.appendChild(app.canvas);
  return app;
}

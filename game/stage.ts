import { Application } from 'pixi.js';
import './stage.css';

/** A stage and the pixi application drawing in it: what the live game, a replay and co-op each start from. */
export interface GameStage {
  stage: HTMLElement;
  app: Application;
}

/**
 * Mounts a stage and a WebGL pixi application that fills it, ticked by its caller (`autoStart: false`). The stage
 * is the window less the side a docked inspector takes (the inspector sets `--loom-dock-left` and
 * `--loom-dock-right`, then fires a window resize, which pixi's `resizeTo` listens for), so the live game, a replay
 * and co-op each shrink beside the panel rather than under it.
 *
 * @example
 * ```ts
 * const { stage, app } = await mountGameStage(document.body);
 * app.render();
 * ```
 */
export async function mountGameStage(parent: HTMLElement): Promise<GameStage> {
  const stage = document.createElement('div');
  stage.className = 'loom-stage';
  parent.append(stage);
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
  return { stage, app };
}

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

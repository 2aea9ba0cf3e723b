import { Application } from 'pixi.js';
import { Engine, type FrameSource, type Thread } from 'loom';
import type { GameConfig } from './config.ts';
import { bindInput } from './input.ts';
import { hotScripts } from './hot-scripts.ts';
import { GameLoop } from './loop.ts';
import { drill } from './scripts/drill.ts';
import { game } from './scripts/game.ts';
import type { Kind } from './sim/kind.ts';
import { World } from './sim/world.ts';
import { GameView } from './view/game-view.ts';
import { loadKindTextures } from './view/kind-textures.ts';
import { loadTextures } from './view/textures.ts';
import { gameWatchdog } from './watchdog.ts';

/**
 * A running game, for the inspector overlay and for tests (it is `window.loom`): the engine and the world, the
 * pixi application, and where to find the threads of what is under the mouse.
 */
export interface GameHandle {
  engine: Engine;
  world: World;
  app: Application;
  canvas: HTMLCanvasElement;
  view: GameView;
  loop: GameLoop;
  config: GameConfig;
  /** The threads of the entity under a point of the page (client pixels), e.g. a click: [] if none. */
  threadsAt(clientX: number, clientY: number): Thread[];
  /** Where an arena point is on the page, in client pixels (as the camera places it, without the shake). */
  worldToClient(x: number, y: number): { x: number; y: number };
  /** Cancels the run and starts a new one (the R key and the restart button). */
  restart(): void;
  /** Starts the fault drill (game/scripts/drill.ts): a child thread that fails three sub-scripts deep. */
  drill(): Thread;
  /**
   * Loads a new kind's art and registers the kind: from the next ordinary wave on, the director sends it. It is
   * for trying a kind from the console, and for the browser test of docs/add-an-entity.md; a kind the game always
   * has belongs in game/scripts/kinds.ts. Rejects a name already registered.
   */
  addKind(kind: Kind): Promise<void>;
}

const browserFrames: FrameSource = {
  request: (callback) => requestAnimationFrame(callback),
  cancel: (id) => cancelAnimationFrame(id),
  now: () => performance.now(),
};

/**
 * Starts the game in `parent`: the engine at 60 ticks a second running the game script, a WebGL pixi
 * application filling the window (less the side a docked inspector takes), the view following the world, and the
 * input and frame loop wired up.
 *
 * @example
 * ```ts
 * const handle = await startGame(parseConfig(location.search), document.body);
 * ```
 */
export async function startGame(config: GameConfig, parent: HTMLElement): Promise<GameHandle> {
  // Call sites cost little enough to keep in the build too (docs/stack-traces.md); waits only while developing.
  const engine = new Engine({
    tickRate: 60,
    seed: config.seed,
    watchdog: gameWatchdog(config),
    callSites: import.meta.env.DEV ? 'waits' : 'frames',
    hotReload: import.meta.hot !== undefined,
  });
  if (import.meta.hot) hotScripts.attach(engine);
  const world = new World(engine, { swarm: config.swarm, firstWave: config.wave });
  engine.spawn(game, world);

  // The view fills the window but for the room a docked inspector takes (it sets the two variables, then fires a
  // window resize, which pixi's resizeTo listens for).
  const stage = document.createElement('div');
  stage.style.cssText = 'position: fixed; top: 0; bottom: 0; left: var(--loom-dock-left, 0px); right: var(--loom-dock-right, 0px);';
  parent.appendChild(stage);
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
  const textures = await loadTextures();
  const kindTextures = await loadKindTextures(world.kinds.all);
  const restart = (): void => world.requestRestart();
  const view = new GameView(app, world, textures, kindTextures, restart);

  let frameMs = 16.7;
  let scriptMs = 0;
  const loop = new GameLoop(engine, browserFrames, (frame) => {
    if (frame.frameMs > 0) frameMs += (Math.min(frame.frameMs, 250) - frameMs) * 0.1;
    scriptMs += (frame.scriptMs - scriptMs) * 0.1;
    view.render(engine, { threads: engine.threadCount, idleThreads: world.idleThreads, frameMs, scriptMs, paused: loop.paused, seed: config.seed, dropped: loop.dropped }, performance.now());
  });
  bindInput(app.canvas, world.input, view.camera, { togglePause: () => loop.togglePause(), restart });
  document.addEventListener('visibilitychange', () => loop.setHidden(document.hidden));
  loop.start();

  return {
    engine, world, app, canvas: app.canvas, view, loop, config, restart,
    drill: () => engine.spawn(drill),
    threadsAt(clientX, clientY) {
      const box = app.canvas.getBoundingClientRect();
      const at = view.camera.toArena(clientX - box.left, clientY - box.top);
      return world.threadsAt(at.x, at.y);
    },
    async addKind(kind) {
      if (world.kinds.has(kind.name)) throw new Error(`a kind named '${kind.name}' is already registered`);
      await kindTextures.load(kind);
      world.kinds.register(kind);
    },
    worldToClient(x, y) {
      const box = app.canvas.getBoundingClientRect();
      const at = view.camera.toScreen(x, y);
      return { x: box.left + at.x, y: box.top + at.y };
    },
  };
}

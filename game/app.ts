import type { Application } from 'pixi.js';
import type { Engine, FrameSource, Recorder, Recording, Thread } from 'loom-threads';
import type { InspectorHandle } from 'loom-threads/inspector';
import type { GameConfig } from './config.ts';
import { bindInput } from './input.ts';
import { withRestartedThrows } from './hot-errors.ts';
import { hotScripts } from './scripts/hot-modules.ts';
import { GameLoop } from './loop.ts';
import { startReplay, type ReplayHandle } from './replay-app.ts';
import { drill } from './scripts/drill.ts';
import { rerunWithNewCode } from './rerun.ts';
import { mountStage, startCanvas } from './stage.ts';
import { recordGame } from './headless/session.ts';
import type { Kind } from './sim/kind.ts';
import type { GameSimulation } from './headless/simulation.ts';
import type { World } from './sim/world.ts';
import { GameView } from './view/game-view.ts';
import { loadKindTextures } from './view/kind-textures.ts';
import { loadTextures } from './view/textures.ts';
import { gameWatchdog } from './watchdog.ts';

/**
 * A running game, for the inspector overlay and for tests (it is `window.loom`): the recorder it runs through, the
 * engine and the world, the pixi application, and where to find the threads of what is under the mouse.
 */
export interface GameHandle {
  /**
   * Everything the player does reaches the game through it: `recorder.recording()` is a save, and
   * `startGame(config, parent, { from: recorder })` carries a game on from one (docs/save-and-restore.md).
   */
  recorder: Recorder<GameSimulation>;
  /** `recorder.sim.engine`. */
  engine: Engine;
  /** `recorder.sim.world`. */
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
  /** Cancels the run and starts a new one (the R key and the restart button), through the recorder. */
  restart(): void;
  /**
   * Plays the recording so far over the game, which stops meanwhile (the game-over screen's "watch replay");
   * "back to game" or Escape closes it and the game carries on exactly where it stopped.
   */
  watchReplay(): Promise<ReplayHandle>;
  /**
   * Time travel: the replay of the run so far, paused and sought to where the game is, so the timeline can scrub
   * back, step, and resume live play from any tick (the inspector's "rewind"). The inspector shows the game until
   * the replay is there, so its selected thread stays selected.
   */
  rewind(): Promise<ReplayHandle>;
  /** The page's inspector, if one is mounted: a replay over the game shows itself in it, with its timeline. */
  inspector: InspectorHandle | null;
  /** Ends the game and removes it from the page: its frame loop, input, watchdog, canvas and any replay over it. */
  destroy(): void;
  /** Starts the fault drill (game/scripts/drill.ts): a child thread that fails three sub-scripts deep. */
  drill(): Thread;
  /**
   * Loads a new kind's art and registers the kind: from the next ordinary wave on, the director sends it. It is
   * for trying a kind from the console, and for the browser test of docs/add-an-entity.md; a kind the game always
   * has belongs in game/scripts/kinds.ts. Rejects a name already registered.
   */
  addKind(kind: Kind): Promise<void>;
}

/** Options of {@link startGame}. */
export interface StartOptions {
  /** Carries on from this recorder (a restored save, or a branch of one) instead of starting a new game. */
  from?: Recorder<GameSimulation>;
  /** What the save key (K) does. */
  onSave?: () => void;
  /** What the timeline's "resume live from here" does with the recording cut there (default: see startReplay). */
  onResume?: (branched: Recording) => void;
}

// The game-over button has no one to hand a replay that would not start: it is reported, and the game carries on.
function reportReplayError(error: unknown): void {
  console.error('[loom] the replay could not start:', error);
}

/** Under `npm start` an edit of a script restarts the threads running it (docs/hot-reload.md). */
const HOT = import.meta.hot !== undefined;

const browserFrames: FrameSource = {
  request: (callback) => requestAnimationFrame(callback),
  cancel: (id) => cancelAnimationFrame(id),
  now: () => performance.now(),
};

/**
 * Starts the game in `parent`: the engine at 60 ticks a second running the game script under a recorder (or
 * carrying on `options.from`), a WebGL pixi application filling the window (less the side a docked inspector
 * takes), the view following the world, and the input and frame loop wired up. Every tick, pause and restart goes
 * through the recorder, so the game can be saved at any moment.
 *
 * @example
 * ```ts
 * const handle = await startGame(parseConfig(location.search), document.body);
 * const again = await startGame(config, document.body, { from: restore(recording, createGameSimulation) });
 * ```
 */
export async function startGame(config: GameConfig, parent: HTMLElement, options: StartOptions = {}): Promise<GameHandle> {
  const recorder = options.from ?? recordGame({ seed: config.seed, swarm: config.swarm, wave: config.wave, hotReload: HOT }).recorder;
  const { engine, world } = recorder.sim;
  // Set here, not when the engine is made, so a restore re-simulates without them. Call sites cost little enough
  // to keep in the build too (docs/stack-traces.md); waits only while developing. Neither changes what a tick does.
  engine.callSites = import.meta.env.DEV ? 'waits' : 'frames';
  engine.watchdog = gameWatchdog(config) ?? null;
  if (import.meta.hot) engine.onError = withRestartedThrows(engine.onError);
  const detachHot = import.meta.hot ? hotScripts.attach(engine) : () => {};
  const stopRerun = import.meta.hot && config.rerun ? hotScripts.onUpdate(() => void rerunWithNewCode(recorder.recording())) : () => {};

  const stage = mountStage(parent);
  const app = await startCanvas(stage);
  const textures = await loadTextures();
  const kindTextures = await loadKindTextures(world.kinds.all);
  const restart = (): void => void recorder.emit(world.restartRequested);
  const view = new GameView(app, world, textures, kindTextures, { restart, watchReplay: () => void watchReplay(false).catch(reportReplayError) });

  let frameMs = 16.7;
  let scriptMs = 0;
  const loop = new GameLoop(recorder, browserFrames, (frame) => {
    if (frame.frameMs > 0) frameMs += (Math.min(frame.frameMs, 250) - frameMs) * 0.1;
    scriptMs += (frame.scriptMs - scriptMs) * 0.1;
    view.render(engine, { threads: engine.threadCount, idleThreads: world.idleThreads, frameMs, scriptMs, paused: loop.paused, seed: config.seed, dropped: loop.dropped }, performance.now());
  });
  const actions = { togglePause: () => loop.togglePause(), restart, save: () => options.onSave?.() };
  let unbind = bindInput(app.canvas, world.input, view.camera, actions);
  const onVisibility = (): void => loop.setHidden(document.hidden);
  document.addEventListener('visibilitychange', onVisibility);
  loop.start();

  // While a replay plays over it, the game neither runs nor hears the keys (they belong to the replay's controls).
  let replay: Promise<ReplayHandle> | null = null;
  let watched: ReplayHandle | null = null;
  const resume = (): void => {
    stage.hidden = false;
    unbind = bindInput(app.canvas, world.input, view.camera, actions);
    loop.start();
  };
  const closeReplay = (): void => {
    void replay?.then((shown) => shown.close());
    replay = null;
    watched = null;
  };
  // `atEnd`: opened paused where the game is (time travel), rather than playing from the start.
  const watchReplay = (atEnd: boolean): Promise<ReplayHandle> => {
    if (replay !== null) return replay;
    loop.stop();
    unbind();
    stage.hidden = true;
    const onBack = (): void => {
      closeReplay();
      resume();
    };
    const recording = recorder.recording();
    const at = atEnd ? recording.ticks : undefined;
    replay = startReplay(recording, parent, { onBack, inspector: handle.inspector ?? undefined, resume: options.onResume, at });
    replay.then(
      (shown) => (watched = shown),
      () => {
        replay = null;
        resume();
      },
    );
    return replay;
  };
  const rewind = (): Promise<ReplayHandle> => watchReplay(true);

  const handle: GameHandle = {
    recorder, engine, world, app, canvas: app.canvas, view, loop, config, restart, watchReplay: () => watchReplay(false), rewind,
    inspector: null,
    drill: () => recorder.spawn(drill),
    destroy() {
      loop.stop();
      unbind();
      document.removeEventListener('visibilitychange', onVisibility);
      closeReplay();
      detachHot();
      stopRerun();
      const watchdog = engine.watchdog;
      engine.watchdog = null;
      watchdog?.stop();
      app.destroy({ removeView: true }, { children: true });
      stage.remove();
    },
    threadsAt(clientX, clientY) {
      if (watched !== null) return watched.threadsAt(clientX, clientY);
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
  return handle;
}

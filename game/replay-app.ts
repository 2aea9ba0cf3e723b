import { Application } from 'pixi.js';
import { Playback, Replayer, decodeRecording, type Engine, type Recording, type Thread } from 'loom';
import { mountReplayControls } from './replay-controls.ts';
import { createGameSimulation } from './sim/simulation.ts';
import type { World } from './sim/world.ts';
import { GameView } from './view/game-view.ts';
import { loadKindTextures } from './view/kind-textures.ts';
import { loadTextures } from './view/textures.ts';

/** A replay being watched (it is `window.loomReplay`): the playback, and the engine and world it re-runs. */
export interface ReplayHandle {
  playback: Playback;
  engine: Engine;
  world: World;
  app: Application;
  /** The threads of the entity under a point of the page (client pixels), for the inspector. */
  threadsAt(clientX: number, clientY: number): Thread[];
  /** Stops the replay and removes its canvas and controls. */
  close(): void;
}

/**
 * Fetches a recording (a same-origin URL under the game's strict CSP, docs/csp.md) and decodes it. A bad recording is a RecordingError
 * that says what is wrong (truncated, corrupted, an older format).
 */
export async function loadRecording(url: string): Promise<Recording> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load the recording ${url}: ${response.status} ${response.statusText}`);
  return decodeRecording(new Uint8Array(await response.arrayBuffer()));
}

/**
 * Plays a recording of the sample game in `parent`: the same view as the game, driven by a {@link Playback}
 * instead of the player, with its controls below (pause, 1x, 4x, step, and "back to game" with `onBack`).
 *
 * @example
 * ```ts
 * const handle = await startReplay(await loadRecording('run.loomrec'), document.body);
 * const watched = await startReplay(recorder.recording(), document.body, () => watched.close());
 * ```
 */
export async function startReplay(recording: Recording, parent: HTMLElement, onBack?: () => void): Promise<ReplayHandle> {
  // Verified as it plays: a replay that leaves its recording says so (see the controls).
  const playback = new Playback(new Replayer(recording, (setup) => createGameSimulation(setup), { verify: true }));
  const { engine, world } = playback.replayer.sim;
  const app = new Application();
  await app.init({
    preference: 'webgl',
    resizeTo: window,
    background: 0x05070d,
    antialias: true,
    autoDensity: true,
    resolution: Math.min(2, window.devicePixelRatio || 1),
    autoStart: false,
  });
  parent.appendChild(app.canvas);
  const view = new GameView(app, world, await loadTextures(), await loadKindTextures(world.kinds.all), null);
  const controls = mountReplayControls(playback, parent, onBack);
  let last: number | null = null;
  let frameMs = 16.7;
  let scriptMs = 0;
  const frame = (now: number): void => {
    const elapsed = last === null ? 0 : now - last;
    last = now;
    const start = performance.now();
    playback.advance(elapsed / 1000);
    scriptMs += (performance.now() - start - scriptMs) * 0.1;
    if (elapsed > 0) frameMs += (Math.min(elapsed, 250) - frameMs) * 0.1;
    const stats = { threads: engine.threadCount, idleThreads: world.idleThreads, frameMs, scriptMs, paused: playback.paused, seed: recording.header.seed, dropped: 0 }; // a replay slows down, it never skips a tick
    view.render(engine, stats, performance.now());
    controls.update();
    id = requestAnimationFrame(frame);
  };
  let id = requestAnimationFrame(frame);
  const threadsAt = (clientX: number, clientY: number): Thread[] => {
    const box = app.canvas.getBoundingClientRect();
    const at = view.camera.toArena(clientX - box.left, clientY - box.top);
    return world.threadsAt(at.x, at.y);
  };
  const close = (): void => {
    cancelAnimationFrame(id);
    controls.remove();
    app.destroy({ removeView: true }, { children: true });
  };
  return { playback, engine, world, app, threadsAt, close };
}

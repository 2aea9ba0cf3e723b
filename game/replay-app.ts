import type { Application } from 'pixi.js';
import { Playback, Replayer, decodeRecording, type Engine, type Recording, type Thread } from 'loom-threads';
import { attachInspector, mountTimeline, type InspectorHandle } from 'loom-threads/inspector';
import { mountReplayControls } from './replay-controls.ts';
import { ReplayTimeTravel } from './replay-time-travel.ts';
import { resumeLive } from './resume-live.ts';
import { lastSave } from './save-store.ts';
import { mountStage, startCanvas } from './stage.ts';
import { createGameSimulation, type GameSimulation } from './headless/simulation.ts';
import type { World } from './sim/world.ts';
import { GameView } from './view/game-view.ts';
import { loadKindTextures } from './view/kind-textures.ts';
import { loadTextures } from './view/textures.ts';

/** What the inspector says while no thread is selected: in the game, a click on an entity picks its threads. */
export const PICK_HINT = 'Select a thread in the list or the top list, or click an entity in the game.';

/** Re-simulation time per frame while a seek runs, ms: the rest of the frame keeps the page responsive. */
const SEEK_SLICE_MS = 12;

/**
 * A replay being watched (it is `window.loomReplay`): the playback, the engine and world it re-runs now (a seek
 * back rebuilds them), its time travel and the inspector showing it.
 */
export interface ReplayHandle {
  playback: Playback<GameSimulation>;
  readonly engine: Engine;
  readonly world: World;
  travel: ReplayTimeTravel<GameSimulation>;
  inspector: InspectorHandle;
  app: Application;
  /** The view drawing the replay's world now (a seek back rebuilds it). */
  readonly view: GameView;
  /** The threads of the entity under a point of the page (client pixels), for the inspector. */
  threadsAt(clientX: number, clientY: number): Thread[];
  /** Stops the replay and removes its canvas and controls; a borrowed inspector goes back as it was. */
  close(): void;
}

/** Options of {@link startReplay}. */
export interface ReplayOptions {
  /** Shows a "back to game" button (and Escape) that calls this. */
  onBack?: () => void;
  /**
   * The page's inspector, borrowed while the replay shows: it inspects the replay with the timeline at its foot,
   * and `close` gives it back. Without one, the replay mounts its own.
   */
  inspector?: InspectorHandle;
  /** What the timeline's "resume live from here" does with the recording cut there. Default {@link resumeLive}. */
  resume?: (branched: Recording) => void;
  /**
   * Opens paused at this tick, sought before anything is shown. Meanwhile a borrowed inspector goes on showing the
   * page's engine, so a thread selected there is still selected (the same id) once the replay is at the tick.
   */
  at?: number;
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

/** The last save kept in this browser (`?replay=local`): a single-player save or a co-op room's. */
export function lastRecording(): Recording {
  const bytes = lastSave();
  if (bytes === null) throw new Error('there is no save in this browser');
  return decodeRecording(bytes);
}

/**
 * Plays a recording of the sample game in `parent`: the same view as the game (beside a docked inspector, marked
 * REPLAY), driven by a {@link Playback} instead of the player, with its controls below (pause, 1x, 4x, step, and
 * "back to game" with `onBack`) and the inspector, whose timeline seeks to any tick and resumes live play from there.
 *
 * @example
 * ```ts
 * const handle = await startReplay(await loadRecording('run.loomrec'), document.body);
 * const watched = await startReplay(recorder.recording(), document.body, { onBack: () => watched.close(), inspector });
 * ```
 */
export async function startReplay(recording: Recording, parent: HTMLElement, options: ReplayOptions = {}): Promise<ReplayHandle> {
  // Verified as it plays: a replay that leaves its recording says so (see the controls).
  const playback = new Playback(new Replayer(recording, (setup) => createGameSimulation(setup), { verify: true }));
  const stage = mountStage(parent);
  const app = await startCanvas(stage);
  const textures = await loadTextures();
  const kinds = await loadKindTextures(playback.replayer.sim.world.kinds.all);
  const viewOf = (world: World): GameView => new GameView(app, world, textures, kinds, null);
  let view = viewOf(playback.replayer.sim.world);
  let world = playback.replayer.sim.world;
  const travel = new ReplayTimeTravel(playback, {
    now: () => performance.now(),
    shown: (replayer) => {
      if (replayer.sim.world !== world) {
        view.destroy();
        world = replayer.sim.world;
        view = viewOf(world);
      }
      world.takeEvents(); // the effects of the ticks sought are past
      inspector.handle.setEngine(replayer.sim.engine);
    },
    resume: options.resume ?? ((branched) => resumeLive(branched)),
  });
  const controls = mountReplayControls(playback, stage, () => travel.step(), options.onBack);
  const timeline = mountTimeline(travel);
  // While a seek runs, the world is not the one on screen: nothing there to pick.
  const threadsAt = (clientX: number, clientY: number): Thread[] => {
    if (travel.seeking !== null) return [];
    const box = app.canvas.getBoundingClientRect();
    const at = view.camera.toArena(clientX - box.left, clientY - box.top);
    return world.threadsAt(at.x, at.y);
  };
  if (options.at !== undefined) travel.seekTo(options.at);
  // Sought first, the replay's engine is shown once the seek is done (see `shown`).
  const inspector = borrowInspector(options.inspector, playback.replayer.sim.engine, parent, threadsAt, timeline.element, options.at === undefined);
  let last: number | null = null;
  let frameMs = 16.7;
  let scriptMs = 0;
  const frame = (now: number): void => {
    id = requestAnimationFrame(frame);
    const elapsed = last === null ? 0 : now - last;
    last = now;
    // While a seek runs nothing is drawn: the frame is the seek's, and the picture stays the last one shown.
    const seeking = travel.runSlice(SEEK_SLICE_MS);
    timeline.update();
    controls.update();
    if (seeking) return;
    const engine = playback.replayer.sim.engine;
    const start = performance.now();
    playback.advance(elapsed / 1000);
    scriptMs += (performance.now() - start - scriptMs) * 0.1;
    if (elapsed > 0) frameMs += (Math.min(elapsed, 250) - frameMs) * 0.1;
    const stats = { threads: engine.threadCount, idleThreads: world.idleThreads, frameMs, scriptMs, paused: playback.paused, seed: recording.header.seed, dropped: 0 }; // a replay slows down, it never skips a tick
    view.render(engine, stats, performance.now());
  };
  let id = requestAnimationFrame(frame);
  return {
    playback,
    get engine() {
      return playback.replayer.sim.engine;
    },
    get world() {
      return world;
    },
    travel,
    inspector: inspector.handle,
    app,
    get view() {
      return view;
    },
    threadsAt,
    close() {
      cancelAnimationFrame(id);
      controls.remove();
      inspector.giveBack();
      app.destroy({ removeView: true }, { children: true });
      stage.remove();
    },
  };
}

/**
 * The inspector a replay shows itself in: the page's, with the timeline at its foot, switched to the replay now or
 * (`switchNow` false) once a seek shows it, and switched back by `giveBack`; or one of its own (removed by `giveBack`).
 * What the page set meanwhile (another game's engine and footer, after "resume live from here") is left as it is.
 */
function borrowInspector(
  borrowed: InspectorHandle | undefined,
  engine: Engine,
  parent: HTMLElement,
  threadsAt: (clientX: number, clientY: number) => Thread[],
  footer: HTMLElement,
  switchNow: boolean,
): { handle: InspectorHandle; giveBack(): void } {
  if (borrowed === undefined) {
    const handle = attachInspector(engine, { parent, threadsAt, footer, hint: PICK_HINT });
    return { handle, giveBack: () => handle.detach() };
  }
  const before = { engine: borrowed.engine, footer: borrowed.footer };
  if (switchNow) borrowed.setEngine(engine);
  borrowed.footer = footer;
  return {
    handle: borrowed,
    giveBack() {
      if (borrowed.footer !== footer) return;
      borrowed.setEngine(before.engine);
      borrowed.footer = before.footer;
    },
  };
}

import { gameKinds } from '../scripts/kinds.ts';
import { Engine } from 'loom-threads';
import type { ConnectionStatus, ViewFrame } from 'loom-threads/colyseus/client';
import { bindInput } from '../input.ts';
import { mountSaveControls } from '../save-controls.ts';
import { mountStage, startCanvas } from '../stage.ts';
import { createInput } from '../sim/input-state.ts';
import { World } from '../sim/world.ts';
import { GameView } from '../view/game-view.ts';
import { loadKindTextures } from '../view/kind-textures.ts';
import { loadTextures } from '../view/textures.ts';
import { mountNetHud } from './net-hud.ts';
import { ShipPrediction } from './prediction.ts';
import { saveRoom } from './room-save.ts';
import { joinRoom, type ServerLink } from './server-link.ts';
import { applyWorldView } from './world-view.ts';
import './net.css';

/** The co-op game in a page, for tests (it is `window.loomCoop`). */
export interface CoopHandle {
  link: ServerLink;
  /** The client's picture of the server's world (a mirror: its engine never runs). */
  world: World;
  /** The newest view shown. */
  latest: ViewFrame | null;
  /** Views received. */
  views: number;
  /** Effects the views brought (bursts, rings, shakes, scores, ricochets), played as single-player plays them. */
  effects: number;
  /** Problems the room reported (refused input, a lost connection). */
  problems: string[];
  /** Calls `listener` with each view as it arrives (a test compares them with the room's log replayed); returns its removal. */
  onView(listener: (frame: ViewFrame) => void): () => void;
  /** Where an arena point is on the page, in client pixels. */
  worldToClient(x: number, y: number): { x: number; y: number };
  destroy(): void;
}

/** Options of {@link startCoop}. */
export interface CoopOptions {
  /** Milliseconds added to each round trip (see `joinRoom`). */
  lag?: number;
  /** The cluster's other server addresses, to rejoin the room through if its process dies (see `joinRoom`). */
  servers?: readonly string[];
}

const ROOM = 'arena';
const BUTTONS = ['up', 'down', 'left', 'right', 'firing', 'dash'] as const;
const AIM_STEPS = 8;
const KEEP_ALIVE_TICKS = 6;
/** How long the HUD says the player is back after a reconnection. */
const BACK_MS = 4000;

/**
 * Joins a co-op room of the sample game and plays it: the world is drawn from the server's views, interpolated
 * between the last two; the player's own ship is predicted from its input (`ShipPrediction`), so steering answers
 * at once whatever the latency; the input goes out once a tick. Nothing is simulated here but the own ship's flight.
 *
 * @example
 * ```ts
 * window.loomCoop = await startCoop(document.body, 'ws://127.0.0.1:2567');
 * ```
 */
export async function startCoop(parent: HTMLElement, url: string, options: CoopOptions = {}): Promise<CoopHandle> {
  const problems: string[] = [];
  let latest: ViewFrame | null = null;
  let arrivedAt = 0;
  let views = 0;
  let effects = 0;
  // Views that come while the page is still being set up are skipped: the next one is a whole snapshot too.
  let show: (frame: ViewFrame, arrived: number) => void = () => {};
  let onStatus: (status: ConnectionStatus) => void = () => {};
  const link = await joinRoom(url, ROOM, {
    lag: options.lag,
    servers: options.servers,
    onView: (frame, arrived) => show(frame, arrived),
    onProblem: (message) => problems.push(message),
    onStatus: (status) => onStatus(status),
  });
  const { seat, tickRate, viewEvery } = link.seat;
  const dt = 1 / tickRate;
  const world = new World(new Engine({ seed: 0, tickRate }), { kinds: gameKinds(), seats: link.seat.seats });
  const prediction = new ShipPrediction({ width: world.arena.width, height: world.arena.height, radius: 20 }, dt);

  const stage = mountStage(parent);
  const app = await startCanvas(stage);
  const view = new GameView(app, world, await loadTextures(), await loadKindTextures(world.kinds.all), null, false);
  const hud = mountNetHud(parent);
  const input = createInput(world.arena.width / 2, world.arena.height / 2);
  const controls = mountSaveControls(parent, { save: () => void saveRoom(link, controls) });
  // The server restarts the run by itself, and nobody pauses a shared room: K saves it, as in single-player.
  const unbind = bindInput(app.canvas, input, view.camera, { togglePause() {}, restart() {}, save: () => void saveRoom(link, controls) });

  let seq = 0;
  let localTick = 0;
  let serverThreads = 0;
  let players = 0; // seats held by a player, as the room says (a ship may be down between lives)
  const viewListeners = new Set<(frame: ViewFrame) => void>();
  show = (frame, arrived) => {
    for (const listener of viewListeners) listener(frame);
    latest = frame;
    arrivedAt = arrived;
    views++;
    const queued = world.events.length;
    const figures = applyWorldView(frame.view, world, frame.tick, seat);
    serverThreads = figures.threads;
    players = figures.players;
    effects += world.events.length - queued;
    const me = world.player;
    if (me?.alive) prediction.serverSaw(me.x, me.y, frame.tick, frame.acks[seat] ?? { seq: 0, tick: 0 }, localTick);
  };
  let lastSent = '';
  // Back in the room: the inputs sent before the drop were replaced by the room's neutral one, so the prediction
  // starts again from the next view, and the input held now goes out at once.
  let backAt = -Infinity;
  onStatus = (status) => {
    if (status.state !== 'connected') return;
    prediction.reset();
    lastSent = '';
    backAt = performance.now();
  };
  let sentAt = -Infinity;
  let carry = 0;
  let lastFrame = performance.now();
  let frameMs = 16.7;
  // The room holds a seat's input until a newer one lands: it is sent when it changes, and every few ticks anyway
  // so the acknowledgements keep measuring the lag. At most one a frame, however many ticks the frame covers.
  const sendInput = (): void => {
    let buttons = 0;
    BUTTONS.forEach((button, bit) => {
      if (input[button]) buttons |= 1 << bit;
    });
    const aimX = Math.round(Math.min(Math.max(input.aimX, 0), world.arena.width) * AIM_STEPS);
    const aimY = Math.round(Math.min(Math.max(input.aimY, 0), world.arena.height) * AIM_STEPS);
    const values = [buttons, aimX, aimY];
    const key = values.join();
    if (link.status.state !== 'connected' || (key === lastSent && localTick - sentAt < KEEP_ALIVE_TICKS)) return;
    link.send(++seq, values);
    prediction.sent(seq, localTick, input);
    lastSent = key;
    sentAt = localTick;
    input.dash = false;
  };
  let frameId = 0;
  const frame = (now: number): void => {
    const elapsed = Math.min(250, Math.max(0, now - lastFrame));
    lastFrame = now;
    frameMs += (elapsed - frameMs) * 0.1;
    for (carry += elapsed; carry >= dt * 1000; carry -= dt * 1000) localTick++;
    sendInput();
    const shown = latest;
    if (shown !== null) {
      const viewMs = viewEvery * dt * 1000;
      const alpha = Math.min(1, (now - arrivedAt) / viewMs);
      const me = world.player;
      // While reconnecting, the ship stays where the server last had it: its input does not reach the room.
      if (me?.alive && prediction.ready && link.status.state === 'connected') {
        const at = prediction.shown(localTick, elapsed / 1000);
        me.prevX = me.x = at.x;
        me.prevY = me.y = at.y;
        me.prevAngle = me.angle = Math.atan2(input.aimY - at.y, input.aimX - at.x);
      }
      world.input.aimX = input.aimX;
      world.input.aimY = input.aimY;
      view.render({ tick: shown.tick, dt, alpha }, { threads: serverThreads, idleThreads: world.idleThreads, frameMs, scriptMs: null, paused: false, seed: link.seat.seed, dropped: 0 }, now);
      const behind = viewEvery * (1 - alpha) + (now - arrivedAt) / (dt * 1000) + (Number.isNaN(link.pingMs) ? 0 : link.pingMs / 2 / (dt * 1000));
      hud.show({ roomId: link.seat.roomId, seat, players, pingMs: link.pingMs, ticksBehind: Math.round(behind), connection: connectionLine(link), note: noteLine(link, now - backAt < BACK_MS) });
    }
    frameId = requestAnimationFrame(frame);
  };
  frameId = requestAnimationFrame(frame);

  return {
    link,
    world,
    get latest() {
      return latest;
    },
    get views() {
      return views;
    },
    get effects() {
      return effects;
    },
    problems,
    onView(listener) {
      viewListeners.add(listener);
      return () => void viewListeners.delete(listener);
    },
    worldToClient(x, y) {
      const box = app.canvas.getBoundingClientRect();
      const at = view.camera.toScreen(x, y);
      return { x: box.left + at.x, y: box.top + at.y };
    },
    destroy() {
      cancelAnimationFrame(frameId);
      unbind();
      link.leave();
      controls.remove();
      hud.remove();
      app.destroy({ removeView: true }, { children: true });
      stage.remove();
    },
  };
}

/** The HUD's words for a connection that is not up; undefined while it is. */
function connectionLine({ status, way }: ServerLink): string | undefined {
  switch (status.state) {
    case 'connected': return undefined;
    case 'reconnecting': {
      const tries = `(try ${status.attempt} of ${status.attempts})`;
      return way === 'failover' ? `the room's server stopped: rejoining the room on another… ${tries}` : `reconnecting… ${tries}`;
    }
    case 'lost': return status.reason;
    case 'left': return 'left the room';
  }
}

/** The HUD's words after the connection's line: back in the room for a moment after a drop, or not durable. */
function noteLine(link: ServerLink, justBack: boolean): string | undefined {
  if (link.status.state === 'connected' && justBack) return link.way === 'failover' ? 'back: the room moved to another server' : 'back in the room';
  if (!link.durable) return 'not durable: its server cannot reach Redis';
  return undefined;
}

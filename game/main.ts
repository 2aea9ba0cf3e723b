// pixi's shaders without eval (new Function), so the game runs under a strict CSP (docs/csp.md).
import 'pixi.js/unsafe-eval';
import type { GameHandle } from './app.ts';
import { parseConfig } from './config.ts';
import { attachInspector, rewindButton, type InspectorHandle } from 'loom-threads/inspector';
import './page.css';
import { startLiveSession } from './live-session.ts';
import type { CoopHandle } from './net/coop-game.ts';
import { PICK_HINT, lastRecording, loadRecording, startReplay, type ReplayHandle } from './replay-app.ts';

declare global {
  interface Window {
    /** The running game (the one restored, after a restore): the inspector overlay and the browser tests reach it here. */
    loom?: GameHandle;
    /** The replay being watched, with `?replay=<url of a recording>` or `?replay=local` (and `&paused` to start it paused). */
    loomReplay?: ReplayHandle;
    /** The co-op game, with `?server=ws://host:port` once joined (docs/server.md). */
    loomCoop?: CoopHandle;
  }
}

export type { GameHandle } from './app.ts';

const params = new URLSearchParams(location.search);
const replayUrl = params.get('replay');
const serverUrl = params.get('server');
if (replayUrl !== null) await watchReplay(replayUrl, params.has('paused'));
else if (serverUrl !== null) {
  // Loaded only for co-op, so the single-player page carries no networking code.
  const { mountJoinPanel } = await import('./net/join-panel.ts');
  // `?server=ws://a,ws://b`: a cluster's processes; the first is joined, any of them is rejoined through (failover).
  const [joinUrl = '', ...servers] = serverUrl.split(',');
  mountJoinPanel(document.body, joinUrl, { lag: Number(params.get('lag')) || 0, servers }, (game) => (window.loomCoop = game));
}
else {
  // One inspector for the page: a game restored in place of another ("resume live from here", a save loaded) is
  // shown in it as it was (open or closed, the same thread selected if the new game has it).
  let inspector: InspectorHandle | null = null;
  // `?restore=local` carries on from the last save kept in this browser.
  await startLiveSession(document.body, parseConfig(location.search), params.get('restore') === 'local', (handle) => {
    window.loom = handle;
    // The backtick opens it; while it is open, pressing on an entity selects its threads instead of firing.
    inspector ??= attachInspector(handle.engine, { threadsAt: (x, y) => window.loom?.threadsAt(x, y) ?? [], hint: PICK_HINT });
    inspector.setEngine(handle.engine);
    inspector.footer = rewindButton(() => void handle.rewind());
    handle.inspector = inspector;
    return () => (handle.inspector = null);
  });
}
document.body.dataset.ready = 'true';

// A recording that cannot be read is shown, not thrown: the message says what is wrong with it.
async function watchReplay(url: string, paused: boolean): Promise<void> {
  try {
    const handle = await startReplay(url === 'local' ? lastRecording() : await loadRecording(url), document.body);
    handle.playback.paused = paused;
    window.loomReplay = handle;
  } catch (error) {
    const message = document.createElement('p');
    message.className = 'loom-replay-error';
    message.textContent = `Cannot play this replay: ${error instanceof Error ? error.message : String(error)}`;
    document.body.append(message);
  }
}

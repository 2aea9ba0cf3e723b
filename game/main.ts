// pixi's shaders without eval (new Function), so the game runs under a strict CSP (docs/csp.md).
import 'pixi.js/unsafe-eval';
import type { GameHandle } from './app.ts';
import { parseConfig } from './config.ts';
import { mountInspector } from './inspector/inspector.ts';
import { rewindButton } from './inspector/timeline.ts';
import './page.css';
import { startLiveSession } from './live-session.ts';
import type { CoopHandle } from './net/coop-game.ts';
import { loadRecording, startReplay, type ReplayHandle } from './replay-app.ts';

declare global {
  interface Window {
    /** The running game (the one restored, after a restore): the inspector overlay and the browser tests reach it here. */
    loom?: GameHandle;
    /** The replay being watched, with `?replay=<url of a recording>` (and `&paused` to start it paused). */
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
  mountJoinPanel(document.body, serverUrl, { lag: Number(params.get('lag')) || 0 }, (game) => (window.loomCoop = game));
}
else {
  // `?restore=local` carries on from the last save kept in this browser.
  await startLiveSession(document.body, parseConfig(location.search), params.get('restore') === 'local', (handle) => {
    window.loom = handle;
    // The backtick opens it; while it is open, pressing on an entity selects its threads instead of firing.
    const inspector = mountInspector({ engine: handle.engine, parent: document.body, threadsAt: (x, y) => handle.threadsAt(x, y) });
    inspector.footer = rewindButton(() => void handle.rewind());
    handle.inspector = inspector;
    return () => inspector.destroy();
  });
}
document.body.dataset.ready = 'true';

// A recording that cannot be read is shown, not thrown: the message says what is wrong with it.
async function watchReplay(url: string, paused: boolean): Promise<void> {
  try {
    const handle = await startReplay(await loadRecording(url), document.body);
    handle.playback.paused = paused;
    window.loomReplay = handle;
  } catch (error) {
    const message = document.createElement('p');
    message.className = 'loom-replay-error';
    message.textContent = `Cannot play this replay: ${error instanceof Error ? error.message : String(error)}`;
    document.body.append(message);
  }
}

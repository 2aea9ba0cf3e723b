// pixi's shaders without eval (new Function), so the game runs under a strict CSP (docs/csp.md).
import 'pixi.js/unsafe-eval';
import { startGame, type GameHandle } from './app.ts';
import { parseConfig } from './config.ts';
import { mountInspector } from './inspector/inspector.ts';
import './page.css';

declare global {
  interface Window {
    /** The running game: the inspector overlay and the browser tests reach it here. */
    loom?: GameHandle;
  }
}

export type { GameHandle } from './app.ts';

const handle = await startGame(parseConfig(location.search), document.body);
window.loom = handle;
// The backtick opens it; while it is open, pressing on an entity selects its threads instead of firing.
mountInspector({ engine: handle.engine, parent: document.body, threadsAt: (x, y) => handle.threadsAt(x, y) });
document.body.dataset.ready = 'true';

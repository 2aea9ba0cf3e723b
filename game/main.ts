import { startGame, type GameHandle } from './app.ts';
import { parseConfig } from './config.ts';

declare global {
  interface Window {
    /** The running game: the inspector overlay and the browser tests reach it here. */
    loom?: GameHandle;
  }
}

export type { GameHandle } from './app.ts';

const handle = await startGame(parseConfig(location.search), document.body);
window.loom = handle;
document.body.dataset.ready = 'true';

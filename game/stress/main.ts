// The stress page: entry point of stress.html.
// pixi's shaders without eval (new Function), so the page runs under a strict CSP (docs/csp.md).
import 'pixi.js/unsafe-eval';
import { configFromQuery } from './stress-config.ts';
import { StressPage, type StressHandle } from './stress-page.ts';
import './stress.css';

declare global {
  interface Window {
    /** The stress page's debug handle, for tests and the console. */
    loomStress?: StressHandle;
  }
}

const byId = (id: string): HTMLElement => document.getElementById(id)!;

window.loomStress = await StressPage.open(
  { controls: byId('controls'), stage: byId('stage'), charts: byId('charts'), readout: byId('readout'), busy: byId('busy') },
  configFromQuery(location.search),
);
// The same signal as the game's: tests and tools wait for it.
document.body.dataset.ready = 'true';

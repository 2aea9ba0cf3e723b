import { PANEL_CSS } from './panel-style.ts';
import { TIMELINE_CSS } from './timeline-style.ts';

const adopted = new WeakSet<Document>();

/**
 * Gives `document` the inspector's stylesheet, once: a constructed sheet in `adoptedStyleSheets`, which a strict
 * Content-Security-Policy (`style-src 'self'`) allows where a `<style>` element would be refused, and which needs no
 * bundler to load a CSS file.
 */
export function adoptStyles(document: Document): void {
  if (adopted.has(document)) return;
  adopted.add(document);
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(PANEL_CSS + TIMELINE_CSS);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}

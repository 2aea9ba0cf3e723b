/**
 * The panel's stylesheet: a dark overlay, monospace throughout, one colour per thread state. Held as text and
 * adopted by the document (see adopt-styles.ts), so it ships with the package and needs no `<style>` element.
 */
export const PANEL_CSS = `
.loom-inspector {
  --loom-ready: #5aa9ff;
  --loom-running: #4ee29a;
  --loom-waiting: #f5b94a;
  --loom-cancelling: #ff6b81;
  --loom-ended: #7d8594;
  --loom-text: #d8dee9;
  --loom-dim: #8a93a6;
  --loom-line: rgba(255, 255, 255, 0.08);
  --loom-accent: #b48cff;
  position: fixed;
  z-index: 1000;
  container-type: inline-size;
  display: flex;
  flex-direction: column;
  gap: 8px;
  padding: 10px 12px 12px;
  box-sizing: border-box;
  color: var(--loom-text);
  background: rgba(13, 16, 23, 0.9);
  backdrop-filter: blur(6px);
  border: 1px solid rgba(255, 255, 255, 0.12);
  border-radius: 10px;
  box-shadow: 0 12px 40px rgba(0, 0, 0, 0.55);
  font: 12px/1.4 ui-monospace, 'SFMono-Regular', 'JetBrains Mono', 'DejaVu Sans Mono', Menlo, Consolas, monospace;
  font-variant-numeric: tabular-nums;
}
/* Docked, the panel takes a side of the window from top to bottom, and the page leaves it that room (see dock.ts). */
.loom-inspector.loom-docked-right,
.loom-inspector.loom-docked-left {
  top: 0;
  bottom: 0;
  max-width: 100vw;
  border-radius: 0;
  border-width: 0;
  box-shadow: none;
  background: rgb(13, 16, 23);
  backdrop-filter: none; /* opaque when docked: a blur of what is behind would be drawn every frame for nothing */
}
.loom-inspector.loom-docked-right {
  right: 0;
  border-left-width: 1px;
}
.loom-inspector.loom-docked-left {
  left: 0;
  border-right-width: 1px;
}
.loom-inspector.loom-floating {
  top: 12px;
  right: 12px;
  bottom: 12px;
  max-width: calc(100vw - 24px);
}
/* The inner edge: drag it to resize. */
.loom-resizer {
  position: absolute;
  top: 0;
  bottom: 0;
  left: -3px;
  width: 7px;
  z-index: 1;
  cursor: ew-resize;
}
.loom-docked-left > .loom-resizer {
  left: auto;
  right: -3px;
}
.loom-resizer:hover {
  background: color-mix(in srgb, var(--loom-accent) 45%, transparent);
}
.loom-inspector[hidden],
.loom-inspector [hidden] {
  display: none !important;
}
.loom-inspector button {
  font: inherit;
}

.loom-header {
  display: flex;
  align-items: center;
  gap: 10px;
}
.loom-title {
  font-weight: 700;
  letter-spacing: 0.08em;
  text-transform: uppercase;
  color: var(--loom-accent);
}
.loom-key {
  margin-left: auto;
  color: var(--loom-dim);
}
.loom-docks {
  display: inline-flex;
  gap: 2px;
}
.loom-dock {
  width: 24px;
  height: 22px;
  padding: 0;
  border: 1px solid var(--loom-line);
  border-radius: 5px;
  color: var(--loom-dim);
  background: rgba(255, 255, 255, 0.05);
  cursor: pointer;
}
.loom-dock.loom-active {
  color: var(--loom-text);
  border-color: color-mix(in srgb, var(--loom-accent) 70%, transparent);
  background: color-mix(in srgb, var(--loom-accent) 30%, transparent);
}
.loom-close {
  width: 22px;
  height: 22px;
  padding: 0;
  border: 1px solid var(--loom-line);
  border-radius: 5px;
  color: var(--loom-text);
  background: rgba(255, 255, 255, 0.05);
  cursor: pointer;
}
.loom-close:hover {
  background: rgba(255, 255, 255, 0.14);
}

.loom-summary {
  display: flex;
  flex-direction: column;
  gap: 6px;
}
.loom-totals {
  color: var(--loom-dim);
}
.loom-states {
  display: flex;
  flex-wrap: wrap;
  gap: 6px;
}
.loom-state-bar {
  display: flex;
  height: 4px;
  overflow: hidden;
  border-radius: 2px;
  background: var(--loom-line);
}
.loom-state-bar > span {
  flex: 0 0 0;
  flex-basis: 0;
  background: currentColor;
}

.loom-chip {
  display: inline-block;
  padding: 0 7px;
  border-radius: 9px;
  line-height: 17px;
  color: var(--loom-state, var(--loom-ended));
  background: color-mix(in srgb, var(--loom-state, var(--loom-ended)) 16%, transparent);
  border: 1px solid color-mix(in srgb, var(--loom-state, var(--loom-ended)) 45%, transparent);
}
.loom-state-ready { --loom-state: var(--loom-ready); color: var(--loom-ready); }
.loom-state-running { --loom-state: var(--loom-running); color: var(--loom-running); }
.loom-state-waiting { --loom-state: var(--loom-waiting); color: var(--loom-waiting); }
.loom-state-cancelling { --loom-state: var(--loom-cancelling); color: var(--loom-cancelling); }
.loom-tags:not(:empty) {
  padding: 0 6px;
  border-radius: 4px;
  color: var(--loom-dim);
  border: 1px solid var(--loom-line);
}

.loom-exactness {
  font-size: 10.5px;
}
.loom-section-title {
  margin-top: 2px;
  color: var(--loom-dim);
  text-transform: uppercase;
  letter-spacing: 0.06em;
  font-size: 10.5px;
}
.loom-top {
  margin: 0;
  padding: 0;
  list-style: none;
}
.loom-top > li {
  position: relative;
  display: grid;
  grid-template-columns: minmax(0, 14em) minmax(0, 1fr) 6em;
  gap: 10px;
  padding: 1px 6px;
  border-radius: 3px;
  cursor: pointer;
}
.loom-top > li:hover {
  background: rgba(255, 255, 255, 0.06);
}
.loom-top-bar {
  position: absolute;
  inset: 1px auto 1px 0;
  border-radius: 3px;
  background: color-mix(in srgb, var(--loom-accent) 22%, transparent);
  pointer-events: none;
}
.loom-top-label,
.loom-top-wait,
.loom-top-ms {
  position: relative;
  overflow: hidden;
  white-space: nowrap;
  text-overflow: ellipsis;
}
.loom-top-wait {
  color: var(--loom-dim);
}
.loom-top-ms {
  text-align: right;
}

.loom-search-row {
  display: flex;
  align-items: center;
  gap: 8px;
}
.loom-search {
  flex: 1 1 auto;
  min-width: 0;
  padding: 5px 8px;
  color: var(--loom-text);
  background: rgba(0, 0, 0, 0.35);
  border: 1px solid var(--loom-line);
  border-radius: 6px;
  outline: none;
  font: inherit;
}
.loom-search:focus {
  border-color: color-mix(in srgb, var(--loom-accent) 70%, transparent);
}
.loom-status {
  color: var(--loom-dim);
  white-space: nowrap;
}

/* The list takes the room the rest leaves (a zero basis: its thousand rows must not claim their height). */
.loom-list {
  flex: 1 1 0;
  min-height: 100px;
  display: flex;
  flex-direction: column;
  border: 1px solid var(--loom-line);
  border-radius: 6px;
  overflow: hidden;
}
.loom-row {
  display: grid;
  grid-template-columns: 70px minmax(0, 1fr) 92px minmax(0, 1.6fr) 62px 64px 54px 54px;
  align-items: center;
  gap: 8px;
  height: 20px;
  padding: 0 8px;
  box-sizing: border-box;
  white-space: nowrap;
}
.loom-row > span {
  overflow: hidden;
  text-overflow: ellipsis;
}
.loom-row .loom-chip {
  line-height: 14px;
  padding: 0 6px;
}
.loom-list-head {
  color: var(--loom-dim);
  background: rgba(255, 255, 255, 0.04);
  border-bottom: 1px solid var(--loom-line);
  text-transform: uppercase;
  font-size: 10.5px;
  letter-spacing: 0.04em;
}
.loom-col-age,
.loom-col-resumes,
.loom-col-last-ms,
.loom-col-avg-ms {
  text-align: right;
}
.loom-col-id {
  color: var(--loom-dim);
}
.loom-col-waiting-on {
  color: #c3b6e6;
}
.loom-list-scroller {
  position: relative;
  flex: 1 1 auto;
  overflow-y: auto;
  overflow-x: hidden;
  scrollbar-color: rgba(255, 255, 255, 0.25) transparent;
}
.loom-list-content {
  position: relative;
}
.loom-list-layer {
  position: sticky;
  top: 0;
  overflow: hidden;
}
.loom-list-layer > .loom-row {
  position: absolute;
  top: 0;
  left: 0;
  right: 0;
  cursor: pointer;
}
.loom-list-layer > .loom-row:nth-child(even) {
  background: rgba(255, 255, 255, 0.025);
}
.loom-list-layer > .loom-row:hover {
  background: rgba(255, 255, 255, 0.07);
}
.loom-list-layer > .loom-row.loom-selected {
  background: color-mix(in srgb, var(--loom-accent) 28%, transparent);
}

/* The selected thread's details take what they need up to 40%, and keep room for their first rows (title to stack)
   when the panel is short: past that they scroll. */
.loom-details {
  flex: 0 1 auto;
  max-height: 40%;
  min-height: 0;
  overflow-y: auto;
  padding: 8px 10px;
  border: 1px solid var(--loom-line);
  border-radius: 6px;
  background: rgba(0, 0, 0, 0.22);
}
.loom-details:has(> .loom-details-title) {
  min-height: min(13em, 30%);
}
.loom-details-title {
  display: flex;
  align-items: center;
  gap: 8px;
  margin-bottom: 4px;
}
.loom-details-label {
  font-weight: 700;
  font-size: 13px;
}
.loom-field {
  display: grid;
  grid-template-columns: 10em minmax(0, 1fr);
  gap: 8px;
  padding: 2px 0;
}
.loom-field-name {
  color: var(--loom-dim);
}
.loom-wait {
  color: #c3b6e6;
}
.loom-links {
  display: flex;
  flex-wrap: wrap;
  gap: 4px 10px;
}
.loom-link {
  padding: 0;
  border: none;
  color: var(--loom-ready);
  background: none;
  cursor: pointer;
  text-decoration: underline dotted;
  text-underline-offset: 3px;
}
.loom-link:hover {
  color: #9ccaff;
}
.loom-stack {
  margin: 0;
  padding: 0;
  list-style: none;
}
.loom-stack > li::before {
  content: attr(data-depth);
  display: inline-block;
  width: 2.2em;
  color: var(--loom-dim);
}
.loom-frame-at {
  color: var(--loom-dim);
}
.loom-error {
  margin: 0;
  white-space: pre-wrap;
  color: #ff8a8a;
  font: inherit;
}
.loom-break-toggle {
  display: flex;
  gap: 4px;
  align-items: center;
  color: var(--loom-dim);
}
.loom-stack > .loom-frame-top {
  color: var(--loom-running);
}
.loom-stack > .loom-frame-top::after {
  content: '  ← now';
  color: var(--loom-dim);
}
.loom-dim,
.loom-hint {
  color: var(--loom-dim);
}

/* A narrow panel (docked beside a small window) drops the age and last-tick columns, so names keep their room. */
@container (max-width: 600px) {
  .loom-row {
    grid-template-columns: 56px minmax(0, 1fr) 84px minmax(0, 1.4fr) 60px 52px;
  }
  .loom-row > .loom-col-age,
  .loom-row > .loom-col-last-ms {
    display: none;
  }
}
`;

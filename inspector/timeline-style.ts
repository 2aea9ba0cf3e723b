/**
 * The time-travel bar's stylesheet, at the bottom of the panel (timeline.ts); adopted with the panel's.
 */
export const TIMELINE_CSS = `
/* The bar keeps its room at the bottom: the thread list shrinks further for it. */
.loom-inspector:has(.loom-timeline) .loom-list {
  min-height: 60px;
}
.loom-timeline {
  flex: none;
  display: flex;
  flex-direction: column;
  gap: 4px;
  padding-top: 8px;
  border-top: 1px solid var(--loom-line);
}
.loom-timeline-slider {
  width: 100%;
  margin: 0;
  accent-color: var(--loom-accent);
}
.loom-timeline-row {
  display: flex;
  align-items: center;
  gap: 10px;
}
.loom-timeline-where {
  flex: 1;
  white-space: nowrap;
}
.loom-timeline-progress {
  width: 90px;
  accent-color: var(--loom-accent);
}
.loom-timeline-progress[hidden] {
  display: none;
}
.loom-timeline button:disabled {
  color: var(--loom-dim);
  cursor: default;
}
.loom-timeline-status {
  color: var(--loom-cancelling);
}
.loom-timeline-status:empty {
  display: none;
}
`;

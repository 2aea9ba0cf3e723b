/** What a virtual list needs to lay out its rows: which rows to draw and where. */
export interface RowWindow {
  /** Height of the scroll spacer, px (capped: browsers cannot lay out a box 1M rows tall). */
  spacerHeight: number;
  /** Index of the first row to draw. */
  first: number;
  /** Rows to draw from `first`. */
  count: number;
  /** Top of the first drawn row relative to the top of the viewport, px (0 or negative). */
  offset: number;
}

/** What the visible rows depend on. */
export interface RowWindowInput {
  total: number;
  rowHeight: number;
  viewportHeight: number;
  scrollTop: number;
  /** Tallest spacer to create, px; beyond it the scroll position maps onto the rows proportionally. */
  maxSpacerHeight?: number;
}

// Chrome lays out up to about 33.5M px and Firefox about 17.9M px: stay well under both.
const MAX_SPACER_HEIGHT = 8_000_000;

/**
 * Computes the rows of a virtual list that the viewport shows, for fixed-height rows. Up to `maxSpacerHeight` the
 * content is as tall as the rows; past it, the spacer is capped and the scroll position is scaled onto the rows,
 * so a million rows stay reachable with the scrollbar while each row still scrolls by whole pixels.
 *
 * @example
 * ```ts
 * const w = rowWindow({ total: 1_000_000, rowHeight: 20, viewportHeight: 400, scrollTop: scroller.scrollTop });
 * spacer.style.height = `${w.spacerHeight}px`;
 * for (let i = 0; i < w.count; i++) drawRow(w.first + i, w.offset + i * 20); // in a layer pinned to the viewport
 * ```
 */
export function rowWindow(input: RowWindowInput): RowWindow {
  const { total, rowHeight, viewportHeight } = input;
  const natural = total * rowHeight;
  const spacerHeight = Math.min(natural, input.maxSpacerHeight ?? MAX_SPACER_HEIGHT);
  if (total === 0) return { spacerHeight: 0, first: 0, count: 0, offset: 0 };
  const scrollTop = clamp(input.scrollTop, 0, Math.max(0, spacerHeight - viewportHeight));
  const virtualTop = spacerHeight > viewportHeight && natural > spacerHeight
    ? (scrollTop * (natural - viewportHeight)) / (spacerHeight - viewportHeight)
    : scrollTop;
  const first = Math.min(total - 1, Math.floor(virtualTop / rowHeight));
  const count = Math.min(total - first, Math.ceil(viewportHeight / rowHeight) + 1);
  return { spacerHeight, first, count, offset: first * rowHeight - virtualTop };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

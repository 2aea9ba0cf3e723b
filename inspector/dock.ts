/** Where the inspector sits: docked to a side (the page gives it that much room) or floating over the page. */
export type DockSide = 'left' | 'right' | 'float';

/** The panel's place and width, as remembered between visits. */
export interface DockLayout {
  side: DockSide;
  /** Width in CSS px. */
  width: number;
}

/** Docked right, wide enough for the thread list: the page's view shrinks beside it rather than hiding under it. */
export const DEFAULT_LAYOUT: DockLayout = { side: 'right', width: 480 };
/** The narrowest panel that still shows the list's columns, px. */
export const MIN_WIDTH = 320;
/** The panel takes at most this share of the window, so the page keeps the rest. */
const MAX_SHARE = 0.6;
const STORAGE_KEY = 'loom.inspector.layout';

/**
 * Clamps a panel width to what the window allows: at least MIN_WIDTH (or the whole window, if narrower), at most
 * 60% of the window (but never under MIN_WIDTH).
 *
 * @example
 * ```ts
 * clampWidth(2000, 1280); // 768
 * ```
 */
export function clampWidth(width: number, windowWidth: number): number {
  const most = Math.max(MIN_WIDTH, Math.floor(windowWidth * MAX_SHARE));
  return Math.min(windowWidth, Math.max(MIN_WIDTH, Math.min(most, Math.round(width))));
}

/**
 * Reads the remembered layout; the default if there is none, or it is unreadable.
 *
 * @example
 * ```ts
 * const layout = loadLayout(localStorage);
 * ```
 */
export function loadLayout(storage: Pick<Storage, 'getItem'> | null): DockLayout {
  try {
    const saved = JSON.parse(storage?.getItem(STORAGE_KEY) ?? 'null') as Partial<DockLayout> | null;
    const side = saved?.side;
    const width = saved?.width;
    if ((side === 'left' || side === 'right' || side === 'float') && typeof width === 'number' && Number.isFinite(width)) {
      return { side, width };
    }
  } catch {
    // An unreadable entry (edited by hand, an old format) is no choice at all.
  }
  return { ...DEFAULT_LAYOUT };
}

/**
 * Remembers the layout for the next visit (ignored where storage is unavailable, e.g. disabled).
 *
 * @example
 * ```ts
 * saveLayout(localStorage, { side: 'left', width: 400 });
 * ```
 */
export function saveLayout(storage: Pick<Storage, 'setItem'> | null, layout: DockLayout): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(layout));
  } catch {
    // Storage full or refused: the layout holds for this visit only.
  }
}

/**
 * The room the page must leave on each side for the panel: its width on the docked side while it is open.
 * A page lays itself out with the CSS variables `--loom-dock-left` and `--loom-dock-right` set from this.
 *
 * @example
 * ```ts
 * dockInsets({ side: 'right', width: 480 }, true); // { left: 0, right: 480 }
 * ```
 */
export function dockInsets(layout: DockLayout, open: boolean): { left: number; right: number } {
  if (!open || layout.side === 'float') return { left: 0, right: 0 };
  return layout.side === 'left' ? { left: layout.width, right: 0 } : { left: 0, right: layout.width };
}

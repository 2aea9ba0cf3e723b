import type { Page } from 'playwright-core';

/** The panel, its visible thread rows, and the selected thread's details, as the inspector's stylesheet names them. */
export const PANEL = '.loom-inspector';
export const ROWS = '.loom-list-layer .loom-row:visible';
export const DETAILS = '.loom-details';

/** Where the panel is on the page and whether its stylesheet applies (it is fixed only by the stylesheet). */
export interface PanelBox {
  left: number;
  right: number;
  top: number;
  bottom: number;
  position: string;
}

/** The open panel's box and its computed `position`. */
export function panelBox(page: Page): Promise<PanelBox> {
  return page.locator(PANEL).evaluate((panel) => {
    const box = panel.getBoundingClientRect();
    return { left: box.left, right: box.right, top: box.top, bottom: box.bottom, position: getComputedStyle(panel).position };
  });
}

/** The names in the rows the list shows now. */
export function listedNames(page: Page): Promise<string[]> {
  return page.locator(`${ROWS} .loom-col-name`).allTextContents();
}

/**
 * The details' rows (title, waits on, stats, parent, children, stack) whose bottom lies below the details' visible
 * box, by name: [] when the selected thread's details show without scrolling.
 */
export function hiddenDetailRows(page: Page): Promise<string[]> {
  return page.locator(DETAILS).evaluate((details) => {
    details.scrollTop = 0;
    const bottom = details.getBoundingClientRect().bottom;
    const rows = [...details.children].slice(0, 6) as HTMLElement[];
    return rows
      .filter((row) => row.getBoundingClientRect().bottom > bottom + 0.5)
      .map((row) => row.querySelector('.loom-field-name')?.textContent ?? 'title');
  });
}

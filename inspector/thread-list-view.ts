import { el, setText } from './dom.ts';
import { shownState, type InspectedEngine, type InspectedThread } from './inspected.ts';
import { age, count, ms } from './format.ts';
import { rowWindow } from './row-window.ts';

/** Height of a row, px; the stylesheet uses the same value. */
export const ROW_HEIGHT = 20;

const COLUMNS = ['id', 'name', 'state', 'waiting on', 'age', 'resumes', 'last ms', 'avg ms'] as const;

/** The cells of one pooled row element. */
interface RowCells {
  row: HTMLElement;
  cells: HTMLElement[];
  state: HTMLElement;
}

/**
 * A virtual list of threads: only the rows in view exist (a pool of row elements in a layer pinned to the viewport),
 * over a spacer as tall as the rows, so it scrolls through a million threads as easily as through ten.
 */
export class ThreadListView {
  readonly element = el('div', 'loom-list');
  private readonly scroller = el('div', 'loom-list-scroller');
  private readonly content = el('div', 'loom-list-content');
  private readonly layer = el('div', 'loom-list-layer');
  private readonly pool: RowCells[] = [];
  /** The thread each pooled row shows, for clicks. */
  private shown: (InspectedThread | null)[] = [];

  constructor(
    /** The engine shown (the inspector may switch engines). */
    private readonly engine: () => InspectedEngine,
    private readonly rows: () => readonly InspectedThread[],
    private readonly selected: () => InspectedThread | null,
    onSelect: (thread: InspectedThread) => void,
  ) {
    const head = el('div', 'loom-row loom-list-head');
    for (const name of COLUMNS) head.append(el('span', `loom-col-${name.replace(' ', '-')}`, name));
    this.content.append(this.layer);
    this.scroller.append(this.content);
    this.element.append(head, this.scroller);
    this.scroller.addEventListener('scroll', () => this.render());
    this.layer.addEventListener('click', (event) => {
      const row = (event.target as HTMLElement).closest<HTMLElement>('.loom-row');
      const thread = row ? this.shown[Number(row.dataset.index)] : null;
      if (thread) onSelect(thread);
    });
  }

  /** Draws the rows in view from the current `rows()`. */
  render(): void {
    const rows = this.rows();
    const viewportHeight = this.scroller.clientHeight;
    const view = rowWindow({ total: rows.length, rowHeight: ROW_HEIGHT, viewportHeight, scrollTop: this.scroller.scrollTop });
    this.content.style.height = `${view.spacerHeight}px`;
    this.layer.style.height = `${viewportHeight}px`;
    this.ensurePool(Math.ceil(viewportHeight / ROW_HEIGHT) + 1);
    const selected = this.selected();
    for (let i = 0; i < this.pool.length; i++) {
      const cells = this.pool[i]!;
      const thread = i < view.count ? rows[view.first + i]! : null;
      this.shown[i] = thread;
      cells.row.hidden = thread === null;
      if (thread === null) continue;
      cells.row.style.transform = `translateY(${view.offset + i * ROW_HEIGHT}px)`;
      cells.row.classList.toggle('loom-selected', thread === selected);
      this.fill(cells, thread);
    }
  }

  /** Scrolls back to the first row. */
  scrollToTop(): void {
    this.scroller.scrollTop = 0;
  }

  private fill(cells: RowCells, thread: InspectedThread): void {
    const engine = this.engine();
    const accounting = engine.accounting;
    const [id, name, , waiting, ageCell, resumes, last, average] = cells.cells as [HTMLElement, ...HTMLElement[]];
    setText(id, `#${thread.id}`);
    setText(name!, withReloads(thread.name, thread.reloads));
    const state = shownState(thread);
    setText(cells.state, state);
    cells.state.className = `loom-chip loom-state-${state}`;
    setText(waiting!, thread.waitingOn);
    setText(ageCell!, age(thread.age, engine.dt));
    setText(resumes!, count(accounting.resumesOf(thread)));
    setText(last!, ms(accounting.threadMs(thread)));
    setText(average!, ms(accounting.threadAverageMs(thread)));
  }

  private ensurePool(size: number): void {
    while (this.pool.length < size) {
      const row = el('div', 'loom-row');
      row.dataset.index = String(this.pool.length);
      const cells = COLUMNS.map((name) => el('span', `loom-col-${name.replace(' ', '-')}`));
      const state = el('span', 'loom-chip');
      cells[2]!.append(state);
      row.append(...cells);
      this.layer.append(row);
      this.pool.push({ row, cells, state });
    }
  }
}

/** A thread's name, marked `↻n` once hot reloads have restarted it n times (docs/hot-reload.md). */
export function withReloads(name: string, reloads: number): string {
  return reloads === 0 ? name : `${name} ↻${reloads}`;
}

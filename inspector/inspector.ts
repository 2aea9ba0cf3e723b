import { Engine, formatPosition, type SourcePosition } from 'loom-threads';
import { Census, type CensusResult } from './census.ts';
import { DetailsView } from './details-view.ts';
import { clampWidth, dockInsets, loadLayout, saveLayout, type DockLayout, type DockSide } from './dock.ts';
import { el, setText } from './dom.ts';
import type { InspectedEngine, InspectedThread, RecentScriptTime } from './inspected.ts';
import { ListSource } from './list-source.ts';
import { SourceLines } from './source-lines.ts';
import { RemoteRoom } from './remote-room.ts';
import { ScriptTimeWindow } from './script-time-window.ts';
import { SummaryView } from './summary-view.ts';
import { ThreadListView } from './thread-list-view.ts';
import { adoptStyles } from './adopt-styles.ts';

/** Options of {@link attachInspector}: all optional. */
export interface InspectorOptions {
  /** Where the panel goes. Default: `document.body`. */
  parent?: HTMLElement;
  /**
   * The side the panel docks to (`'float'`: over the page), overriding the one remembered; the user can still move
   * it, and that is remembered. Default: the remembered side, else right.
   */
  dock?: DockSide;
  /** Opens the panel at once. Default: closed until the toggle key. */
  open?: boolean;
  /**
   * What the details say while no thread is selected: a page that picks threads with `threadsAt` says how here
   * ("…, or click an entity in the game"). Default: how to select one in the lists.
   */
  hint?: string;
  /**
   * The threads of whatever is drawn at a point of the page. With it, while the panel is open, pressing the
   * primary button on a point that has threads lists them and selects the first, and the page does not see that
   * press (a game does not fire); a press where there are none goes through as usual.
   */
  threadsAt?: (clientX: number, clientY: number) => readonly InspectedThread[];
  /** The key (`KeyboardEvent.key`) that opens and closes the panel. Default: the backtick. */
  toggleKey?: string;
  /**
   * Where the panel's place and width are remembered (default `localStorage`; null to remember nothing). Docked,
   * the panel sets `--loom-dock-left` / `--loom-dock-right` on the root element to its width (0 closed) and fires a
   * window `resize`: a page that lays its view out with them shrinks beside the panel instead of under it.
   */
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
  /** Shown at the bottom of the panel, under the selected thread: a timeline ({@link mountTimeline}), a button. */
  footer?: HTMLElement;
}

/** An attached inspector: what the page may do with it once it is there. */
export interface InspectorHandle {
  /** Opens the panel if closed, closes it if open. */
  toggle(): void;
  /** Whether the panel is open. */
  readonly isOpen: boolean;
  /** Selects a thread (null for none): the details show its wait, parent, children and stack. */
  select(thread: InspectedThread | null): void;
  /** The engine inspected: one in this page, or a room on a server ({@link RemoteRoom}). */
  readonly engine: Engine | RemoteRoom;
  /**
   * Inspects another engine from now on (a replay rebuilt at another tick): the search stays, a pick is dropped,
   * and the thread with the selected one's id stays selected if the other engine has it. Break on error moves too.
   * A local engine for a local engine, a room for a room: switching between them throws.
   */
  setEngine(engine: Engine | RemoteRoom): void;
  /** What is shown at the bottom of the panel (a timeline, a "rewind" button); null for nothing. */
  footer: HTMLElement | null;
  /**
   * Whether a thread failing pauses the engine, opens the panel and selects the thread, showing where it failed
   * (the "break on error" box). Default false. A room on a server cannot break: it stays false there.
   */
  breakOnError: boolean;
  /** Where the panel is (docked left or right, or floating) and how wide, as remembered. */
  readonly layout: DockLayout;
  /** Docks or floats the panel and sets its width (clamped to the window); remembered. */
  setLayout(change: Partial<DockLayout>): void;
  /** Removes the panel and its listeners, gives the page its room back, and restores the engine's accounting. */
  detach(): void;
}

/** Threads swept per frame for the state counts: a full sweep of 1M threads in about 8 frames. */
const CENSUS_SLICE = 131_072;
/** A new sweep of the state counts starts this often at most, ms. */
const CENSUS_EVERY_MS = 250;
/** Search time per frame, ms. */
const SEARCH_BUDGET_MS = 4;
/** The panels are redrawn this often (the list also on scroll), ms. */
const REFRESH_MS = 250;
const DEFAULT_HINT = 'Select a thread in the list or the top list.';

/**
 * Attaches the live thread inspector to `engine`, in this page: a panel, opened and closed with a key (the
 * backtick), showing the threads per state, the threads using the most script time over the last second, a
 * searchable list of every thread (virtualised: fine at a million), and the selected thread's wait, parent,
 * children and stack of sub-scripts. While it is open, the engine's accounting is on, and its `onTick` hook sums
 * the script time of every tick. It needs only the DOM: its stylesheet comes with it, adopted by the document,
 * which a strict Content-Security-Policy allows.
 *
 * @example
 * ```ts
 * import { Engine, drive, sleep } from 'loom-threads';
 * import { attachInspector } from 'loom-threads/inspector';
 *
 * const engine = new Engine();
 * engine.spawn(function* patrol() {
 *   while (true) yield* sleep(1);
 * });
 * drive(engine, { request: (frame) => requestAnimationFrame(frame), cancel: (id) => cancelAnimationFrame(id), now: () => performance.now() });
 *
 * const inspector = attachInspector(engine, { dock: 'left', open: true });
 * // the backtick closes and opens it; inspector.detach() removes it
 * ```
 */
export function attachInspector(engine: Engine | RemoteRoom, options: InspectorOptions = {}): InspectorHandle {
  return new Inspector(engine, options);
}

/** The overlay: its views, its frame loop while open, and its listeners. */
class Inspector implements InspectorHandle {
  private inspected: Engine | RemoteRoom;
  private census: Census;
  private recent: RecentScriptTime;
  private source: ListSource;
  private readonly summary: SummaryView;
  private readonly list: ThreadListView;
  private readonly details: DetailsView;
  private readonly panel = el('section', 'loom-inspector');
  private shownFooter: HTMLElement | null = null;
  private readonly search = el('input', 'loom-search');
  private readonly status = el('span', 'loom-status');
  private readonly clearPick = el('button', 'loom-link', 'show all');
  private readonly breakBox = el('input');
  private breaking = false;
  private readonly resizer = el('div', 'loom-resizer');
  private readonly dockButtons = new Map<DockSide, HTMLButtonElement>();
  private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  private dock: DockLayout;
  private insets = { left: 0, right: 0 };
  private selected: InspectedThread | null = null;
  private open = false;
  private frame = 0;
  private lastRefresh = -Infinity;
  private accountingBefore = false;
  private readonly toggleKey: string;

  constructor(inspected: Engine | RemoteRoom, private readonly options: InspectorOptions) {
    adoptStyles(document);
    this.inspected = inspected;
    this.toggleKey = options.toggleKey ?? '`';
    this.storage = options.storage === undefined ? browserStorage() : options.storage;
    const remembered = loadLayout(this.storage);
    this.dock = options.dock === undefined ? remembered : { ...remembered, side: options.dock };
    this.census = new Census(this.engine, CENSUS_EVERY_MS);
    this.recent = recentScriptTime(this.engine);
    this.source = new ListSource(this.engine);
    const select = (thread: InspectedThread): void => this.select(thread);
    const engine = (): InspectedEngine => this.engine;
    this.summary = new SummaryView(engine, select);
    this.list = new ThreadListView(engine, () => this.source.rows, () => this.selected, select);
    const lines = inspected instanceof RemoteRoom ? SERVER_LINES : new SourceLines(location.origin);
    const breakBefore = (thread: InspectedThread): void => {
      if (this.engine instanceof Engine) this.engine.breakBeforeResume(thread as Parameters<Engine['breakBeforeResume']>[0]);
    };
    this.details = new DetailsView(engine, select, lines, options.hint ?? DEFAULT_HINT, inspected instanceof RemoteRoom ? null : breakBefore);
    this.build();
    (options.parent ?? document.body).append(this.panel);
    window.addEventListener('keydown', this.onKey, true); // capture: the key works while typing in the search box too
    // Capture: the pick sees a press before the page does, and can keep it from the page.
    window.addEventListener('pointerdown', this.onPick, true);
    window.addEventListener('resize', this.onWindowResize);
    this.applyLayout();
    if (options.open) this.setOpen(true);
  }

  get engine(): Engine | RemoteRoom {
    return this.inspected;
  }

  get footer(): HTMLElement | null {
    return this.shownFooter;
  }

  set footer(element: HTMLElement | null) {
    this.shownFooter?.remove();
    this.shownFooter = element;
    if (element !== null) this.panel.append(element);
  }

  setEngine(engine: Engine | RemoteRoom): void {
    if (engine === this.inspected) return;
    if (engine instanceof RemoteRoom !== this.inspected instanceof RemoteRoom) {
      throw new TypeError('inspector.setEngine: a panel attached to a local engine inspects local engines, one attached to a room rooms; attach another panel');
    }
    const breaking = this.breakOnError;
    this.breakOnError = false;
    if (this.open) this.unwatch();
    this.inspected = engine;
    this.census = new Census(engine, CENSUS_EVERY_MS);
    this.recent = recentScriptTime(engine);
    this.source = new ListSource(engine);
    this.source.setQuery(this.search.value);
    const id = this.selected?.id;
    this.selected = engine.threads().find((thread) => thread.id === id) ?? null;
    this.breakOnError = breaking;
    if (this.open) {
      this.watch();
      this.refresh();
    }
  }

  get layout(): DockLayout {
    return { ...this.dock };
  }

  setLayout(change: Partial<DockLayout>): void {
    this.dock = { ...this.dock, ...change };
    this.applyLayout();
    saveLayout(this.storage, this.dock);
  }

  get isOpen(): boolean {
    return this.open;
  }

  get breakOnError(): boolean {
    const engine = this.engine;
    return engine instanceof Engine && engine.onThreadFailed === this.onFailed;
  }
  set breakOnError(on: boolean) {
    const engine = this.engine;
    if (!(engine instanceof Engine)) return;
    this.breakBox.checked = on;
    if (on) engine.onThreadFailed = this.onFailed;
    else if (this.breakOnError) engine.onThreadFailed = null;
  }

  toggle(): void {
    this.setOpen(!this.open);
  }

  select(thread: InspectedThread | null): void {
    this.selected = thread;
    if (this.engine instanceof RemoteRoom) this.engine.follow(thread);
    if (this.open) this.refresh();
  }

  detach(): void {
    this.breakOnError = false;
    this.setOpen(false);
    window.removeEventListener('keydown', this.onKey, true);
    window.removeEventListener('pointerdown', this.onPick, true);
    window.removeEventListener('resize', this.onWindowResize);
    this.panel.remove();
  }

  private build(): void {
    const { panel, search, clearPick } = this;
    panel.hidden = true;
    panel.setAttribute('aria-label', 'Loom thread inspector');
    search.type = 'search';
    search.placeholder = 'search: name, state, wait, #id · all terms match · "a phrase"';
    search.spellcheck = false;
    clearPick.type = 'button';
    const close = el('button', 'loom-close', '×');
    close.type = 'button';
    close.title = `Close (${this.toggleKey})`;
    const header = el('header', 'loom-header');
    this.breakBox.type = 'checkbox';
    const breakToggle = el('label', 'loom-break-toggle');
    breakToggle.title = 'Pause the engine when a thread fails, and show where';
    breakToggle.append(this.breakBox, 'break on error');
    breakToggle.hidden = this.engine instanceof RemoteRoom; // a room on a server is only read
    this.breakBox.addEventListener('change', () => (this.breakOnError = this.breakBox.checked));
    const docks = el('span', 'loom-docks');
    for (const [side, label, title] of DOCK_BUTTONS) {
      const button = el('button', 'loom-dock', label);
      button.type = 'button';
      button.title = title;
      button.dataset.side = side;
      button.addEventListener('click', () => this.setLayout({ side }));
      this.dockButtons.set(side, button);
      docks.append(button);
    }
    const title = this.engine instanceof RemoteRoom ? `loom · room ${this.engine.roomId}` : 'loom · threads';
    header.append(el('span', 'loom-title', title), breakToggle, el('span', 'loom-key', `${this.toggleKey} to close`), docks, close);
    this.resizer.title = 'Drag to resize';
    this.resizer.addEventListener('pointerdown', this.onResizeStart);
    const searchRow = el('div', 'loom-search-row');
    searchRow.append(search, this.status, clearPick);
    panel.append(this.resizer, header, this.summary.element, searchRow, this.list.element, this.details.element);
    if (this.options.footer) this.footer = this.options.footer;

    search.addEventListener('input', () => this.setQuery(search.value));
    search.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      search.value = '';
      this.setQuery('');
    });
    clearPick.addEventListener('click', () => this.showPick(null));
    close.addEventListener('click', () => this.setOpen(false));
    // The page must not see keys typed into the search box nor clicks and wheels on the panel.
    for (const type of ['keydown', 'keyup', 'pointerdown', 'pointerup', 'click', 'wheel']) {
      panel.addEventListener(type, (event) => event.stopPropagation());
    }
  }

  private setOpen(open: boolean): void {
    if (open === this.open) return;
    this.open = open;
    this.panel.hidden = !open;
    this.applyLayout();
    if (open) {
      this.watch();
      this.refresh();
      this.frame = requestAnimationFrame(this.tick);
    } else {
      this.unwatch();
      cancelAnimationFrame(this.frame);
    }
  }

  // While the overlay is open, the engine's accounting is on and every tick's script time is read.
  private watch(): void {
    const accounting = this.engine.accounting;
    this.accountingBefore = accounting.enabled;
    accounting.enabled = true;
    if (this.recent instanceof ScriptTimeWindow) this.recent.start();
    this.census.step(CENSUS_SLICE, now());
  }

  private unwatch(): void {
    this.engine.accounting.enabled = this.accountingBefore;
    if (this.recent instanceof ScriptTimeWindow) this.recent.stop();
  }

  private readonly tick = (): void => {
    this.frame = requestAnimationFrame(this.tick);
    this.census.step(CENSUS_SLICE, now());
    this.source.step(SEARCH_BUDGET_MS, now);
    if (now() - this.lastRefresh >= REFRESH_MS) this.refresh();
  };

  private refresh(): void {
    this.lastRefresh = now();
    this.summary.render(this.counts(), this.recent);
    const problem = this.engine instanceof RemoteRoom ? this.engine.problem : null;
    setText(this.status, problem ?? this.source.status);
    this.clearPick.hidden = !this.source.isPicked;
    this.list.render();
    this.details.render(this.selected);
  }

  private setQuery(query: string): void {
    this.source.setQuery(query);
    this.source.step(SEARCH_BUDGET_MS, now);
    this.list.scrollToTop();
    this.refresh();
  }

  /** Lists the threads picked on the page and selects the first (null: back to the search or all threads). */
  // A room's feed counts every thread on the server, listed or not; a local engine's are swept here.
  private counts(): CensusResult | null {
    const engine = this.engine;
    return engine instanceof RemoteRoom ? { states: engine.states, total: engine.threadCount } : this.census.latest;
  }

  private showPick(threads: readonly InspectedThread[] | null): void {
    if (threads) this.source.pick(threads);
    else this.source.clearPick();
    this.list.scrollToTop();
    this.selected = threads?.[0] ?? this.selected;
    this.refresh();
  }

  // Break on error: the engine stops before the next tick (the one running now finishes), on the failed thread,
  // drawn once the tick is over (the thread has ended by then, with the stack where it failed).
  // Only the first failure of the tick is selected: the ones it causes (a joiner failing in turn) come after it.
  private readonly onFailed = (thread: InspectedThread): void => {
    if (this.engine instanceof Engine) this.engine.paused = true;
    if (this.breaking) return;
    this.breaking = true;
    this.selected = thread;
    queueMicrotask(() => {
      this.breaking = false;
      if (this.open) this.refresh();
      else this.setOpen(true);
    });
  };

  // The panel's side and width, and the room the page leaves it; the page hears of a change as a window resize.
  private applyLayout(): void {
    const dock = this.dock;
    dock.width = clampWidth(dock.width, window.innerWidth);
    this.panel.classList.toggle('loom-docked-left', dock.side === 'left');
    this.panel.classList.toggle('loom-docked-right', dock.side === 'right');
    this.panel.classList.toggle('loom-floating', dock.side === 'float');
    this.panel.style.width = `${dock.width}px`;
    for (const [side, button] of this.dockButtons) button.classList.toggle('loom-active', side === dock.side);
    const insets = dockInsets(dock, this.open);
    if (insets.left === this.insets.left && insets.right === this.insets.right) return;
    this.insets = insets;
    const root = document.documentElement.style;
    root.setProperty('--loom-dock-left', `${insets.left}px`);
    root.setProperty('--loom-dock-right', `${insets.right}px`);
    window.dispatchEvent(new Event('resize'));
  }

  private readonly onWindowResize = (): void => this.applyLayout();

  // Dragging the inner edge: the width follows the pointer, and is remembered when the drag ends.
  private readonly onResizeStart = (event: PointerEvent): void => {
    if (event.button !== 0) return;
    event.preventDefault();
    const handle = this.resizer;
    handle.setPointerCapture(event.pointerId);
    const move = (moved: PointerEvent): void => {
      const width = this.dock.side === 'left' ? moved.clientX : window.innerWidth - moved.clientX;
      this.dock.width = width;
      this.applyLayout();
    };
    const end = (): void => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', end);
      handle.removeEventListener('pointercancel', end);
      saveLayout(this.storage, this.dock);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', end);
    handle.addEventListener('pointercancel', end);
  };

  private readonly onKey = (event: KeyboardEvent): void => {
    if (event.key !== this.toggleKey) return;
    event.preventDefault();
    this.toggle();
  };

  private readonly onPick = (event: PointerEvent): void => {
    const threadsAt = this.options.threadsAt;
    if (!this.open || !threadsAt || event.button !== 0 || this.panel.contains(event.target as Node)) return;
    const threads = threadsAt(event.clientX, event.clientY);
    if (threads.length === 0) return;
    event.stopPropagation();
    event.preventDefault();
    this.showPick(threads);
  };
}

const now = (): number => performance.now();

/** A local engine's top list is summed here; a room's comes summed by the server. */
function recentScriptTime(engine: Engine | RemoteRoom): RecentScriptTime {
  return engine instanceof RemoteRoom ? engine.recent : new ScriptTimeWindow(engine);
}

/** A room's positions are the server's source files, named from its directory: written as they are. */
const SERVER_LINES = { format: (at: SourcePosition): string => formatPosition(at).replace(/:\d+$/, '') };

const DOCK_BUTTONS: [DockSide, string, string][] = [
  ['left', '⇤', 'Dock left: the page shrinks beside the panel'],
  ['float', '❐', 'Float over the page'],
  ['right', '⇥', 'Dock right: the page shrinks beside the panel'],
];

/** `localStorage`, or null where reading it throws (storage disabled, an opaque origin). */
function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

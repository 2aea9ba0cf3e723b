import { INSPECTED_STATES } from 'loom-threads';
import type { CensusResult } from './census.ts';
import { el, setText } from './dom.ts';
import { count } from './format.ts';
import type { InspectedAccounting, InspectedEngine, InspectedThread, RecentScriptTime } from './inspected.ts';

const STATES = INSPECTED_STATES;
/** Rows of the top list. */
const TOP_COUNT = 8;

/**
 * The top of the inspector: the engine's per-tick totals, the live threads per state (chips and a proportion bar),
 * and the threads using the most script time over the last second.
 */
export class SummaryView {
  readonly element = el('div', 'loom-summary');
  private readonly totals = el('div', 'loom-totals');
  private readonly chips = new Map<string, HTMLElement>();
  private readonly bars = new Map<string, HTMLElement>();
  private readonly topTitle = el('div', 'loom-section-title');
  private readonly exactness = el('div', 'loom-dim loom-exactness');
  private readonly top = el('ol', 'loom-top');
  private readonly topRows: TopRow[] = [];
  private readonly topEmpty = el('li', 'loom-dim', 'no script time measured yet');
  /** The threads of the top list as drawn, for clicks. */
  private shownTop: InspectedThread[] = [];

  constructor(
    /** The engine shown (the inspector may switch engines). */
    private readonly engineNow: () => InspectedEngine,
    onSelect: (thread: InspectedThread) => void,
  ) {
    const chipRow = el('div', 'loom-states');
    const bar = el('div', 'loom-state-bar');
    for (const state of STATES) {
      const chip = el('span', `loom-chip loom-state-${state}`);
      chipRow.append(chip);
      this.chips.set(state, chip);
      const part = el('span', `loom-state-${state}`);
      bar.append(part);
      this.bars.set(state, part);
    }
    this.top.addEventListener('click', (event) => {
      const item = (event.target as HTMLElement).closest<HTMLElement>('li');
      const thread = item ? this.shownTop[Number(item.dataset.index)] : undefined;
      if (thread) onSelect(thread);
    });
    this.top.append(this.topEmpty);
    this.element.append(this.totals, chipRow, bar, this.topTitle, this.exactness, this.top);
  }

  /** Shows the latest census, the accounting totals of the last tick, and the top threads of the last second. */
  render(census: CensusResult | null, recent: RecentScriptTime): void {
    const engine = this.engineNow();
    const accounting = engine.accounting;
    const carried = accounting.carriedOver > 0 ? ` · ${count(accounting.carriedOver)} carried over` : '';
    setText(
      this.totals,
      `tick ${count(engine.tick)} · ${count(engine.threadCount)} threads · last tick ` +
        `${accounting.tickMs.toFixed(2)} ms, ${count(accounting.tickResumes)} resumes${carried}`,
    );
    const live = Math.max(1, census?.total ?? 0);
    for (const state of STATES) {
      const n = census === null ? 0 : (census.states[state] ?? 0);
      setText(this.chips.get(state)!, `${state} ${count(n)}`);
      this.bars.get(state)!.style.flexGrow = String(n / live);
    }
    setText(this.topTitle, topTitle(recent.ticks, recent.windowTicks, engine.dt, engine.paused));
    setText(this.exactness, exactness(accounting));
    this.renderTop(recent.top(TOP_COUNT));
  }

  // Rows are kept and refilled, never replaced, so a click is not lost to a refresh between press and release.
  private renderTop(top: readonly { thread: InspectedThread; ms: number }[]): void {
    this.shownTop = top.map((entry) => entry.thread);
    while (this.topRows.length < top.length) this.topRows.push(this.topRow(this.topRows.length));
    const most = Math.max(1e-9, top[0]?.ms ?? 0);
    this.topRows.forEach((row, index) => {
      const entry = top[index];
      row.item.hidden = entry === undefined;
      if (entry === undefined) return;
      row.bar.style.width = `${(100 * entry.ms) / most}%`;
      setText(row.label, entry.thread.label);
      setText(row.wait, entry.thread.waitingOn || entry.thread.stateName);
      setText(row.ms, entry.ms.toFixed(2));
    });
    this.topEmpty.hidden = top.length > 0;
  }

  private topRow(index: number): TopRow {
    const item = el('li');
    item.dataset.index = String(index);
    const row = {
      item,
      bar: el('span', 'loom-top-bar'),
      label: el('span', 'loom-top-label'),
      wait: el('span', 'loom-top-wait'),
      ms: el('span', 'loom-top-ms'),
    };
    item.append(row.bar, row.label, row.wait, row.ms);
    this.top.insertBefore(item, this.topEmpty);
    return row;
  }
}

/**
 * The title of the top list. Right after opening, the window holds less than a second: it says how much; and
 * while paused with no tick measured yet, it says so rather than "the last 0.00 s".
 *
 * @example
 * ```ts
 * topTitle(30, 60, 1 / 60, false); // 'top threads · script time over the last 0.50 s, ms'
 * ```
 */
export function topTitle(ticks: number, windowTicks: number, dt: number, paused: boolean): string {
  if (ticks === 0) return `top threads · no tick measured yet${paused ? ': paused' : ''}`;
  const span = ticks >= windowTicks ? 'the last second' : `the last ${(ticks * dt).toFixed(2)} s`;
  return `top threads · script time over ${span}, ms`;
}

/**
 * How exact the times are, from the last tick's accounting: which threads are timed alone, how often the clock is
 * read for the others, and how much time went to no thread.
 *
 * @example
 * ```ts
 * exactness(engine.accounting); // 'sampled: threads over 0.1 ms a resume timed alone (3 last tick), ...'
 * ```
 */
export function exactness(accounting: InspectedAccounting): string {
  return (
    `sampled: threads over ${accounting.timeAloneMs} ms a resume are timed at every resume; others at 1 resume in ` +
    `${count(accounting.sampleEvery)}, the rest timed in runs of ${accounting.runLength} (one clock read a run) · ` +
    `${count(accounting.timed.length)} threads timed last tick · ${accounting.unattributedMs.toFixed(2)} ms ` +
    `charged to none (pauses, slow resumes not yet confirmed)`
  );
}

/** The elements of one row of the top list. */
interface TopRow {
  item: HTMLElement;
  bar: HTMLElement;
  label: HTMLElement;
  wait: HTMLElement;
  ms: HTMLElement;
}

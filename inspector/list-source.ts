import type { InspectedEngine, InspectedThread } from './inspected.ts';
import { exactNameFor, matcherFor, ThreadSearch } from './thread-search.ts';
import { count } from './format.ts';

/** Threads scanned between two looks at the clock. */
const SLICE = 4096;

/**
 * The rows of the inspector's thread list: every live thread, the threads matching a search, or the threads picked
 * on the page (the host's `threadsAt`). A search runs in slices under a time budget per frame and is repeated while it is shown, so
 * its results follow the engine; until a repeat finishes, the previous results stay on screen.
 *
 * @example
 * ```ts
 * const source = new ListSource(engine);
 * source.setQuery('waiting grunt');
 * source.step(4, performance.now.bind(performance)); // every frame
 * source.rows.length; // matches so far
 * ```
 */
export class ListSource {
  private query = '';
  private picked: readonly InspectedThread[] | null = null;
  private search: ThreadSearch | null = null;
  private shown: readonly InspectedThread[] = [];
  private shownComplete = false;
  private lastSearchEnded = -Infinity;
  private lastSearchMs = 0;
  private searchStarted = 0;

  constructor(
    private readonly engine: InspectedEngine,
    /** Least time between the end of a search and its repeat, ms. */
    private readonly refreshMs = 1000,
  ) {}

  /** The threads to list (a live view when nothing filters them). */
  get rows(): readonly InspectedThread[] {
    if (this.picked) return this.picked;
    if (this.query === '') return this.engine.threads();
    return this.shownComplete ? this.shown : (this.search?.matches ?? this.shown);
  }

  /** Whether the rows are threads picked on the page. */
  get isPicked(): boolean {
    return this.picked !== null;
  }

  /** A line describing the rows: `1,204 matches · searching 34%`. */
  get status(): string {
    const total = this.engine.threadCount;
    if (this.picked) return `${count(this.picked.length)} picked threads`;
    if (this.query === '') return `${count(total)} live threads`;
    const matches = `${count(this.rows.length)} ${this.rows.length === 1 ? 'match' : 'matches'} of ${count(total)}`;
    if (this.shownComplete || this.search === null) return matches;
    const scanned = total === 0 ? 100 : Math.floor((this.search.scanned / total) * 100);
    return `${matches} · searching ${scanned}%`;
  }

  /** Filters the rows by `query` (see `matcherFor`); '' shows every thread. Clears a pick. */
  setQuery(query: string): void {
    this.picked = null;
    const trimmed = query.trim();
    if (trimmed === this.query) return;
    this.query = trimmed;
    this.search = null;
    this.shown = [];
    this.shownComplete = false;
    this.lastSearchEnded = -Infinity;
  }

  /** Lists exactly `threads` (picked on the page) until `clearPick` or a new query. */
  pick(threads: readonly InspectedThread[]): void {
    this.picked = [...threads];
  }

  clearPick(): void {
    this.picked = null;
  }

  /** Runs the search for up to `budgetMs` of `now()` time, starting a repeat when the last one is old enough. */
  step(budgetMs: number, now: () => number): void {
    if (this.query === '' || this.picked) return;
    const start = now();
    if (this.search === null) {
      if (start - this.lastSearchEnded < Math.max(this.refreshMs, 2 * this.lastSearchMs)) return;
      this.search = new ThreadSearch(() => this.engine.threads(), matcherFor(this.query)!, exactNameFor(this.query));
      this.searchStarted = start;
    }
    const search = this.search;
    while (!search.done && now() - start < budgetMs) search.step(SLICE);
    if (!search.done) return;
    const end = now();
    this.shown = search.matches;
    this.shownComplete = true;
    this.search = null;
    this.lastSearchEnded = end;
    this.lastSearchMs = end - this.searchStarted;
  }
}

import type { InspectedThread } from './inspected.ts';

/** Tells whether a thread matches a search. */
export type ThreadMatcher = (thread: InspectedThread) => boolean;

/**
 * Builds the matcher of a search query, or null for an empty query. The query is split into terms (words, or
 * phrases in double quotes) and a thread matches when every term does: `#812` matches that id; any other term
 * matches the id written out, a state (`waiting`), or a case-insensitive part of the thread's name or of what it
 * waits on (`sleep`, `door.opened`, `"sleep until 5"`).
 *
 * @example
 * ```ts
 * const matches = matcherFor('grunt "sleep until"');
 * engine.threads().filter(matches!); // grunts that are sleeping
 * ```
 */
export function matcherFor(query: string): ThreadMatcher | null {
  const terms = termsOf(query);
  if (terms.length === 0) return null;
  const tests = terms.map(termMatcher);
  return (thread) => tests.every((test) => test(thread));
}

/**
 * Tells the threads whose whole name is a term of the query (case-insensitive): a search lists them first, so
 * `boss` finds the boss before the director waiting on it.
 *
 * @example
 * ```ts
 * exactNameFor('boss')(bossThread); // true; false for a thread named `bossling`
 * ```
 */
export function exactNameFor(query: string): ThreadMatcher {
  const terms = new Set(termsOf(query));
  return (thread) => terms.has(thread.name.toLowerCase());
}

function termsOf(query: string): string[] {
  return [...query.toLowerCase().matchAll(/"([^"]*)"?|(\S+)/g)]
    .map((match) => (match[1] ?? match[2]!).trim())
    .filter((term) => term !== '');
}

function termMatcher(term: string): ThreadMatcher {
  const id = /^#(\d+)$/.exec(term);
  if (id) {
    const wanted = Number(id[1]);
    return (thread) => thread.id === wanted;
  }
  const lowerNames = new Map<string, string>();
  const lower = (name: string): string => {
    let cached = lowerNames.get(name);
    if (cached === undefined) lowerNames.set(name, (cached = name.toLowerCase()));
    return cached;
  };
  // Cheapest tests first: what a thread waits on is a string built on demand.
  return (thread) =>
    thread.stateName === term ||
    lower(thread.name).includes(term) ||
    String(thread.id) === term ||
    thread.waitingOn.toLowerCase().includes(term);
}

/**
 * A search over a live thread list that runs a slice at a time, so filtering a million threads never blocks a
 * frame. Matches that `first` tells (exact names) come before the others, each group in list order. The list may change between slices (threads end, others take their places): a thread moved from the
 * unscanned part into the scanned part is missed until the next search, which is why a view repeats searches.
 *
 * @example
 * ```ts
 * const search = new ThreadSearch(() => engine.threads(), matcherFor('waiting')!);
 * while (!search.done) search.step(50_000); // in a real view: one step per frame
 * console.log(search.matches.length);
 * ```
 */
export class ThreadSearch {
  private readonly firsts: InspectedThread[] = [];
  private readonly others: InspectedThread[] = [];
  private joined: InspectedThread[] | null = null;
  private cursor = 0;

  constructor(
    private readonly threads: () => readonly InspectedThread[],
    private readonly test: ThreadMatcher,
    private readonly first: ThreadMatcher = () => false,
  ) {}

  /** The matching threads found so far: those `first` tells, then the others, each in list order. */
  get matches(): readonly InspectedThread[] {
    return (this.joined ??= this.firsts.concat(this.others));
  }

  /** Whether the whole list has been scanned. */
  get done(): boolean {
    return this.cursor >= this.threads().length;
  }

  /** Threads scanned so far. */
  get scanned(): number {
    return this.cursor;
  }

  /** Scans up to `maxThreads` more threads; returns how many it scanned. */
  step(maxThreads: number): number {
    const threads = this.threads();
    const end = Math.min(threads.length, this.cursor + maxThreads);
    const start = this.cursor;
    for (let i = start; i < end; i++) {
      const thread = threads[i]!;
      if (!this.test(thread)) continue;
      (this.first(thread) ? this.firsts : this.others).push(thread);
      this.joined = null;
    }
    this.cursor = end;
    return end - start;
  }
}

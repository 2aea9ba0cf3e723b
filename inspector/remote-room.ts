import type { FeedAccounting, FeedSnapshot } from './feed-snapshot.ts';
import type { InspectedAccounting, InspectedEngine, InspectedThread, RecentScriptTime } from './inspected.ts';
import { RemoteThread } from './remote-thread.ts';

/** A live room a server's inspection endpoint lists: `GET /rooms`. */
export interface RoomListing {
  roomId: string;
  /** The room type's name (`arena`). */
  name: string;
  clients: number;
  tick: number;
  threads: number;
}

/** Options of {@link RemoteRoom}. */
export interface RemoteRoomOptions {
  /** Time between two requests while the panel is open, ms. Default 250 (the panel redraws at that rate). */
  everyMs?: number;
  /** Default: the page's `fetch`. */
  fetch?: typeof fetch;
}

const NO_ACCOUNTING: FeedAccounting = {
  tickMs: 0, tickResumes: 0, carriedOver: 0, unattributedMs: 0, timeAloneMs: 0, sampleEvery: 0, runLength: 0, timed: 0,
};

/**
 * A room on a server, inspected through the server's inspection endpoint (`startInspection` in
 * `loom-threads/colyseus`): `attachInspector(room)` shows it in the same panel as a local engine. While the panel is
 * open (its accounting `enabled`), it asks for a snapshot every `everyMs`, with the selected thread's details, and
 * mirrors it: threads keep their objects across snapshots, and one gone from the feed has ended. It only reads.
 *
 * @example
 * ```ts
 * import { attachInspector, listRooms, RemoteRoom } from 'loom-threads/inspector';
 *
 * const [first] = await listRooms('http://127.0.0.1:2568');
 * attachInspector(new RemoteRoom('http://127.0.0.1:2568', first!.roomId), { open: true });
 * ```
 */
export class RemoteRoom implements InspectedEngine {
  tick = 0;
  dt = 1 / 60;
  paused = false;
  threadCount = 0;
  /** Why the last request failed (the room closed, the server stopped), or null. */
  problem: string | null = null;
  /** Whether the endpoint said the room is gone (404): a room never comes back, so it is asked no more. */
  closed = false;
  /** Live threads per shown state, as the server counted them (all of them, listed or not). */
  states: Record<string, number> = {};
  /** Called after each snapshot is mirrored. */
  onSnapshot: (() => void) | null = null;
  private readonly remoteAccounting: RemoteAccounting;
  private readonly remoteRecent: RemoteScriptTime;
  private listed: RemoteThread[] = [];
  private readonly byId = new Map<number, RemoteThread>();
  private byParent: Map<number, RemoteThread[]> | null = null;
  private selectedId: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly fetch: typeof fetch;

  constructor(
    /** The inspection endpoint: `http://127.0.0.1:2568`. */
    readonly url: string,
    readonly roomId: string,
    private readonly options: RemoteRoomOptions = {},
  ) {
    this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.remoteAccounting = new RemoteAccounting((on) => (on ? this.poll() : this.stopPolling()));
    this.remoteRecent = new RemoteScriptTime();
  }

  /** The accounting totals and times the server measured; `enabled` (the panel open) asks for snapshots. */
  get accounting(): InspectedAccounting {
    return this.remoteAccounting;
  }

  /** The top list, as the server summed it over its last second of ticks. */
  get recent(): RecentScriptTime {
    return this.remoteRecent;
  }

  /** The threads the last snapshot listed, in the server engine's order. */
  threads(): readonly InspectedThread[] {
    return this.listed;
  }

  /** Asks for `thread`'s details from the next snapshot on (the panel's selection). */
  follow(thread: InspectedThread | null): void {
    this.selectedId = thread?.id ?? null;
  }

  /** Asks for one snapshot now and mirrors it. */
  async refresh(): Promise<void> {
    const query = this.selectedId === null ? '' : `?thread=${this.selectedId}`;
    const address = `${this.url}/rooms/${encodeURIComponent(this.roomId)}${query}`;
    try {
      const response = await this.fetch(address);
      this.closed = response.status === 404;
      if (!response.ok) throw new Error(`${response.status} ${(await response.text()).trim()}`);
      this.apply((await response.json()) as FeedSnapshot);
      this.problem = null;
    } catch (error) {
      this.problem = `room ${this.roomId} at ${this.url}: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  /** Mirrors a snapshot: the threads it lists, their counts, the totals and the top list. */
  apply(snapshot: FeedSnapshot): void {
    Object.assign(this, { tick: snapshot.tick, dt: snapshot.dt, paused: snapshot.paused, threadCount: snapshot.threadCount, states: snapshot.states });
    this.remoteAccounting.last = snapshot.accounting;
    const listed: RemoteThread[] = [];
    const seen = new Set<number>();
    for (const row of snapshot.threads) {
      let thread = this.byId.get(row.id);
      if (thread === undefined) this.byId.set(row.id, (thread = new RemoteThread(row, this.lookup, this.childrenOf)));
      thread.row = row;
      thread.details = null;
      seen.add(row.id);
      listed.push(thread);
    }
    for (const [id, thread] of this.byId) {
      if (seen.has(id)) continue;
      thread.alive = false;
      this.byId.delete(id);
    }
    this.listed = listed;
    this.byParent = null;
    const selected = snapshot.selected === null ? undefined : this.byId.get(snapshot.selected.id);
    if (selected !== undefined) selected.details = snapshot.selected;
    this.remoteAccounting.timed = listed.filter((thread) => thread.row.ms > 0);
    this.remoteRecent.apply(snapshot.top, this.lookup);
    this.onSnapshot?.();
  }

  private readonly lookup = (id: number): RemoteThread | undefined => this.byId.get(id);

  private readonly childrenOf = (id: number): RemoteThread[] => {
    if (this.byParent === null) {
      this.byParent = new Map();
      for (const thread of this.listed) {
        const parent = thread.row.parent;
        if (parent === null) continue;
        const siblings = this.byParent.get(parent);
        if (siblings === undefined) this.byParent.set(parent, [thread]);
        else siblings.push(thread);
      }
    }
    return this.byParent.get(id) ?? [];
  };

  // One request at a time: the next is asked for `everyMs` after the last answer, so a slow server is asked less.
  private poll(): void {
    if (this.timer !== null) return;
    const next = (): void => {
      void this.refresh().then(() => {
        if (this.closed) this.timer = null;
        if (this.timer !== null) this.timer = setTimeout(next, this.options.everyMs ?? 250);
      });
    };
    this.timer = setTimeout(next, 0);
  }

  private stopPolling(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** The last tick's accounting totals and each listed thread's times, as the feed sent them. */
class RemoteAccounting implements InspectedAccounting {
  last: FeedAccounting = NO_ACCOUNTING;
  timed: readonly InspectedThread[] = [];
  private on = false;

  constructor(private readonly onChange: (on: boolean) => void) {}

  get enabled(): boolean {
    return this.on;
  }
  set enabled(on: boolean) {
    if (on === this.on) return;
    this.on = on;
    this.onChange(on);
  }

  get tickMs(): number {
    return this.last.tickMs;
  }
  get tickResumes(): number {
    return this.last.tickResumes;
  }
  get carriedOver(): number {
    return this.last.carriedOver;
  }
  get unattributedMs(): number {
    return this.last.unattributedMs;
  }
  get timeAloneMs(): number {
    return this.last.timeAloneMs;
  }
  get sampleEvery(): number {
    return this.last.sampleEvery;
  }
  get runLength(): number {
    return this.last.runLength;
  }

  resumesOf(thread: InspectedThread): number {
    return thread instanceof RemoteThread ? thread.row.resumes : 0;
  }
  threadMs(thread: InspectedThread): number {
    return thread instanceof RemoteThread ? thread.row.ms : 0;
  }
  threadAverageMs(thread: InspectedThread): number {
    return thread instanceof RemoteThread ? thread.row.msAverage : 0;
  }
}

/** The top list as the server summed it. */
class RemoteScriptTime implements RecentScriptTime {
  ticks = 0;
  windowTicks = 60;
  private entries: { thread: InspectedThread; ms: number }[] = [];

  apply(top: FeedSnapshot['top'], lookup: (id: number) => RemoteThread | undefined): void {
    this.ticks = top.ticks;
    this.windowTicks = top.windowTicks;
    this.entries = [];
    for (const [id, ms] of top.entries) {
      const thread = lookup(id);
      if (thread !== undefined) this.entries.push({ thread, ms });
    }
  }

  top(count: number): readonly { thread: InspectedThread; ms: number }[] {
    return this.entries.slice(0, count);
  }
}

/**
 * The live rooms a server's inspection endpoint lists, to pick one from.
 *
 * @example
 * ```ts
 * const rooms = await listRooms('http://127.0.0.1:2568'); // [{ roomId: 'xY3k', name: 'arena', clients: 2, ... }]
 * ```
 */
export async function listRooms(url: string, fetcher: typeof fetch = globalThis.fetch.bind(globalThis)): Promise<RoomListing[]> {
  const response = await fetcher(`${url}/rooms`);
  if (!response.ok) throw new Error(`${url}/rooms: ${response.status} ${(await response.text()).trim()}`);
  return ((await response.json()) as { rooms: RoomListing[] }).rooms;
}

import type { Engine } from 'loom-threads';
import { EngineFeed, type EngineFeedOptions, type FeedSnapshot, type RoomListing } from 'loom-threads/inspector/feed';

/** What the inspection reads of a room: `LoomRoom` has it. */
export interface InspectableRoom {
  readonly roomId: string;
  readonly roomName: string;
  readonly clients: { readonly length: number };
  readonly session: { readonly sim: { readonly engine: Engine } };
}

/**
 * The rooms a server lets the inspector read: each Loom room defined with `inspect` set to one adds itself when
 * created and leaves when disposed. It answers the inspection endpoint ({@link startInspection}); a room with no
 * `inspect` setting is never in one. Snapshots are taken only when asked for (see `EngineFeed`).
 *
 * @example
 * ```ts
 * const inspection = new RoomInspection();
 * server.define('arena', defineLoomRoom({ game, inspect: inspection }));
 * inspection.rooms(); // [{ roomId, name: 'arena', clients, tick, threads }]
 * ```
 */
export class RoomInspection {
  private readonly feeds = new Map<string, { room: InspectableRoom; feed: EngineFeed }>();

  private readonly options: EngineFeedOptions;

  /** `options` of each room's feed; source files are named from the server's directory unless `root` says otherwise. */
  constructor(options: EngineFeedOptions = {}) {
    this.options = { root: process.cwd(), ...options };
  }

  /** Makes `room` inspectable until {@link remove}. */
  add(room: InspectableRoom): void {
    this.feeds.set(room.roomId, { room, feed: new EngineFeed(room.session.sim.engine, this.options) });
  }

  /** The room is gone: its engine's accounting is as it was, and it is no longer listed. */
  remove(room: InspectableRoom): void {
    this.feeds.get(room.roomId)?.feed.close();
    this.feeds.delete(room.roomId);
  }

  /** The inspectable rooms now. */
  rooms(): RoomListing[] {
    return [...this.feeds.values()].map(({ room }) => {
      const engine = room.session.sim.engine;
      return { roomId: room.roomId, name: room.roomName, clients: room.clients.length, tick: engine.tick, threads: engine.threadCount };
    });
  }

  /** A snapshot of room `roomId` with `thread`'s details, or null if there is no such room. */
  snapshot(roomId: string, thread: number | null, nowMs: number): FeedSnapshot | null {
    return this.feeds.get(roomId)?.feed.snapshot(thread, nowMs) ?? null;
  }

  /** Whether room `roomId`'s feed is watching its engine (asked for lately). */
  watching(roomId: string): boolean {
    return this.feeds.get(roomId)?.feed.watching ?? false;
  }

  /** Stops watching the rooms nobody asked about lately. */
  idle(nowMs: number): void {
    for (const { feed } of this.feeds.values()) feed.idle(nowMs);
  }

  /** Stops watching every room. */
  close(): void {
    for (const { feed } of this.feeds.values()) feed.close();
  }
}

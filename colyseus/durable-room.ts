import { matchMaker, type Client } from '@colyseus/core';
import { Restore, type Simulation } from 'loom-threads';
import { LoomRoom, type LoomRoomSettings } from './loom-room.ts';
import { ROOM_MOVED, parseRejoinTicket, type RejoinTicket } from './rejoin-ticket.ts';
import type { PendingRebuild, RoomCluster } from './room-cluster.ts';
import { RoomLog, type RoomLogState } from './room-log.ts';
import { RoomMail, type RoomMailOptions } from './room-mail.ts';
import { RoomSession, type SessionResume } from './room-session.ts';

// Milliseconds of re-simulation between two turns of the event loop while a room is rebuilt.
const RESTORE_SLICE_MS = 8;
// Milliseconds between two checks that the room is still listed.
const RELIST_MS = 2000;

/** How a durable room runs: a Loom room's settings, and the cluster its log and failover belong to. */
export interface DurableRoomSettings<S extends Simulation = Simulation> extends LoomRoomSettings<S> {
  cluster: RoomCluster;
  /** How its mail to other rooms is checked and kept (when its game has an outbox). */
  mail?: RoomMailOptions;
}

/**
 * A Loom room whose log is in Redis as it runs ({@link RoomLog}), so that it outlives its process: when the process
 * dies, another one claims the room's lease and creates it again under the same id, and this class re-simulates its
 * log there (same thread ids, same world, checked against the log's last checkpoint hash). Each player gets a
 * {@link RejoinTicket} on join (`'rejoin'`); with it, a player whose process died joins the rebuilt room by id and
 * takes back its seat. Seats nobody rejoins within `graceSeconds` are given up. A copy that finds its room moved
 * (its process was paused past the lease) stops at once and closes its clients with {@link ROOM_MOVED}.
 *
 * @example
 * ```ts
 * server.define('arena', defineDurableRoom({ game: arenaGame(), cluster }));
 * ```
 */
export abstract class DurableLoomRoom<S extends Simulation = Simulation> extends LoomRoom<S> {
  protected abstract override readonly settings: DurableRoomSettings<S>;
  /** The room's log in Redis. */
  log!: RoomLog;
  /** Its mail to and from other rooms, when its game has an outbox. */
  mail: RoomMail | null = null;
  /** Each seat's rejoin token; null for a free seat. */
  private tokens: (string | null)[] = [];
  private restored: SessionResume<S> | null = null;

  override async onCreate(options: { seed?: unknown; loomRebuild?: unknown } = {}): Promise<void> {
    const { cluster } = this.settings;
    const rebuild = typeof options.loomRebuild === 'string' ? cluster.takeRebuild(options.loomRebuild) : undefined;
    if (rebuild !== undefined) this.roomId = rebuild.logged.roomId;
    this.log = new RoomLog(cluster.redis, this.roomId, this.roomName, rebuild?.owner ?? cluster.newOwner(), cluster.logOptions);
    this.log.onMoved = () => void this.leaveMoved();
    this.log.onState = (state) => this.logState(state);
    const confirmedAt = rebuild === undefined ? 0 : await this.resimulate(rebuild);
    super.onCreate(options);
    this.tokens = rebuild?.logged.seats.slice() ?? new Array<string | null>(this.settings.game.seats).fill(null);
    if (rebuild === undefined) {
      await this.log.open(this.session.recorder);
    } else {
      this.log.adopt(this.session.recorder, rebuild.logged.position, this.tokens, confirmedAt);
      this.awaitRejoins();
    }
    const outbox = this.settings.game.outbox?.(this.session.sim);
    if (outbox !== undefined) this.mail = new RoomMail(cluster.redis, this.log, this.session.recorder, outbox, this.settings.mail, rebuild?.logged.mail);
    this.clock.setInterval(() => void this.relist(), RELIST_MS);
    cluster.rooms.add(this);
  }

  /**
   * Hands the room to the cluster's other processes, this one shutting down ({@link RoomCluster.handOver}): it stops
   * ticking, its log gets every tick it ran and its lease is given up with the log kept, then its clients are closed
   * with {@link ROOM_MOVED}. Another process rebuilds it from the log at once, and its players rejoin there with
   * their tickets, nothing lost. If Redis did not take the whole log, the lease lapses as after a crash.
   */
  async handOver(): Promise<void> {
    await this.mail?.settled();
    const tick = await this.log.release();
    if (this.log.state !== 'moved') console.log(`[loom room ${this.roomId}] ${tick === null ? 'handed over as after a crash: Redis did not take its whole log' : `handed over at tick ${tick}: its log holds every tick`}`);
    await this.leaveForCopy();
  }

  /**
   * Puts the room's listing back if it went while the room still holds its lease. Colyseus deletes every listing of
   * a process that misses one health check (a stall of 2 s) while its rooms run on (issue 968's hidden rooms), and a
   * health check of a dead process can delete the listing of its room rebuilt here (issue 850's stale caches).
   */
  private async relist(): Promise<void> {
    if (this.log.state === 'moved' || this.log.state === 'closed' || (await matchMaker.driver.has(this.roomId))) return;
    console.warn(`[loom room ${this.roomId}] its listing had gone from Redis (a missed health check): listed again`);
    await this.listing.save();
  }

  protected override createSession(options: object, seed: number, tickRate: number): RoomSession<S> {
    const restored = this.restored;
    if (restored === null) return super.createSession(options, seed, tickRate);
    this.restored = null;
    return new RoomSession(this.settings.game, this.sessionOptions(seed, tickRate), restored);
  }

  /**
   * Re-simulates the room's log in slices of `RESTORE_SLICE_MS`, so the process's other rooms keep ticking, renewing
   * the lease as it goes; throws, naming the diverging thread, if the log does not reach its last checkpoint's hash.
   * Returns when the lease was last confirmed.
   */
  private async resimulate(rebuild: PendingRebuild): Promise<number> {
    const { recording, position, seats } = rebuild.logged;
    const restoring = new Restore(recording, this.settings.game.create);
    let confirmedAt = rebuild.claimedAt;
    while (!restoring.run(RESTORE_SLICE_MS)) {
      await new Promise((resolve) => setImmediate(resolve));
      if (this.log.now() - confirmedAt < this.log.leaseMs / 3) continue;
      const renewed = await this.log.renew(position, recording.ticks);
      if (!renewed.held) throw new Error(`room ${this.roomId}: lost its lease while it was being rebuilt`);
      confirmedAt = renewed.sentAt;
    }
    this.restored = { recorder: restoring.finish(), taken: seats.map((token) => token !== null) };
    return confirmedAt;
  }

  override onJoin(client: Client, options: { rejoin?: unknown } = {}): void {
    if (options.rejoin !== undefined) {
      this.rejoin(client, options.rejoin);
      return;
    }
    super.onJoin(client);
    const { seat } = client.userData as { seat: number };
    this.tokens[seat] = crypto.randomUUID();
    this.log.setSeats(this.tokens);
    this.sendTicket(client, seat);
  }

  override onDispose(): void | Promise<void> {
    super.onDispose();
    this.settings.cluster.rooms.delete(this);
    return this.log?.close();
  }

  protected override runTick(): void {
    if (!this.log.mayTick()) return;
    const start = performance.now();
    this.mail?.beforeTick();
    super.runTick();
    this.forgetFreedSeats();
    this.log.afterTick();
    this.mail?.afterTick();
    this.settings.cluster.countTick(performance.now() - start);
  }

  // Said clearly, to the operator and to the players: a room that is not durable would not survive its process.
  private logState(state: RoomLogState): void {
    const durable = state === 'durable';
    console.warn(`[loom room ${this.roomId}] log in Redis: ${durable ? 'durable again' : 'NOT durable until Redis answers and the log catches up'}`);
    this.broadcast('durable', durable);
    // A Redis that came back empty lost the room's listing too: clients could not join it by id.
    if (durable) void this.listing.save();
  }

  private rejoin(client: Client, value: unknown): void {
    const ticket = parseRejoinTicket(value);
    const refuse = (why: string): never => {
      throw new Error(`room ${this.roomId}: client ${client.sessionId} cannot rejoin: ${why}`);
    };
    if (ticket === null) refuse('the rejoin option is not a ticket ({ roomId, seat, token })');
    const { seat, token } = ticket!;
    if (ticket!.roomId !== this.roomId || this.tokens[seat] !== token || !this.session.isTaken(seat)) refuse(`no seat ${seat} with that token`);
    if (this.clients.some((other) => other !== client && (other.userData as { seat?: number } | undefined)?.seat === seat)) refuse(`seat ${seat} is played by another client`);
    this.seatClient(client, seat);
    this.sendTicket(client, seat);
  }

  private sendTicket(client: Client, seat: number): void {
    const ticket: RejoinTicket = { roomId: this.roomId, seat, token: this.tokens[seat]! };
    client.send('rejoin', ticket);
  }

  // A rebuilt room waits for its players: it is kept while they may rejoin, then gives up the seats nobody took back.
  private awaitRejoins(): void {
    this.autoDispose = false;
    this.clock.setTimeout(() => {
      const played = new Set(this.clients.map((client) => (client.userData as { seat?: number } | undefined)?.seat));
      for (let seat = 0; seat < this.tokens.length; seat++) if (!played.has(seat)) this.session.freeSeat(seat);
      this.forgetFreedSeats();
      this.autoDispose = true;
    }, (this.settings.graceSeconds ?? 10) * 1000);
  }

  private forgetFreedSeats(): void {
    let changed = false;
    for (let seat = 0; seat < this.tokens.length; seat++) {
      if (this.tokens[seat] !== null && !this.session.isTaken(seat)) {
        this.tokens[seat] = null;
        changed = true;
      }
    }
    if (changed) this.log.setSeats(this.tokens);
  }

  // Another process holds the room now: stop here without touching its listing, which is the new copy's.
  private async leaveMoved(): Promise<void> {
    console.warn(`[loom room ${this.roomId}] now runs on another process: this copy stops (its clients rejoin there)`);
    await this.leaveForCopy();
  }

  // Stops here leaving the room's listing alone, which is, or soon will be, the copy's on another process; its
  // clients are closed with ROOM_MOVED and rejoin there.
  private async leaveForCopy(): Promise<void> {
    this.listing = matchMaker.driver.createInstance({ name: this.roomName, processId: matchMaker.processId });
    await this.disconnect(ROOM_MOVED);
  }
}

/**
 * Makes a durable room class for a game, to `define` on each server process of a cluster.
 *
 * @example
 * ```ts
 * server.define('arena', defineDurableRoom({ game: arenaGame(), cluster: new RoomCluster({ redis }) }));
 * ```
 */
export function defineDurableRoom<S extends Simulation>(settings: DurableRoomSettings<S>): new () => DurableLoomRoom<S> {
  return class extends DurableLoomRoom<S> {
    protected readonly settings = settings;
  };
}

import { matchMaker } from '@colyseus/core';
import type { Redis } from 'ioredis';
import { readRoomLog, type LoggedRoom } from './room-log-reader.ts';
import type { RoomLogOptions } from './room-log.ts';
import { ROOM_INDEX, roomKeys, roomLogCommands, type RoomLogCommands } from './room-log-scripts.ts';

// Tick times kept for the figures: a minute of one room at 60 ticks, or a few seconds of many.
const TICK_SAMPLES = 4096;

/** Options of {@link RoomCluster}. */
export interface RoomClusterOptions extends RoomLogOptions {
  /** The Redis the rooms' logs go to (the one the processes share). */
  redis: Redis;
  /** Milliseconds between two scans for rooms whose lease has lapsed. Default 500. */
  scanMs?: number;
}

/** A room this process has claimed and is rebuilding: what its room's `onCreate` takes over. */
export interface PendingRebuild {
  logged: LoggedRoom;
  owner: string;
  claimedAt: number;
}

/** A rebuild this process did: the room, the ticks re-simulated, and its time from claim to created, in ms. */
export interface RebuildRecord {
  roomId: string;
  ticks: number;
  ms: number;
  previousOwner: string;
}

/**
 * The processes' shared side of durable rooms, one per server process: the Redis connection the logs use, the log
 * options, and the failover scan. Every `scanMs` it lists the rooms with a log and, for each whose lease has lapsed
 * (its process died or stalled), tries to claim the lease; the one process that wins reads the log and creates the
 * room again here, under the same room id (`matchMaker.handleCreateRoom`), where the room re-simulates it.
 *
 * @example
 * ```ts
 * const cluster = new RoomCluster({ redis: new Redis(url) });
 * server.define('arena', defineDurableRoom({ game, cluster }));
 * await server.listen(port, host);
 * cluster.start();
 * ```
 */
export class RoomCluster {
  readonly redis: Redis;
  readonly logOptions: RoomLogOptions;
  readonly scanMs: number;
  /** Every rebuild this process did, in order. */
  readonly rebuilds: RebuildRecord[] = [];
  /** The last `TICK_SAMPLES` ticks' times of this process's durable rooms, in ms, the oldest overwritten first. */
  readonly tickMs: number[] = [];
  private tickAt = 0;
  private readonly commands: RoomLogCommands;
  private readonly pending = new Map<string, PendingRebuild>();
  private timer: ReturnType<typeof setInterval> | null = null;
  /** The durable rooms running here, which {@link handOver} hands over. */
  readonly rooms = new Set<{ handOver(): Promise<void> }>();
  private scanning = false;

  constructor(options: RoomClusterOptions) {
    const { redis, scanMs, ...log } = options;
    this.redis = redis;
    this.logOptions = log;
    this.scanMs = scanMs ?? 500;
    this.commands = roomLogCommands(redis);
    // One line per outage (ioredis retries on its own); each room says whether its log is durable.
    let down = false;
    redis.on('error', (error: Error) => {
      if (!down) console.warn(`[loom cluster] Redis: ${error.message}; retrying`);
      down = true;
    });
    redis.on('ready', () => void (down = false));
  }

  /** A fresh lease owner for a room on this process: the process id and a random part. */
  newOwner(): string {
    return `${matchMaker.processId}:${crypto.randomUUID().slice(0, 8)}`;
  }

  /** Starts the failover scan (after the server listens). */
  start(): void {
    this.timer ??= setInterval(() => void this.scan(), this.scanMs);
  }

  /** Stops the failover scan. */
  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * Hands every room here to the cluster's other processes, this one shutting down (SIGTERM, a rolling restart):
   * stops the failover scan, then each room stops ticking, logs every tick it ran, gives up its lease keeping its log,
   * and closes its clients with ROOM_MOVED. Another process's scan rebuilds each at once; the players rejoin there.
   *
   * @example
   * ```ts
   * process.once('SIGTERM', () => void cluster.handOver().then(() => server.gracefullyShutdown()));
   * ```
   */
  async handOver(): Promise<void> {
    this.stop();
    const rooms = [...this.rooms];
    await Promise.all(rooms.map((room) => room.handOver()));
    if (rooms.length > 0 && !(await this.othersListed())) {
      const minutes = (this.logOptions.keepMs ?? 600_000) / 60_000;
      console.log(`[loom cluster] no other server process is running: the ${rooms.length} room(s) handed over wait in Redis until one starts (their logs expire ${minutes} minutes after their last append), and their players only for the rooms' grace period`);
    }
  }

  // Whether another process of the cluster is listed (Colyseus lists each live process's room count).
  private async othersListed(): Promise<boolean> {
    const listed = await matchMaker.stats.fetchAll().catch(() => []);
    return listed.some((entry) => entry.processId !== matchMaker.processId);
  }

  /** Counts one tick of a room here that took `ms` (its step, view and log append). */
  countTick(ms: number): void {
    this.tickMs[this.tickAt] = ms;
    this.tickAt = (this.tickAt + 1) % TICK_SAMPLES;
  }

  /** The rebuild `key` names, once: a room's `onCreate` takes it (a client's join options cannot name one that exists). */
  takeRebuild(key: string): PendingRebuild | undefined {
    const rebuild = this.pending.get(key);
    this.pending.delete(key);
    return rebuild;
  }

  /** One scan: claims and rebuilds here every listed room whose lease has lapsed; returns how many it rebuilt. */
  async scan(): Promise<number> {
    if (this.scanning) return 0;
    this.scanning = true;
    try {
      const elsewhere = Object.keys(await this.redis.hgetall(ROOM_INDEX)).filter((roomId) => matchMaker.getLocalRoomById(roomId) === undefined);
      const pipeline = this.redis.pipeline();
      for (const roomId of elsewhere) pipeline.exists(roomKeys(roomId).lease);
      const leased = (await pipeline.exec()) ?? [];
      let rebuilt = 0;
      for (const [i, roomId] of elsewhere.entries()) {
        if (leased[i]?.[1] === 0 && await this.rebuild(roomId)) rebuilt++;
      }
      return rebuilt;
    } catch (error) {
      console.error(`[loom cluster] failover scan failed: ${String(error)}`);
      return 0;
    } finally {
      this.scanning = false;
    }
  }

  private async rebuild(roomId: string): Promise<boolean> {
    const owner = this.newOwner();
    const now = this.logOptions.now ?? (() => performance.now());
    const claimedAt = now();
    const previousOwner = await this.commands.claim(roomKeys(roomId), owner, this.logOptions.leaseMs ?? 3000);
    if (previousOwner === null) {
      if ((await this.redis.exists(roomKeys(roomId).head)) === 0) await this.redis.hdel(ROOM_INDEX, roomId); // expired
      return false;
    }
    const logged = await readRoomLog(this.redis, roomId);
    if (logged === null) return false;
    const previousProcess = previousOwner.split(':')[0]!;
    // New rooms must not be placed on the process that lost this one (Colyseus issue 978's duplicate rooms).
    if (previousProcess !== matchMaker.processId) await matchMaker.stats.excludeProcess(previousProcess);
    const key = crypto.randomUUID();
    this.pending.set(key, { logged, owner, claimedAt });
    try {
      await matchMaker.handleCreateRoom(logged.roomName, { loomRebuild: key });
    } catch (error) {
      this.pending.delete(key);
      // Not retried elsewhere: a log that does not rebuild would fail the same way. It stays in Redis to look at.
      await this.redis.hdel(ROOM_INDEX, roomId);
      console.error(`[loom cluster] room ${roomId} (${logged.roomName}) could not be rebuilt from its log: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
    const record = { roomId, ticks: logged.recording.ticks, ms: now() - claimedAt, previousOwner };
    this.rebuilds.push(record);
    console.log(`[loom cluster] room ${roomId} rebuilt here from its log at tick ${record.ticks} in ${record.ms.toFixed(0)} ms (its lease was ${previousOwner}'s)`);
    return true;
  }
}

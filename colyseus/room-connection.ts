/**
 * The part of a colyseus.js `Room` a {@link RoomConnection} uses: typed by shape, so this module loads without
 * colyseus.js (and a test or another client library can supply its own).
 */
export interface ConnectedRoom {
  readonly roomId: string;
  readonly reconnectionToken: string;
  onLeave(callback: (code: number) => void): unknown;
  leave(consented?: boolean): Promise<number>;
}

/**
 * How a dropped client gets back into its room: `attempt` counts from 1. The default, {@link reconnectWith}, asks the
 * same server with the room's reconnection token; a room rebuilt elsewhere (failover) needs another way.
 */
export type Rejoin<R extends ConnectedRoom> = (lost: R, attempt: number) => Promise<R>;

/** Where a connection stands. */
export type ConnectionStatus =
  | { state: 'connected'; roomId: string }
  /** Dropped; trying again: `attempt` of `attempts`, the next after `delayMs`. */
  | { state: 'reconnecting'; roomId: string; attempt: number; attempts: number; delayMs: number; code: number }
  /** Given up, with why (a sentence for the player). */
  | { state: 'lost'; roomId: string; reason: string }
  /** Left on purpose. */
  | { state: 'left'; roomId: string };

/** Options of {@link RoomConnection}. */
export interface RoomConnectionOptions<R extends ConnectedRoom> {
  /** How to get back in: `reconnectWith(client)` for colyseus.js. */
  rejoin: Rejoin<R>;
  /** Hooks a room's messages: called with the first room and with each one a reconnection brings. */
  attach(room: R): void;
  /** Told each change of status. */
  onStatus?(status: ConnectionStatus): void;
  /** The most tries after one drop. Default 8. */
  attempts?: number;
  /** The wait before the first try, doubled after each failure. Default 250 ms. */
  delayMs?: number;
  /** The longest wait between two tries. Default 2000 ms. */
  maxDelayMs?: number;
  /**
   * How long the room keeps a dropped client's seat (its `graceSeconds`, in ms): no try starts after it, since the
   * seat is gone by then. Default: no limit but `attempts`.
   */
  graceMs?: number;
}

/** The close code of a consented leave (colyseus's `CloseCode.CONSENTED`): the room ended it, do not come back. */
const CONSENTED = 4000;
/** How long `leave()` waits for the server to confirm: a connection already closed never does (colyseus.js). */
const LEAVE_WAIT_MS = 1000;

/**
 * Keeps a client in its room: when the connection drops (anything but a consented leave), it tries to get back in
 * with `rejoin`, waiting longer after each failure, at most `attempts` times and never after the room's grace period;
 * each room it gets is handed to `attach`, so messages flow again with the same seat. `onStatus` hears
 * `reconnecting`, then `connected` or `lost` (with why). `leave()` is a consented leave and never hangs.
 *
 * @example
 * ```ts
 * const client = new Client('ws://127.0.0.1:2567');
 * const connection = new RoomConnection(await client.joinOrCreate('arena'), {
 *   rejoin: reconnectWith(client),
 *   graceMs: 10_000,
 *   attach: (room) => room.onMessage('view', draw),
 *   onStatus: (status) => (hud.textContent = status.state),
 * });
 * ```
 */
export class RoomConnection<R extends ConnectedRoom> {
  private current: R;
  private now: ConnectionStatus;
  private leaving = false;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(room: R, private readonly options: RoomConnectionOptions<R>) {
    this.current = room;
    this.now = { state: 'connected', roomId: room.roomId };
    this.adopt(room);
  }

  /** The room messages go to now: a reconnection replaces it. */
  get room(): R {
    return this.current;
  }

  /** Where the connection stands now. */
  get status(): ConnectionStatus {
    return this.now;
  }

  /** Leaves for good (consented: the room frees the seat at once). Settles within a second whatever the socket does. */
  leave(): Promise<void> {
    this.leaving = true;
    if (this.timer !== null) clearTimeout(this.timer);
    const wasConnected = this.now.state === 'connected';
    this.set({ state: 'left', roomId: this.current.roomId });
    if (!wasConnected) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const waited = setTimeout(resolve, LEAVE_WAIT_MS);
      const done = (): void => {
        clearTimeout(waited);
        resolve();
      };
      this.current.leave(true).then(done, done);
    });
  }

  private adopt(room: R): void {
    this.current = room;
    this.options.attach(room);
    room.onLeave((code) => {
      if (this.leaving || room !== this.current) return;
      if (code === CONSENTED) this.set({ state: 'lost', roomId: room.roomId, reason: `the room ${room.roomId} closed the connection` });
      else this.retry(room, code, Date.now(), 1);
    });
  }

  private retry(lost: R, code: number, droppedAt: number, attempt: number): void {
    const attempts = this.options.attempts ?? 8;
    const delayMs = Math.min(this.options.maxDelayMs ?? 2000, (this.options.delayMs ?? 250) * 2 ** (attempt - 1));
    const grace = this.options.graceMs ?? Infinity;
    if (attempt > attempts) return this.giveUp(lost, `${attempts} tries to reconnect failed`);
    if (Date.now() + delayMs - droppedAt > grace) return this.giveUp(lost, `the room's grace period (${grace / 1000} s) is over: the seat is given up`);
    this.set({ state: 'reconnecting', roomId: lost.roomId, attempt, attempts, delayMs, code });
    this.timer = setTimeout(() => {
      this.timer = null;
      this.options.rejoin(lost, attempt).then(
        (room) => {
          if (this.leaving) return void room.leave(true).catch(() => {});
          this.adopt(room);
          this.set({ state: 'connected', roomId: room.roomId });
        },
        () => {
          if (!this.leaving) this.retry(lost, code, droppedAt, attempt + 1);
        },
      );
    }, delayMs);
  }

  private giveUp(lost: R, why: string): void {
    this.set({ state: 'lost', roomId: lost.roomId, reason: `lost the connection to room ${lost.roomId}: ${why}` });
  }

  private set(status: ConnectionStatus): void {
    this.now = status;
    this.options.onStatus?.(status);
  }
}

/**
 * The usual way back in: the same server, with the lost room's reconnection token (colyseus.js's
 * `client.reconnect`). It works while the room keeps the seat (its grace period).
 *
 * @example
 * ```ts
 * new RoomConnection(room, { rejoin: reconnectWith(client), attach });
 * ```
 */
export function reconnectWith<R extends ConnectedRoom>(client: { reconnect(token: string): Promise<R> }): Rejoin<R> {
  return (lost) => client.reconnect(lost.reconnectionToken);
}

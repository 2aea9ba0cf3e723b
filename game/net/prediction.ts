import { PLAYER_SPEED } from '../scripts/player.ts';
import type { InputState } from '../sim/input-state.ts';

/** How fast a correction fades: the share of it left after one second. */
const CORRECTION_LEFT_AFTER_1S = 0.0005;
/** A correction larger than this many arena units is a jump (a respawn, a knockback): shown at once. */
const SNAP = 120;

interface Sent {
  seq: number;
  /** The client's tick it was sent at. */
  local: number;
  dx: number;
  dy: number;
}

/** Where a ship may be: its radius inside the arena's walls. */
export interface Bounds {
  width: number;
  height: number;
  radius: number;
}

/**
 * Client-side prediction of the player's own ship. The server holds a seat's last input until a newer one lands,
 * and moves the ship by it every tick; the ship's script reads it one tick after it lands. So from the server's last
 * view (the ship at (x, y) at tick V) and the acknowledgement in it (input `seq` took effect at server tick T,
 * having been sent at the client's tick L: a lag of T − L ticks), the client replays the ticks after V up to its
 * own tick plus that lag, each with the input then in effect: steering answers at once. A view that disagrees with
 * the prediction leaves the difference as an offset that fades within a fraction of a second, so corrections slide
 * instead of jumping. Dashes and knockback are not predicted: the views bring them in the same way.
 *
 * @example
 * ```ts
 * prediction.sent(seq, localTick, input);                         // after sending an input
 * prediction.serverSaw(ship.x, ship.y, frame.tick, frame.acks[seat]); // each view
 * const at = prediction.shown(localTick, frameSeconds);            // each frame: where to draw the ship
 * ```
 */
export class ShipPrediction {
  private log: Sent[] = [];
  private base: { x: number; y: number; tick: number } | null = null;
  /** Server ticks ahead of the client's when an input lands there. */
  private lag = 0;
  private offsetX = 0;
  private offsetY = 0;
  private lastShown: { x: number; y: number } | null = null;

  constructor(private readonly bounds: Bounds, private readonly dt: number) {}

  /**
   * Forgets the inputs sent and the server's last position: after a reconnection, the inputs sent before the drop
   * were replaced by the room's neutral one, so only views and inputs from now on say where the ship is.
   */
  reset(): void {
    this.log = [];
    this.base = null;
    this.offsetX = this.offsetY = 0;
    this.lastShown = null;
  }

  /** Whether a view has come since the start or the last reset: until then there is nothing to predict from. */
  get ready(): boolean {
    return this.base !== null;
  }

  /** Records an input just sent, with the client's tick. */
  sent(seq: number, local: number, input: Pick<InputState, 'up' | 'down' | 'left' | 'right'>): void {
    this.log.push({ seq, local, dx: Number(input.right) - Number(input.left), dy: Number(input.down) - Number(input.up) });
  }

  /** A view: the ship at (x, y) at server tick `tick`; `ack` is the seat's last applied input and its tick. */
  serverSaw(x: number, y: number, tick: number, ack: { seq: number; tick: number }, local: number): void {
    const acked = this.log.findIndex((move) => move.seq === ack.seq);
    if (acked >= 0) {
      this.lag = ack.tick - this.log[acked]!.local;
      this.log = this.log.slice(acked); // the acknowledged input stays: it is in effect until the next lands
    } else if (ack.seq === 0) this.lag = tick - local;
    const before = this.lastShown;
    this.base = { x, y, tick };
    const now = this.predict(local);
    if (before === null || Math.hypot(before.x - now.x, before.y - now.y) > SNAP) this.offsetX = this.offsetY = 0;
    else {
      this.offsetX = before.x - now.x;
      this.offsetY = before.y - now.y;
    }
  }

  /** Where to draw the ship at the client's tick `local`; `frameSeconds` since the last call fades the correction. */
  shown(local: number, frameSeconds: number): { x: number; y: number } {
    const keep = Math.pow(CORRECTION_LEFT_AFTER_1S, Math.max(0, frameSeconds));
    this.offsetX *= keep;
    this.offsetY *= keep;
    const at = this.predict(local);
    this.lastShown = { x: at.x + this.offsetX, y: at.y + this.offsetY };
    return this.lastShown;
  }

  /** The server's position replayed up to the server tick the client's `local` tick corresponds to. */
  predict(local: number): { x: number; y: number } {
    if (this.base === null) return { x: 0, y: 0 };
    let { x, y } = this.base;
    const { width, height, radius } = this.bounds;
    const step = PLAYER_SPEED * this.dt;
    let next = 0;
    let move: Sent | undefined;
    for (let t = this.base.tick + 1; t <= local + this.lag; t++) {
      // The input that lands at tick t moves the ship from tick t + 1: the physics runs before the ship's script.
      while (next < this.log.length && this.log[next]!.local + this.lag + 1 <= t) move = this.log[next++];
      if (move === undefined || (move.dx === 0 && move.dy === 0)) continue;
      const heading = Math.atan2(move.dy, move.dx);
      x = Math.min(width - radius, Math.max(radius, x + Math.cos(heading) * step));
      y = Math.min(height - radius, Math.max(radius, y + Math.sin(heading) * step));
    }
    return { x, y };
  }
}

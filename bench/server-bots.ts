import { Client, type Room } from 'colyseus.js';
import { decodeViewFrame, encodeInput } from 'loom-threads/colyseus/client';

/** A bot's measurements: input-to-effect latencies in ticks. */
export interface BotReport {
  latencies: number[];
}

const TICK_MS = 1000 / 60;
const RIGHT = 8;
const LEFT = 4;
const FIRING = 16;

/**
 * A loopback bot: joins a room, changes its input every `every` ticks of wall-clock time (flying left and right,
 * firing), and measures how many server ticks each input took to take effect: from the server tick it was sent at
 * (the last view's tick plus the time since it came) to the tick after the one its acknowledgement names (the ship
 * moves on the tick after its script reads the input).
 */
export class Bot {
  readonly report: BotReport = { latencies: [] };
  private seq = 0;
  private viewTick = 0;
  private viewAt = 0;
  private readonly sentAt = new Map<number, number>();
  private timer: ReturnType<typeof setInterval> | null = null;

  private seat = -1;

  // The view handler is in place before the seat is known: a busy server's first view can follow it in one read.
  private constructor(readonly room: Room) {
    room.onMessage('seat', (message: { seat: number }) => {
      this.seat = message.seat;
    });
    room.onMessage('view', (bytes: Uint8Array) => {
      const frame = decodeViewFrame(bytes);
      this.viewTick = frame.tick;
      this.viewAt = performance.now();
      const ack = frame.acks[this.seat];
      const sent = ack && this.sentAt.get(ack.seq);
      if (ack && sent !== undefined) {
        this.report.latencies.push(ack.tick + 1 - sent);
        this.sentAt.delete(ack.seq);
      }
    });
  }

  static async join(url: string, roomId: string | null, seed: number): Promise<Bot> {
    const client = new Client(url);
    const room = roomId === null ? await client.create('arena', { seed }) : await client.joinById(roomId);
    return new Bot(room);
  }

  start(every: number): void {
    this.timer = setInterval(() => {
      const buttons = (this.seq % 2 === 0 ? RIGHT : LEFT) | FIRING;
      this.seq++;
      const serverTick = this.viewTick + Math.floor((performance.now() - this.viewAt) / TICK_MS);
      if (this.viewAt > 0) this.sentAt.set(this.seq, serverTick);
      this.room.sendBytes('input', encodeInput(this.seq, [buttons, 4480 + (this.seq % 7) * 100, 2800]));
    }, every * TICK_MS);
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    void this.room.leave(true).catch(() => {});
  }
}

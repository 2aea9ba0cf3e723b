// Helpers for the room tests: a colyseus.js client's views by tick, and bounded waits for what the server has done.
import type { Room } from 'colyseus.js';
import { decodeViewFrame, type SeatMessage, type ViewFrame } from 'loom-threads/colyseus';

/** The views a client has received, by tick, and its seat message. */
export interface Watched {
  room: Room;
  frames: Map<number, ViewFrame>;
  errors: { code: number; message: string }[];
  seat: Promise<SeatMessage>;
  /** Resolves with the frame of `tick` once it has arrived. */
  frameAt(tick: number): Promise<ViewFrame>;
}

export function watch(room: Room): Watched {
  const frames = new Map<number, ViewFrame>();
  const waiting = new Map<number, (frame: ViewFrame) => void>();
  const errors: { code: number; message: string }[] = [];
  room.onMessage('view', (bytes: Uint8Array) => {
    const frame = decodeViewFrame(bytes);
    frames.set(frame.tick, frame);
    waiting.get(frame.tick)?.(frame);
  });
  room.onError((code, message) => errors.push({ code, message: message ?? '' }));
  const seat = new Promise<SeatMessage>((resolve) => room.onMessage('seat', resolve));
  return {
    room, frames, errors, seat,
    frameAt: (tick) => frames.has(tick) ? Promise.resolve(frames.get(tick)!) : new Promise((resolve) => waiting.set(tick, resolve)),
  };
}

/** Waits until `condition` holds, checking every few milliseconds; fails after `tries` checks. Never a timing assertion. */
export async function until(condition: () => boolean, what: string, tries = 1000): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`gave up waiting until ${what}`);
}

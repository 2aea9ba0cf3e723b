import { describe, expect, it } from 'vitest';
import { Mailbox, NO_MESSAGE } from '../../engine/core/mailbox.ts';

describe('Mailbox', () => {
  it('keeps FIFO order through interleaved pushes and shifts, compacting as it goes', () => {
    const box = new Mailbox();
    const out: number[] = [];
    let next = 0;
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < round % 7; i++) box.push(next++);
      for (let i = 0; i < round % 5 && box.size > 0; i++) out.push(box.shift() as number);
    }
    while (box.size > 0) out.push(box.shift() as number);
    expect(out).toEqual(Array.from({ length: next }, (_, i) => i));
  });

  it('takes the oldest match from anywhere in the queue, wrapped round the ring or not, the rest in order', () => {
    const model: number[] = [];
    const box = new Mailbox();
    let next = 0;
    for (let round = 0; round < 200; round++) {
      for (let i = 0; i < (round * 7) % 5; i++) {
        box.push(next);
        model.push(next++);
      }
      const wanted = (round * 13) % 3;
      const taken = box.takeFirst((m) => (m as number) % 3 === wanted);
      const at = model.findIndex((m) => m % 3 === wanted);
      expect(taken).toBe(at < 0 ? NO_MESSAGE : model.splice(at, 1)[0]);
      if (round % 4 === 0 && box.size > 0) expect(box.shift()).toBe(model.shift());
    }
    const rest: unknown[] = [];
    while (box.size > 0) rest.push(box.shift());
    expect(rest).toEqual(model);
  });
});

import { describe, expect, it } from 'vitest';
import { Mailbox } from '../../engine/core/mailbox.ts';

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
});

import { describe, expect, it } from 'vitest';
import { InputGate, decodeInput, encodeInput } from 'loom-threads/colyseus';

const SLOTS = [{ name: 'buttons', min: 0, max: 63 }, { name: 'aimX', min: 0, max: 8960 }];

describe('input messages', () => {
  it('round-trip through their bytes', () => {
    const bytes = encodeInput(4_000_000_000, [17, 6080]);
    expect(bytes.byteLength).toBe(12);
    expect(decodeInput(bytes, SLOTS, 64)).toEqual({ seq: 4_000_000_000, values: [17, 6080] });
  });

  it('refuse what is not bytes, the wrong size, a value out of range, or too many bytes, each with its reason', () => {
    expect(decodeInput({ buttons: 1 }, SLOTS, 64)).toEqual({ kind: 'malformed', detail: 'input must be bytes (sendBytes), not a structured message' });
    expect(decodeInput(new Uint8Array(11), SLOTS, 64)).toEqual({ kind: 'malformed', detail: '11 bytes, an input is 12' });
    expect(decodeInput(encodeInput(1, [64, 0]), SLOTS, 64)).toEqual({ kind: 'malformed', detail: 'buttons is 64, outside 0..63' });
    expect(decodeInput(encodeInput(1, [0, -1]), SLOTS, 64)).toEqual({ kind: 'malformed', detail: 'aimX is -1, outside 0..8960' });
    expect(decodeInput(new Uint8Array(65), SLOTS, 64)).toEqual({ kind: 'oversized', detail: '65 bytes, the most is 64' });
  });

  it('read a message at an offset in a larger buffer, as a socket hands it over', () => {
    const framed = new Uint8Array(20);
    framed.set(encodeInput(9, [3, 40]), 5);
    expect(decodeInput(framed.subarray(5, 17), SLOTS, 64)).toEqual({ seq: 9, values: [3, 40] });
  });
});

describe('InputGate', () => {
  it('admits a burst, then what each tick earns, counted in ticks', () => {
    const gate = new InputGate({ burst: 3, perTick: 1 });
    expect([gate.admit(10), gate.admit(10), gate.admit(10), gate.admit(10)]).toEqual([true, true, true, false]);
    expect([gate.admit(11), gate.admit(11)]).toEqual([true, false]);
    expect([gate.admit(20), gate.admit(20), gate.admit(20), gate.admit(20)]).toEqual([true, true, true, false]); // refilled to the burst, no more
  });
});

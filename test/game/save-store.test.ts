import { describe, expect, it } from 'vitest';
import { keepLastSave, lastSave, saveFileName } from '../../game/save-store.ts';

/** A storage as the browser's, with a quota in characters. */
function createStorage(quota = Infinity) {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem(key: string, value: string) {
      if (value.length > quota) throw new DOMException('exceeded the quota', 'QuotaExceededError');
      items.set(key, value);
    },
  };
}

describe('the last save in localStorage', () => {
  it('gives back exactly the bytes kept, across the chunks they are encoded in', () => {
    const bytes = Uint8Array.from({ length: 100_003 }, (_, i) => (i * 7919) % 256);
    const storage = createStorage();
    expect(lastSave(storage)).toBeNull();
    expect(keepLastSave(bytes, storage)).toBeNull();
    expect(lastSave(storage)).toEqual(bytes);
  });

  it('says a save too big for the quota is not kept, and keeps the one before', () => {
    const storage = createStorage(4000);
    keepLastSave(new Uint8Array(100).fill(1), storage);
    expect(keepLastSave(new Uint8Array(5000), storage)).toBe(
      "this save (5 KB) is too big for this browser's storage, so it is not kept here (the last save kept is an earlier one): download it instead",
    );
    expect(lastSave(storage)).toEqual(new Uint8Array(100).fill(1));
  });

  it('says what is wrong with a kept save that is not base64', () => {
    const storage = createStorage();
    storage.items.set('loom.save', 'not a save!');
    expect(() => lastSave(storage)).toThrow('the last save kept in this browser is damaged (it is not base64)');
  });

  it('names a save after its seed and tick', () => {
    const header = { seed: 7, tickRate: 60, checkpointEvery: 60, traceEvery: 300, inputSize: 3, meta: {} };
    expect(saveFileName({ version: 1, header, ticks: 1234, events: [], checkpoints: [] })).toBe('loom-7-1234.loomrec');
  });
});

import { describe, expect, it } from 'vitest';
import { clampWidth, DEFAULT_LAYOUT, dockInsets, loadLayout, MIN_WIDTH, saveLayout } from '../../inspector/dock.ts';

describe('dock: where the panel sits, remembered', () => {
  /** A Storage stand-in holding one map. */
  const memory = (): Pick<Storage, 'getItem' | 'setItem'> & { items: Map<string, string> } => {
    const items = new Map<string, string>();
    return { items, getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
  };

  it('defaults to docked right, and reads back what was saved; an unreadable entry is the default', () => {
    const storage = memory();
    expect(loadLayout(storage)).toEqual(DEFAULT_LAYOUT);
    saveLayout(storage, { side: 'left', width: 400 });
    expect(loadLayout(storage)).toEqual({ side: 'left', width: 400 });
    storage.items.set([...storage.items.keys()][0]!, '{"side":"top","width":400}');
    expect(loadLayout(storage)).toEqual(DEFAULT_LAYOUT);
    storage.items.set([...storage.items.keys()][0]!, 'not json');
    expect(loadLayout(storage)).toEqual(DEFAULT_LAYOUT);
    expect(loadLayout(null)).toEqual(DEFAULT_LAYOUT);
  });

  it('keeps the width between the minimum and 60% of the window', () => {
    expect([clampWidth(100, 1280), clampWidth(2000, 1280), clampWidth(500.4, 1280), clampWidth(500, 300)]).toEqual([MIN_WIDTH, 768, 500, 300]);
  });

  it('asks the page for room on the docked side while open only', () => {
    expect(dockInsets({ side: 'right', width: 480 }, true)).toEqual({ left: 0, right: 480 });
    expect(dockInsets({ side: 'left', width: 400 }, true)).toEqual({ left: 400, right: 0 });
    expect(dockInsets({ side: 'float', width: 400 }, true)).toEqual({ left: 0, right: 0 });
    expect(dockInsets({ side: 'left', width: 400 }, false)).toEqual({ left: 0, right: 0 });
  });
});

import { describe, expect, it } from 'vitest';
import { leastLoadedProcess } from 'loom-threads/colyseus';

const live = (...ids: string[]) => ids.map((processId) => ({ processId, roomCount: 0, ccu: 0 }));

describe('leastLoadedProcess', () => {
  it('picks the live process with the fewest listed rooms, whatever the stale counts say', () => {
    const processes = [{ processId: 'a', roomCount: 0, ccu: 0 }, { processId: 'b', roomCount: 5, ccu: 0 }];
    expect(leastLoadedProcess(processes, [{ processId: 'a' }, { processId: 'a' }, { processId: 'b' }])).toBe('b');
  });

  it('breaks ties by clients, then by the lower id', () => {
    expect(leastLoadedProcess([{ processId: 'a', roomCount: 0, ccu: 3 }, { processId: 'b', roomCount: 0, ccu: 1 }], [])).toBe('b');
    expect(leastLoadedProcess(live('c', 'b', 'd'), [])).toBe('b');
  });

  it('never picks a process that is not live, even with no rooms listed', () => {
    expect(leastLoadedProcess(live('a'), [{ processId: 'a' }])).toBe('a');
    expect(leastLoadedProcess([], [{ processId: 'a' }])).toBeUndefined();
  });

  it('spreads a burst of creations evenly over the processes', () => {
    const listed: { processId: string }[] = [];
    for (let i = 0; i < 6; i++) listed.push({ processId: leastLoadedProcess(live('a', 'b', 'c'), listed)! });
    expect(listed.map((room) => room.processId)).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
  });
});

import { matchMaker } from '@colyseus/core';

/** A live process as Colyseus's stats list it: its id, its rooms and its clients. */
export interface ProcessLoad {
  processId: string;
  roomCount: number;
  ccu: number;
}

/**
 * The process a new room should go to: the one with the fewest rooms listed (the room listings are saved when a room
 * is created, while Colyseus's per-process counts are persisted at most once a second), then the fewest clients,
 * then the lowest id, so a burst of creations spreads evenly and the same inputs always pick the same process.
 * Only processes in `processes` (those alive by Colyseus's stats) are picked; undefined when there are none.
 *
 * @example
 * ```ts
 * leastLoadedProcess([{ processId: 'a', roomCount: 0, ccu: 0 }, { processId: 'b', roomCount: 0, ccu: 0 }], [{ processId: 'a' }]); // 'b'
 * ```
 */
export function leastLoadedProcess(processes: readonly ProcessLoad[], listed: readonly { processId: string }[]): string | undefined {
  const rooms = new Map<string, number>();
  for (const room of listed) rooms.set(room.processId, (rooms.get(room.processId) ?? 0) + 1);
  const load = (p: ProcessLoad): [number, number] => [rooms.get(p.processId) ?? 0, p.ccu];
  const sorted = [...processes].sort((a, b) => {
    const [ra, ca] = load(a);
    const [rb, cb] = load(b);
    return ra - rb || ca - cb || (a.processId < b.processId ? -1 : a.processId > b.processId ? 1 : 0);
  });
  return sorted[0]?.processId;
}

/**
 * Colyseus's `selectProcessIdToCreateRoom` for Loom servers sharing a Redis: the least loaded live process
 * ({@link leastLoadedProcess}), this one if the stats list none yet.
 *
 * @example
 * ```ts
 * new Server({ presence, driver, publicAddress, selectProcessIdToCreateRoom: placeRoomEvenly });
 * ```
 */
export async function placeRoomEvenly(): Promise<string> {
  const [processes, listed] = await Promise.all([matchMaker.stats.fetchAll(), matchMaker.query({})]);
  return leastLoadedProcess(processes, listed) ?? matchMaker.processId;
}

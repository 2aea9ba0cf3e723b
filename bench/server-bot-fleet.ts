// The bots of `npm run bench:server`, in their own process so that the server's event loop carries only the rooms.
// The parent drives it over IPC: add rooms, clear the latencies, read them, stop.
import { Bot } from './server-bots.ts';

/** What the parent asks of the fleet. */
export type FleetRequest =
  | { kind: 'add'; url: string; rooms: number; seed: number }
  | { kind: 'clear' }
  | { kind: 'latencies' }
  | { kind: 'stop' };

/** What the fleet answers: after `add`, the rooms made; after `latencies`, every latency since `clear`. */
export type FleetReply = { kind: 'added'; roomIds: string[] } | { kind: 'latencies'; ticks: number[] } | { kind: 'stopped' };

const INPUT_EVERY = 6;
const bots: Bot[] = [];

async function add(url: string, rooms: number, seed: number): Promise<string[]> {
  const roomIds: string[] = [];
  for (let i = 0; i < rooms; i++) {
    const first = await Bot.join(url, null, seed + i);
    const second = await Bot.join(url, first.room.roomId, 0);
    for (const bot of [first, second]) bot.start(INPUT_EVERY);
    bots.push(first, second);
    roomIds.push(first.room.roomId);
  }
  return roomIds;
}

function reply(message: FleetReply): void {
  process.send?.(message);
}

process.on('message', (request: FleetRequest) => {
  if (request.kind === 'add') void add(request.url, request.rooms, request.seed).then((roomIds) => reply({ kind: 'added', roomIds }));
  else if (request.kind === 'clear') for (const bot of bots) bot.report.latencies.length = 0;
  else if (request.kind === 'latencies') reply({ kind: 'latencies', ticks: bots.flatMap((bot) => bot.report.latencies) });
  else {
    for (const bot of bots) bot.stop();
    setTimeout(() => {
      reply({ kind: 'stopped' });
      process.exit(0);
    }, 200);
  }
});
// Bounded: a fleet whose parent went away stops by itself.
process.on('disconnect', () => process.exit(0));

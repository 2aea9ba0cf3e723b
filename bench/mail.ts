// `npm run bench:mail -- [--per-tick 10] [--ticks 600]`: mail between two rooms on a loopback Redis this bench starts.
// 1. Latency: rooms a and c of the mail game (test/support/mail-game.ts) ticking in real time at 60 ticks a second
//    (logs flushed every 6 ticks); a sends one mail every 5 ticks; the ticks from posting to delivery, p50/p99/max.
// 2. Cost: the same two rooms stepped by hand as fast as they go, every Redis answer awaited between ticks, with a
//    posting `--per-tick` mails a tick to c, against the baseline of the same rooms passing as many in-process
//    messages (`sendTo`) inside c; alternating blocks in this process. Reported: the ratio of their tick times, and
//    the extra time per mail as a multiple of an in-process message's.
// Bounded: Redis on 127.0.0.1, stopped by pid at the end.
import { Redis } from 'ioredis';
import { Recorder } from 'loom-threads';
import { RoomLog, RoomMail } from 'loom-threads/colyseus';
import { percentile } from '../harness/stats.ts';
import { startLocalRedis } from '../server/local-redis.ts';
import { createMailSimulation, keeper, localSpammer, sender, spammer, type MailSim } from '../test/support/mail-game.ts';
import { freePort } from '../test/support/redis.ts';
import { numberOption } from './arguments.ts';

const PER_TICK = numberOption('per-tick', 10);
const TICKS = numberOption('ticks', 600);

const redisServer = await startLocalRedis(await freePort());
const redis = new Redis(redisServer.url);
let rooms = 0;

interface Room {
  recorder: Recorder<MailSim>;
  log: RoomLog;
  mail: RoomMail;
}

async function open(name: string): Promise<Room> {
  const recorder = new Recorder(createMailSimulation({ seed: 1, tickRate: 60, meta: {} }));
  recorder.spawn(keeper, recorder.sim.world, 'keeper');
  const log = new RoomLog(redis, `${name}-${++rooms}`, 'mail', `bench-${rooms}`, { flushEvery: 6 });
  await log.open(recorder);
  return { recorder, log, mail: new RoomMail(redis, log, recorder, recorder.sim.world.outbox) };
}

function tick(room: Room): void {
  if (!room.log.mayTick()) return;
  room.mail.beforeTick();
  room.recorder.step();
  room.log.afterTick();
  room.mail.afterTick();
}

async function settle(pair: readonly Room[]): Promise<void> {
  for (const room of pair) {
    await room.log.settled();
    await room.mail.settled();
  }
}

async function latency(): Promise<number[]> {
  const [a, c] = [await open('a'), await open('c')];
  const start = performance.now();
  for (let n = 0; n < TICKS; n++) {
    if (n % 5 === 0) a.recorder.spawn(sender, a.recorder.sim.world, c.log.roomId, 'keeper', n);
    tick(a);
    tick(c);
    const due = start + ((n + 1) * 1000) / 60;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
  }
  return c.recorder.sim.world.kept.map((json) => {
    const [at, mail] = JSON.parse(json) as [number, { tick: number }];
    return at - mail.tick;
  });
}

/** Milliseconds per tick of two rooms stepped by hand, `block` ticks at a time, alternating with/without mail. */
async function cost(block: number, rounds: number): Promise<{ mail: number; local: number }> {
  const [a, c] = [await open('a'), await open('c')];
  const [a0, c0] = [await open('a'), await open('c')];
  a.recorder.spawn(spammer, a.recorder.sim.world, c.log.roomId, 'keeper', PER_TICK);
  c0.recorder.spawn(localSpammer, 'keeper', PER_TICK);
  const times = { mail: 0, local: 0 };
  for (let round = 0; round < rounds; round++) {
    for (const [kind, pair] of [['mail', [a, c]], ['local', [a0, c0]]] as const) {
      const start = performance.now();
      for (let i = 0; i < block; i++) {
        for (const room of pair) tick(room);
        await settle(pair);
      }
      times[kind] += performance.now() - start;
    }
  }
  const delivered = c.recorder.sim.world.kept.length;
  const sent = PER_TICK * block * rounds;
  if (delivered < sent - PER_TICK * 12) throw new Error(`only ${delivered} of ${sent} mails arrived`);
  return { mail: times.mail / (block * rounds), local: times.local / (block * rounds) };
}

try {
  const lags = (await latency()).sort((x, y) => x - y);
  console.log(`latency (${lags.length} mails, 60 ticks/s, flushEvery 6): p50 ${percentile(lags, 0.5)} ticks, p99 ${percentile(lags, 0.99)}, max ${lags.at(-1)}`);
  await cost(60, 2); // warm-up
  const { mail, local } = await cost(60, 10);
  const perMail = (mail - local) / PER_TICK;
  const perLocal = await localMessageMs();
  console.log(`cost (${PER_TICK} mails a tick): ${mail.toFixed(3)} ms a tick with mail vs ${local.toFixed(3)} ms with in-process messages (x${(mail / local).toFixed(2)});`);
  console.log(`  ${(perMail * 1000).toFixed(1)} µs a mail, x${(perMail / perLocal).toFixed(0)} an in-process message (${(perLocal * 1e6).toFixed(0)} ns)`);
} finally {
  await redis.quit();
  await redisServer.stop();
}

/** Milliseconds per in-process message: one room, no Redis, `sendTo` 1,000 a tick against none. */
async function localMessageMs(): Promise<number> {
  const run = (perTick: number): number => {
    const recorder = new Recorder(createMailSimulation({ seed: 1, tickRate: 60, meta: {} }));
    recorder.spawn(keeper, recorder.sim.world, 'keeper');
    recorder.spawn(localSpammer, 'keeper', perTick);
    const start = performance.now();
    for (let i = 0; i < 200; i++) recorder.step();
    return performance.now() - start;
  };
  run(1000);
  run(0);
  return (run(1000) - run(0)) / (1000 * 200);
}

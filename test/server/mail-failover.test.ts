// Mail between rooms on two server processes (children of test/support/mail-server.ts, one Redis the test starts),
// with kill -9 while mail is in flight: two rooms on one process each post numbered mail to the keeper of a room on
// the other. The receiver's process killed: its room is rebuilt on the survivor, the mail sent meanwhile waits in its
// inbox, and every mail is delivered once. The senders' process killed: they are rebuilt on the survivor, re-simulate
// their posts, and send only what was not taken. Either way the receiver's log, alone, replays to its hashes and to
// each mail once, in (sent tick, sending room, sequence) order within a tick's deliveries.
import { join } from 'node:path';
import { Client } from 'colyseus.js';
import { afterEach, expect, it } from 'vitest';
import { replayRecording, restore } from 'loom-threads';
import { readRoomLog, roomKeys, type DeliveredMail } from 'loom-threads/colyseus';
import { createMailSimulation } from '../support/mail-game.ts';
import { describeRedis, freePort, useFreshRedis } from '../support/redis.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const LEASE_MS = 1000;
const COUNT = 150;
const ENTRY = join('test', 'support', 'mail-server.ts');

describeRedis('mail between server processes, one killed while mail is in flight', () => {
  const redis = useFreshRedis();
  let servers: ServerProcess[] = [];

  afterEach(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    servers = [];
  });

  /** Creates a mail room on `server` (left with no client: it stays). */
  async function create(server: ServerProcess, options: object = {}): Promise<string> {
    const room = await new Client(server.url).create('mail', options);
    room.onMessage('*', () => {});
    await room.leave();
    return room.roomId;
  }

  /** What the receiver's keeper holds by its log in Redis, re-simulated headless (checked against its last hash). */
  async function keptByLog(roomId: string): Promise<[number, DeliveredMail][]> {
    const logged = await readRoomLog(redis.client, roomId);
    if (logged === null) return [];
    return restore(logged.recording, createMailSimulation).sim.world.kept.map((json) => JSON.parse(json) as [number, DeliveredMail]);
  }

  async function untilKept(roomId: string, atLeast: number, what: string, ms: number): Promise<[number, DeliveredMail][]> {
    for (const end = Date.now() + ms; ; await new Promise((resolve) => setTimeout(resolve, 100))) {
      const kept = await keptByLog(roomId);
      if (kept.length >= atLeast) return kept;
      if (Date.now() > end) throw new Error(`${what} within ${ms} ms: the receiver's log holds ${kept.length} mails; the servers printed:\n${servers.map((server) => server.output()).join('\n')}`);
    }
  }

  /** Two senders on `senders`' process, each posting COUNT mails, one a tick, to the keeper of a room on the other. */
  async function mailInFlight(): Promise<{ senders: ServerProcess; receivers: ServerProcess; receiver: string; from: string[] }> {
    for (let i = 0; i < 2; i++) servers.push(await startServerProcess(await freePort(), ['--redis', redis.url, '--lease-ms', String(LEASE_MS)], 60_000, ENTRY));
    const [senders, receivers] = servers as [ServerProcess, ServerProcess];
    const receiver = await create(receivers);
    const from = [await create(senders, { to: receiver, count: COUNT, perTick: 1 }), await create(senders, { to: receiver, count: COUNT, perTick: 1 })];
    const early = await untilKept(receiver, 10, 'the first mails arrive', 10_000);
    expect(early.length).toBeLessThan(COUNT); // mail is still being posted and sent
    return { senders, receivers, receiver, from };
  }

  /** Every mail once, each sender's in its order, and within a tick's deliveries by (sent tick, sending room, sequence). */
  async function expectEachMailOnce(receiver: string, from: string[]): Promise<void> {
    await untilKept(receiver, 2 * COUNT, 'every mail arrives', 20_000);
    await new Promise((resolve) => setTimeout(resolve, 500)); // a mail delivered twice would come in these ticks
    const kept = await keptByLog(receiver);
    expect(kept.length).toBe(2 * COUNT);
    for (const sender of from) {
      const mails = kept.map(([, mail]) => mail).filter((mail) => mail.from === sender);
      expect(mails.map((mail) => [mail.seq, mail.body])).toEqual(Array.from({ length: COUNT }, (_, n) => [n + 1, n]));
    }
    const key = ([, mail]: [number, DeliveredMail]): [number, string, number] => [mail.tick, mail.from, mail.seq];
    for (let i = 1; i < kept.length; i++) {
      const [before, after] = [kept[i - 1]!, kept[i]!];
      expect(after[0], 'delivered in tick order').toBeGreaterThanOrEqual(before[0]);
      if (after[0] !== before[0]) continue;
      const [a, b] = [key(before), key(after)];
      expect(a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] < b[2]))), `mail ${i} of tick ${after[0]}: ${JSON.stringify(a)} then ${JSON.stringify(b)}`).toBe(true);
    }
    // The receiver's log alone (no Redis, no other room) replays to every checkpoint hash it wrote.
    const logged = (await readRoomLog(redis.client, receiver))!;
    expect(replayRecording(logged.recording, createMailSimulation, { verify: true }).divergence).toBeNull();
    for (const server of servers) expect(server.output()).not.toContain('not delivered');
  }

  it("the receiver's process killed: its room is rebuilt on the senders' process, and every mail arrives once, in order", async () => {
    const { senders, receivers, receiver, from } = await mailInFlight();
    receivers.signal('SIGKILL');
    await receivers.exited;
    // Mail sent while the receiver is down waits in its inbox for the rebuilt room.
    let waiting = 0;
    for (let i = 0; i < 100 && !senders.output().includes(`room ${receiver} rebuilt here`); i++) {
      waiting = Math.max(waiting, await redis.client.xlen(roomKeys(receiver).inbox));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(senders.output()).toContain(`room ${receiver} rebuilt here from its log`);
    expect(waiting).toBeGreaterThan(0);
    await expectEachMailOnce(receiver, from);
  }, 60_000);

  it("the senders' process killed: they are rebuilt on the receiver's process, and no mail is lost or doubled", async () => {
    const { senders, receivers, receiver, from } = await mailInFlight();
    senders.signal('SIGKILL');
    await senders.exited;
    await expectEachMailOnce(receiver, from);
    for (const sender of from) expect(receivers.output()).toContain(`room ${sender} rebuilt here from its log`);
  }, 60_000);
});

// Mail between rooms, stepped by hand against a Redis the test starts: rooms of the mail game (mail-game.ts), each
// under its RoomLog and RoomMail, stepped one tick at a time with every Redis answer awaited between ticks, so the
// tick each mail arrives in is exact. Order (sent tick, sending room, sequence); the receiving room's recording
// replays on its own; a receiver or a sender rebuilt from its log neither loses nor repeats a mail; bad mail comes
// back to its sender as an error naming both ends, and nothing else is lost.
import { expect, it } from 'vitest';
import { Recorder, replayRecording, restore, stateHash, type Thread } from 'loom-threads';
import { RoomLog, RoomMail, mailCommands, readRoomLog, roomKeys, roomLogCommands, type LoggedRoom, type MailError, type RoomMailOptions } from 'loom-threads/colyseus';
import { describeRedis, useFreshRedis } from '../support/redis.ts';
import { createMailSimulation, keeper, oddSender, sender, type MailSim } from '../support/mail-game.ts';

interface MailRoom {
  roomId: string;
  recorder: Recorder<MailSim>;
  log: RoomLog;
  mail: RoomMail;
  kept: () => unknown[];
  returned: () => unknown[];
  /** Whether this room still ticks (a crashed one does not). */
  alive: boolean;
}

describeRedis('mail between rooms', () => {
  const store = useFreshRedis();
  let owners = 0;

  function host(roomId: string, recorder: Recorder<MailSim>, log: RoomLog, state = '', options: RoomMailOptions = {}): MailRoom {
    const world = recorder.sim.world;
    const mail = new RoomMail(store.client, log, recorder, world.outbox, options, state);
    const parse = (list: string[]) => list.map((json) => JSON.parse(json) as unknown);
    return { roomId, recorder, log, mail, kept: () => parse(world.kept), returned: () => parse(world.returned), alive: true };
  }

  async function open(roomId: string, options: RoomMailOptions = {}): Promise<MailRoom> {
    const recorder = new Recorder(createMailSimulation({ seed: 3, tickRate: 60, meta: {} }), { checkpointEvery: 5 });
    recorder.spawn(keeper, recorder.sim.world, 'keeper');
    const log = new RoomLog(store.client, roomId, 'mail', `owner-${++owners}`, { flushEvery: 6 });
    await log.open(recorder);
    return host(roomId, recorder, log, '', options);
  }

  /** A crashed room rebuilt from its log, as another process would: its lease taken over, its log re-simulated. */
  async function rebuild(room: MailRoom, options: RoomMailOptions = {}): Promise<MailRoom> {
    room.alive = false;
    const keys = roomKeys(room.roomId);
    await store.client.del(keys.lease); // the dead owner's lease lapses
    const owner = `owner-${++owners}`;
    expect(await roomLogCommands(store.client).claim(keys, owner, 3000)).toBe(room.log.owner);
    const logged = (await readRoomLog(store.client, room.roomId)) as LoggedRoom;
    const recorder = restore(logged.recording, createMailSimulation);
    const log = new RoomLog(store.client, room.roomId, 'mail', owner, { flushEvery: 6 });
    log.adopt(recorder, logged.position, [], log.now());
    return host(room.roomId, recorder, log, logged.mail, options);
  }

  /** Steps every live room one tick at a time, awaiting every answer from Redis between ticks. */
  async function step(rooms: MailRoom[], ticks: number): Promise<void> {
    for (let i = 0; i < ticks; i++) {
      for (const room of rooms) {
        if (!room.alive || !room.log.mayTick()) continue;
        room.mail.beforeTick();
        room.recorder.step();
        room.log.afterTick();
        room.mail.afterTick();
      }
      for (const room of rooms) {
        await room.log.settled();
        await room.mail.settled();
      }
    }
  }

  const send = (room: MailRoom, to: string, name: string, body: unknown): Thread => room.recorder.spawn(sender, room.recorder.sim.world, to, name, body);

  const body = (entry: unknown) => (entry as [number, { body: unknown }])[1].body;

  it('arrives at a tick boundary, ordered by sent tick, sending room and sequence, whatever order it reached Redis in', async () => {
    const [b, a, c] = [await open('b'), await open('a'), await open('c')];
    const rooms = [b, a, c]; // b steps first, so its mail reaches c's inbox first
    await step(rooms, 1);
    send(b, 'c', 'keeper', 'b1'); // posted in tick 2
    await step(rooms, 1);
    send(a, 'c', 'keeper', 'a1'); // these three in tick 3
    send(a, 'c', 'keeper', 'a2');
    send(b, 'c', 'keeper', 'b2');
    await step(rooms, 1);
    send(a, 'c', 'keeper', 'a3'); // tick 4
    await step(rooms, 4); // tick 7: the append of tick 6 has landed, the mail has been sent, not yet read
    expect(c.kept()).toEqual([]);
    await step(rooms, 1);
    expect(c.kept()).toEqual([
      [8, { kind: 'mail', from: 'b', thread: '#2 sender', seq: 1, tick: 2, body: 'b1' }],
      [8, { kind: 'mail', from: 'a', thread: '#2 sender', seq: 1, tick: 3, body: 'a1' }],
      [8, { kind: 'mail', from: 'a', thread: '#3 sender', seq: 2, tick: 3, body: 'a2' }],
      [8, { kind: 'mail', from: 'b', thread: '#3 sender', seq: 2, tick: 3, body: 'b2' }],
      [8, { kind: 'mail', from: 'a', thread: '#4 sender', seq: 3, tick: 4, body: 'a3' }],
    ]);
    expect(c.mail.delivered).toBe(5);
    expect(a.returned()).toEqual([]);
  });

  it("is recorded in the receiving room's log, which replays on its own to the same world", async () => {
    const [a, c] = [await open('a'), await open('c')];
    send(a, 'c', 'keeper', { hp: 3 });
    await step([a, c], 14);
    send(a, 'c', 'keeper', [1, 2]);
    await step([a, c], 16);
    expect(c.kept().map(body)).toEqual([{ hp: 3 }, [1, 2]]);
    // The recording alone (no Redis, no room a) replays to the same hashes and the same mail in the same ticks.
    const replay = replayRecording(c.recorder.recording(), createMailSimulation, { verify: true });
    expect(replay.divergence).toBeNull();
    expect(replay.checked).toBe(6);
    expect(replay.replayer.sim.world.kept).toEqual(c.recorder.sim.world.kept);
    // So does its log in Redis, up to the last append.
    const logged = (await readRoomLog(store.client, 'c'))!;
    expect(logged.recording.ticks).toBe(30);
    const restored = restore(logged.recording, createMailSimulation);
    expect(stateHash(restored.sim.engine, restored.sim.hashWorld)).toBe(stateHash(c.recorder.sim.engine, c.recorder.sim.hashWorld));
    // Delivered and logged, the inbox entries are deleted.
    expect(await store.client.xlen(roomKeys('c').inbox)).toBe(0);
  });

  it('a receiver rebuilt from its log delivers what it had not logged, once, and not what it had; mail sent meanwhile waits', async () => {
    const [a, c] = [await open('a'), await open('c')];
    send(a, 'c', 'keeper', 'logged');
    await step([a, c], 8); // delivered in tick 8, after c's append of tick 6
    expect(c.kept()).toEqual([[8, expect.objectContaining({ body: 'logged' })]]);
    send(a, 'c', 'keeper', 'lost'); // posted in tick 9, delivered in tick 14
    await step([a, c], 6);
    expect(c.kept().map(body)).toEqual(['logged', 'lost']);
    expect(c.log.durableTick).toBe(12); // 'logged' is in c's log; 'lost' is not: c crashes now
    c.alive = false;
    send(a, 'c', 'keeper', 'waited'); // mail to a room that is failing over
    await step([a, c], 12);
    expect(await store.client.xlen(roomKeys('c').inbox)).toBe(2); // 'lost' and 'waited' wait in c's inbox
    const rebuilt = await rebuild(c);
    expect(rebuilt.kept().map(body)).toEqual(['logged']); // re-simulated to tick 12
    await step([a, rebuilt], 2);
    expect(rebuilt.kept()).toEqual([
      [8, expect.objectContaining({ body: 'logged', seq: 1 })],
      [14, expect.objectContaining({ body: 'lost', seq: 2 })],
      [14, expect.objectContaining({ body: 'waited', seq: 3 })],
    ]);
    await step([a, rebuilt], 20);
    expect(rebuilt.kept().map(body)).toEqual(['logged', 'lost', 'waited']);
    expect(await store.client.xlen(roomKeys('c').inbox)).toBe(0);
  });

  it('an entry delivered just after an append landed stays in the inbox until a later append logs it: a rebuilt receiver delivers it', async () => {
    const c = await open('c');
    await step([c], 5);
    const a = await open('a'); // five ticks behind c: its mail reaches c just before c's append of tick 12
    send(a, 'c', 'keeper', 'after the append');
    await step([a, c], 8);
    expect(c.kept()).toEqual([[13, expect.objectContaining({ body: 'after the append' })]]);
    expect(c.log.durableTick).toBe(12); // its delivery is in no append yet: c crashes now
    expect(await store.client.xlen(roomKeys('c').inbox)).toBe(1);
    const rebuilt = await rebuild(c);
    expect(rebuilt.kept()).toEqual([]);
    await step([a, rebuilt], 20);
    expect(rebuilt.kept()).toEqual([[14, expect.objectContaining({ body: 'after the append', seq: 1 })]]);
  });

  it('an entry delivered and logged but not yet deleted is not delivered again by a rebuilt receiver', async () => {
    const [a, c] = [await open('a'), await open('c')];
    send(a, 'c', 'keeper', 'once');
    await step([a, c], 12); // delivered in tick 8; the append of tick 12 logs it, answered after its afterTick
    expect(c.log.durableTick).toBe(12);
    expect(await store.client.xlen(roomKeys('c').inbox)).toBe(1); // not deleted yet: c crashes now
    const rebuilt = await rebuild(c);
    await step([a, rebuilt], 20);
    expect(rebuilt.kept()).toEqual([[8, expect.objectContaining({ body: 'once' })]]);
    expect(await store.client.xlen(roomKeys('c').inbox)).toBe(0);
  });

  it('a sender rebuilt from its log sends again only what it had not finished, and the receiver takes it once', async () => {
    const [a, c] = [await open('a'), await open('c')];
    send(a, 'c', 'keeper', 'first'); // posted in tick 1, sent after tick 7
    await step([a, c], 7);
    expect(await store.client.hget(roomKeys('c').senders, 'a')).toBe('1'); // taken; a's head does not say so yet
    const rebuiltA = await rebuild(a); // re-simulates the post, so sends it again: c's inbox refuses the double
    await step([rebuiltA, c], 20);
    expect(c.kept().map(body)).toEqual(['first']);
    send(rebuiltA, 'c', 'keeper', 'second');
    await step([rebuiltA, c], 20);
    expect(c.kept()).toEqual([
      [8, expect.objectContaining({ body: 'first', seq: 1 })],
      [33, expect.objectContaining({ body: 'second', seq: 2 })],
    ]);
  });

  it('a body that is not JSON, or that a recording cannot hold, comes back to its sender; neither room stops', async () => {
    const [a, c] = [await open('a'), await open('c')];
    a.recorder.spawn(oddSender, a.recorder.sim.world, 'c', 'keeper', 'bigint');
    a.recorder.spawn(oddSender, a.recorder.sim.world, 'c', 'keeper', 'dollar');
    send(a, 'c', 'keeper', 'fine');
    await step([a, c], 30);
    expect(c.kept().map(body)).toEqual(['fine']);
    expect(a.returned()).toEqual([
      { kind: 'mail-error', room: 'c', name: 'keeper', seq: 1, error: 'room a, thread #2 oddSender: mail #1 to "keeper" in room c was not delivered: its body is not JSON (Do not know how to serialize a BigInt)' },
      { kind: 'mail-error', room: 'c', name: 'keeper', seq: 2, error: 'room a, thread #3 oddSender: mail #2 to "keeper" in room c was not delivered: room c cannot record it: recorder.send to #1 keeper: cannot record a key starting with $ ($thread)' },
    ]);
    expect(a.recorder.sim.engine.tick).toBe(30);
    expect(c.recorder.sim.engine.tick).toBe(30);
  });

  it("a sender's last number taken lasts as long as the receiving room, however long the sender is quiet", async () => {
    const [a, c] = [await open('a', { keepMs: 100 }), await open('c')]; // a's mail would keep c's inbox keys 100 ms
    send(a, 'c', 'keeper', 'one');
    await step([a, c], 12);
    await new Promise((resolve) => setTimeout(resolve, 250));
    await step([a, c], 6); // c's append of tick 18 keeps its inbox keys as long as its log
    expect(await store.client.hget(roomKeys('c').senders, 'a')).toBe('1');
    send(a, 'c', 'keeper', 'two');
    await step([a, c], 12);
    expect(c.kept().map(body)).toEqual(['one', 'two']);
  });

  it('after Redis restarts empty, the rooms write their heads back and mail flows again', async () => {
    const [a, c] = [await open('a'), await open('c')];
    send(a, 'c', 'keeper', 'before');
    await step([a, c], 12);
    await store.client.flushall(); // as a Redis restarted with persistence off
    await step([a, c], 6); // each room's next append finds its log gone and writes it back
    send(a, 'c', 'keeper', 'after');
    await step([a, c], 18);
    expect(c.kept().map(body)).toEqual(['before', 'after']);
    expect(a.returned()).toEqual([]);
  });

  it("an inbox takes each sender's mail in order and once: a double is answered taken, a gap is refused until filled", async () => {
    await open('c');
    const post = mailCommands(store.client).post;
    const mail = (seq: number, prev: number) => ({ seq, prev, payload: JSON.stringify({ kind: 'mail', seq }) });
    expect(await post('c', 'a', [mail(2, 0), mail(4, 2)], 60_000)).toEqual([1, 1]);
    expect(await post('c', 'a', [mail(4, 2), mail(7, 5), mail(5, 4), mail(7, 5)], 60_000)).toEqual([0, -2, 1, 1]);
    expect(await post('nowhere', 'a', [mail(8, 7), mail(9, 8)], 60_000)).toEqual([-1, -1]);
    const inbox = await store.client.xrange(roomKeys('c').inbox, '-', '+');
    expect(inbox.map(([, fields]) => (JSON.parse(fields[1]!) as { seq: number }).seq)).toEqual([2, 4, 5, 7]);
  });

  it('bad mail comes back to its sending thread naming both ends; the rest of the batch and the other rooms are untouched', async () => {
    const [a, b, c] = [await open('a', { maxBytes: 64 }), await open('b'), await open('c')];
    const rooms = [a, b, c];
    send(a, 'c', 'keeper', 'before');
    send(a, 'nowhere', 'keeper', 'lost?'); // no such room
    send(a, 'c', 'nobody', 'hello'); // no such name there
    send(a, 'c', 'keeper', 'x'.repeat(100)); // oversized
    send(b, 'c', 'keeper', 'from b');
    send(a, 'c', 'keeper', 'after'); // all sent in tick 1: a's before b's
    await step(rooms, 30);
    expect(c.kept().map(body)).toEqual(['before', 'after', 'from b']);
    expect(a.returned()).toEqual([
      { kind: 'mail-error', room: 'c', name: 'keeper', seq: 4, error: 'room a, thread #5 sender: mail #4 to "keeper" in room c was not delivered: it is 102 bytes of JSON, over the limit of 64' },
      { kind: 'mail-error', room: 'nowhere', name: 'keeper', seq: 2, error: 'room a, thread #3 sender: mail #2 to "keeper" in room nowhere was not delivered: there is no room nowhere' },
      { kind: 'mail-error', room: 'c', name: 'nobody', seq: 3, error: 'room a, thread #4 sender: mail #3 to "nobody" in room c was not delivered: room c has no thread named "nobody"' },
    ]);
    expect(b.returned()).toEqual([]);
    expect(a.mail.errorsDelivered).toBe(3);
    // The errors are in a's log: a rebuilt a has them once and gets none again (not even for its ended threads).
    await step(rooms, 6);
    const undeliverable: MailError[] = [];
    const rebuiltA = await rebuild(a, { maxBytes: 64, onUndeliverable: (error) => undeliverable.push(error) });
    await step([rebuiltA, b, c], 30);
    expect(rebuiltA.returned()).toEqual(a.returned());
    expect(undeliverable).toEqual([]);
    expect(c.kept().map(body)).toEqual(['before', 'after', 'from b']);
  });
});

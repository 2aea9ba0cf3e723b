// A small game for the mail tests: a keeper registers a name and keeps every message it receives (in its world, in
// the order received, which the world hash covers); a sender posts one mail to another room and keeps what comes
// back; a spammer posts `perTick` mails every tick, a poster `count` mails then ends. Rooms of it are stepped by hand
// in test/colyseus/room-mail.test.ts and bench/mail.ts, and run in server processes by test/support/mail-server.ts.
import { Engine, receive, register, sendTo, useEngine, type Simulation, type SimulationSetup, type StateHasher } from 'loom-threads';
import { MailOutbox, type RoomGame } from 'loom-threads/colyseus';

export class MailWorld {
  readonly outbox = new MailOutbox();
  /** What the keeper received, as JSON, in order. */
  readonly kept: string[] = [];
  /** What senders got back (errors), as JSON. */
  readonly returned: string[] = [];
}

export interface MailSim extends Simulation {
  world: MailWorld;
}

export function* keeper(world: MailWorld, name: string) {
  yield* register(name);
  for (;;) {
    const message = yield* receive();
    world.kept.push(JSON.stringify([useEngine().tick, message]));
  }
}

export function* sender(world: MailWorld, room: string, name: string, body: unknown) {
  world.outbox.post(room, name, body);
  world.returned.push(JSON.stringify(yield* receive()));
}

export function* spammer(world: MailWorld, room: string, name: string, perTick: number) {
  for (let n = 0; ; n++) {
    for (let i = 0; i < perTick; i++) world.outbox.post(room, name, n);
    yield;
  }
}

/** Posts `count` mails, `perTick` a tick, their bodies numbered from 0, then ends. */
export function* poster(world: MailWorld, room: string, name: string, count: number, perTick: number) {
  for (let n = 0; n < count; yield) {
    for (let i = 0; i < perTick && n < count; i++) world.outbox.post(room, name, n++);
  }
}

/** Posts a body JSON cannot hold (`'bigint'`) or a recording cannot (`'dollar'`: a key starting with $). */
export function* oddSender(world: MailWorld, room: string, name: string, odd: 'bigint' | 'dollar') {
  world.outbox.post(room, name, odd === 'bigint' ? { big: 1n } : { $thread: 1 });
  world.returned.push(JSON.stringify(yield* receive()));
}

/** The same as {@link spammer}, to a thread of its own room: the in-process message a mail is measured against. */
export function* localSpammer(name: string, perTick: number) {
  for (let n = 0; ; n++) {
    for (let i = 0; i < perTick; i++) sendTo(name, n);
    yield;
  }
}

export function createMailSimulation(setup: SimulationSetup): MailSim {
  // Quiet: the tests make scripts fail on purpose. A game keeps the default hook, which prints each failure.
  const engine = new Engine({ seed: setup.seed, tickRate: setup.tickRate, onError: () => {} });
  const world = new MailWorld();
  return {
    engine,
    world,
    scripts: { keeper, sender, oddSender, spammer, poster, localSpammer },
    refs: { world },
    hashWorld: (h: StateHasher) => {
      h.int(world.kept.length);
      for (const kept of world.kept) h.string(kept);
    },
  };
}

/** A room game of mail alone: one seat, no input, a `keeper` named `keeper` from the start, no view. */
export const mailGame: RoomGame<MailSim> = {
  create: createMailSimulation,
  meta: { game: 'mail' },
  seats: 1,
  input: [{ name: 'none', min: 0, max: 0 }],
  neutral: [0],
  start: (recorder) => void recorder.spawn(keeper, recorder.sim.world, 'keeper'),
  seat: () => {},
  apply: () => {},
  outbox: (sim) => sim.world.outbox,
  view: () => new Uint8Array(0),
};

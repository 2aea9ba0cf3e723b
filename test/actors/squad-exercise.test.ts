// Issue 22's exercise: a squad leader keeps three members alive, respawning one a second after it dies and giving
// up after five deaths in ten seconds; members find the leader by name and ask it, waiting half a second for the
// answer while orders keep arriving. It took 118 lines of hand-written machinery; the script part is now ~30.
import { describe, expect, it } from 'vitest';
import { call, Engine, receive, register, Request, sleep, spawn, supervisor, useThread } from '../../engine/index.ts';

function squad(log: string[]) {
  const isAsk = (m: unknown): m is Request<string, string> => m instanceof Request;
  function* member(n: number) {
    const self = useThread();
    for (;;) {
      const answer = yield* call<string, string>('leader', `orders for ${n}?`, 0.5);
      const orders: string[] = [];
      for (let order = yield* receive<string>(0); order !== undefined; order = yield* receive<string>(0)) orders.push(order);
      log.push(`${self.engine.tick} ${self.label}: ${answer.timedOut ? 'no answer' : answer.value}; orders [${orders}]`);
      if (n === 2) throw new Error('member 2 stepped on a mine');
      yield* sleep(2);
    }
  }
  function* leader() {
    yield* register('leader');
    yield* spawn({ name: 'squad' }, supervisor, {
      intensity: 4, period: 10, delay: 1,
      children: [1, 2, 3].map((n) => ({ name: `member:${n}`, script: member, args: [n] })),
    });
    for (;;) {
      const ask = yield* receive(isAsk);
      yield* sleep(0.1); // thinking: the member waits, and its orders queue
      ask.reply(`hold (${ask.body})`);
    }
  }
  return leader;
}

describe("issue 22's squad exercise", () => {
  it('respawns a member a second after it dies, gives up on the fifth death in ten seconds; members ask the leader by name', () => {
    const log: string[] = [];
    const errors: string[] = [];
    const engine = new Engine({ tickRate: 10, onError: (error, thread) => errors.push(`${thread.label}: ${(error as Error).message}`) });
    const leader = engine.spawn(squad(log));
    engine.step();
    engine.sendTo('member:1', 'advance'); // orders arrive while member 1 waits for the leader's answer
    engine.sendTo('member:1', 'take cover');
    for (let i = 0; i < 6; i++) engine.step();
    expect(log).toEqual([
      // All three asked in tick 1; the leader answers one a tick (each takes it 0.1 s), all within their 0.5 s.
      '3 #3 member:1: hold (orders for 1?); orders [advance,take cover]',
      '4 #4 member:2: hold (orders for 2?); orders []',
      '5 #5 member:3: hold (orders for 3?); orders []',
    ]);
    expect(engine.whereis('member:2')).toBeNull();
    expect(leader.children[0]!.supervised!.map((c) => `${c.name} ${c.restarts}`)).toEqual(['member:1 0', 'member:2 1', 'member:3 0']);
    for (let i = 0; i < 60; i++) engine.step();
    expect(log.filter((line) => line.includes('member:2'))).toEqual([
      '4 #4 member:2: hold (orders for 2?); orders []',
      '15 #6 member:2: hold (orders for 2?); orders []', // respawned in tick 14, a second after it died, a new thread
      '27 #7 member:2: hold (orders for 2?); orders []', // its ask waited a tick behind member 3's
      '38 #8 member:2: hold (orders for 2?); orders []',
      '49 #9 member:2: hold (orders for 2?); orders []', // the fifth death within ten seconds: the squad gives up
    ]);
    expect(errors).toEqual([
      '#1 leader: thread #2 squad failed: supervisor #2 squad gave up: member:2 ended (failed: member 2 stepped on a mine); 5 restarts within 10 s is more than its intensity, 4',
    ]);
    expect(engine.threadCount).toBe(0);
  });
});

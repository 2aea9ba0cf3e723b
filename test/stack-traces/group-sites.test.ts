import { describe, expect, it } from 'vitest';
import { all, atSite, race, script, sleep, sourceSite, timeout, type CallSites, type Thread } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';
import { markedLines } from '../support/marked-lines.ts';

const { source: SOURCE, at, lineOf } = markedLines(import.meta.url);

const fight = script(function* fight() {
  yield* sleep(5);
});
function* boss() {
  yield* race({ fight: fight(), over: sleep(9) }); // @race
}
function* squad() {
  yield* all([fight(), sleep(9)]); // @all
}
function* scout() {
  yield* timeout(9, sleep(5)); // @timeout
}

function started(callSites: CallSites, body: () => Generator): Thread[] {
  const { engine, steps } = createTestEngine({ callSites });
  engine.spawn(body); // @spawn
  steps(1);
  return [...engine.threads()];
}

function where(thread: Thread): string {
  const stack = thread.scriptStack!;
  return [...stack.frames.map((frame) => `${frame.name}${frame.at ? ` ${frame.at.file}:${frame.at.line}:${frame.at.column}` : ''}`), stack.ancestry].join(' | ');
}

describe('the branches of a race, an all or a timeout start where the script started the group', () => {
  it("with 'frames': each branch is spawned at the race's line, and a sub-script in it is called there", () => {
    const [, fighting, over] = started('frames', boss);
    const site = at('race', 'race(');
    expect(where(fighting!)).toBe(`fight | branch ${site} | #2 race:fight ← spawned by #1 boss at ${site} ← spawned by the host at ${at('spawn', 'spawn(')}`);
    expect(where(over!)).toBe(`branch | #3 race:over ← spawned by #1 boss at ${site} ← spawned by the host at ${at('spawn', 'spawn(')}`);
  });

  it("with 'waits': the script waits at the race's line, and so does a branch's wait; a sub-script's wait is its own", () => {
    const [waiting, fighting, over] = started('waits', boss);
    const line = (thread: Thread) => `${thread.waitingAt!.line}:${thread.waitingAt!.column}`;
    const site = at('race', 'race(').split(':').slice(-2).join(':');
    expect([line(waiting!), line(over!)]).toEqual([site, site]);
    expect(line(fighting!)).toBe(`${SOURCE.findIndex((text) => text.includes('yield* sleep(5);')) + 1}:10`);
  });

  it('the branches of an all and of a timeout too', () => {
    const [, first, second] = started('frames', squad);
    expect([first, second].map((thread) => thread!.scriptStack!.ancestry)).toEqual([
      `#2 all:0 ← spawned by #1 squad at ${at('all', 'all(')} ← spawned by the host at ${at('spawn', 'spawn(')}`,
      `#3 all:1 ← spawned by #1 squad at ${at('all', 'all(')} ← spawned by the host at ${at('spawn', 'spawn(')}`,
    ]);
    const [waiting, op, clock] = started('waits', scout);
    expect([waiting, op, clock].map((thread) => thread!.waitingAt!.column)).toEqual([10, 10, 10]);
    expect(new Set([waiting, op, clock].map((thread) => thread!.waitingAt!.line))).toEqual(new Set([lineOf('timeout')]));
  });

  it('a race whose site a build step told passes that on, with nothing captured', () => {
    const told = sourceSite('http://localhost:5173/game/scripts/boss.ts', 60, 10, 'boss');
    const [waiting, fighting, over] = started('waits', function* boss() {
      yield* atSite(race({ fight: fight(), over: sleep(9) }), told);
    });
    expect([waiting, over].map((thread) => thread!.waitingAt)).toEqual([told.position, told.position]);
    expect(fighting!.scriptStack!.frames[1]!.at).toBe(told.position);
    expect(over!.scriptStack!.ancestry).toMatch(/^#3 race:over ← spawned by #1 boss at http:\/\/localhost:5173\/game\/scripts\/boss\.ts:60:10 ← /);
  });

  it("with 'off', nothing: no site, and a branch's spawn has none", () => {
    const [, fighting] = started('off', boss);
    expect(where(fighting!)).toBe('fight | branch | #2 race:fight ← spawned by #1 boss');
  });
});

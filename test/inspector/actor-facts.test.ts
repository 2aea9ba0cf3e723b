import { describe, expect, it } from 'vitest';
import { joinGroup, monitor, register, sleep, supervisor } from '../../engine/index.ts';
import { actorFacts } from '../../inspector/actor-facts.ts';
import { createTestEngine } from '../helpers.ts';

describe('actorFacts: what the details show of an actor', () => {
  it('shows names, groups, monitors, and a supervisor\'s children with their restarts; nothing for other threads', () => {
    const { engine, steps } = createTestEngine({ tickRate: 10 });
    function* brief() { yield* sleep(0.1); }
    const plain = engine.spawn(function* plain() { yield* sleep(9); });
    const squad = engine.spawn(supervisor, { intensity: 9, delay: 0.5, children: [{ name: 'm:1', script: brief }] });
    const boss = engine.spawn(function* boss() {
      yield* register('boss');
      yield* joinGroup('squad:alpha');
      yield* monitor(plain);
      yield* sleep(9);
    });
    steps(3);
    expect(actorFacts(plain)).toBeNull();
    expect(actorFacts(boss)!.registry).toBe('names boss · groups squad:alpha');
    expect(actorFacts(boss)!.monitors[0]).toBe(plain);
    expect(actorFacts(squad)).toMatchObject({ registry: '', monitors: [], supervised: [{ name: 'm:1', thread: null, text: 'm:1 waiting to restart ↻1' }] });
    const before = actorFacts(squad)!.key;
    steps(4); // it died in tick 2: started again in tick 7
    expect(actorFacts(squad)!.supervised[0]!.text).toBe('m:1 ↻1');
    expect(actorFacts(squad)!.supervised[0]!.thread).toBe(engine.whereis('m:1'));
    expect(actorFacts(squad)!.key).not.toBe(before);
  });
});

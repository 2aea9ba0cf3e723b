import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { programs } from './arbitrary.ts';
import { explain, findCounterexample } from './property.ts';
import { TICK_LIMIT, execute, runProgram } from './run-program.ts';
import { runModel } from './reference/run-model.ts';
import { printProgram, type Program } from './program.ts';

// Random programs over every op, driven tick by tick, keep every rule of docs/guide.md (checked by a model of them).
// A failure prints the shrunk program and the invariants it broke; `npm run fuzz -- --runs N --seed S` runs more.

describe('random programs (model-based property suite)', () => {
  it('2,000 programs with a fixed seed keep every invariant', () => {
    const seed = 20261129;
    const found = findCounterexample(2000, seed);
    if (found) {
      expect.fail(`program ${found.runs} broke the rules (seed ${seed}, fast-check path "${found.path}"; `
        + `npm run fuzz -- --runs 2000 --seed ${seed} finds it again):\n${explain(found)}`);
    }
  }, 120_000);

  it('the generator reaches every statement kind and every host action', () => {
    const seen = new Set<string>();
    const walk = (block: Program['roots'][number]): void => {
      for (const stmt of block) {
        seen.add(stmt.k === 'call' ? `call ${stmt.frame ? 'script()' : 'plain'}` : stmt.k);
        if (stmt.k === 'spawn' && stmt.detached) seen.add('spawn detached');
        if (stmt.k === 'receive' && stmt.ticks === null) seen.add('receive forever');
        if ('ticks' in stmt && stmt.ticks !== null && stmt.ticks >= 4096) seen.add('wait past the wheel\'s first level');
        if (stmt.k === 'waitUntil' && stmt.cancels) seen.add('predicate cancels');
        if (stmt.k === 'waitUntil' && stmt.throws) seen.add('predicate throws');
        if ('body' in stmt) walk(stmt.body);
        if ('branches' in stmt) stmt.branches.forEach(walk);
        if (stmt.k === 'supervise') {
          seen.add(stmt.strategy);
          for (const child of stmt.children) {
            seen.add(`${child.restart} child`);
            walk(child.body);
          }
        }
        if (stmt.k === 'try') {
          if (stmt.handler) seen.add(stmt.handler.rethrow ? 'catch rethrow' : 'catch');
          if (stmt.cleanup) seen.add(stmt.cleanup.shielded ? 'finally shield' : 'finally');
          if (stmt.handler) walk(stmt.handler.body);
          if (stmt.cleanup) walk(stmt.cleanup.body);
        }
      }
    };
    for (const program of fc.sample(programs, { numRuns: 1000, seed: 1 })) {
      program.roots.forEach(walk);
      for (const { action } of program.host) seen.add(`host ${action.k}`);
    }
    expect([...seen].sort()).toEqual([...[
      'all', 'broadcast', 'call plain', 'call script()', 'callChild', 'cancel', 'catch', 'catch rethrow', 'crowd', 'demonitor', 'emit',
      'finally', 'finally shield', 'host cancel', 'host emit', 'host reload', 'host send', 'join', 'joinGroup', 'members', 'monitor',
      'predicate cancels', 'predicate throws', 'race', 'receive', 'receive forever', 'receiveMatch', 'register', 'reply',
      'send', 'sendAfter', 'sendName', 'shield', 'sleep', 'spawn', 'spawn detached', 'throw', 'timeout', 'try',
      'wait past the wheel\'s first level', 'waitSignal', 'waitTicks', 'waitUntil', 'whereis',
      'yield',
      'one-for-all', 'one-for-one', 'permanent child', 'rest-for-one', 'supervise', 'temporary child', 'transient child',
    ].sort()]);
  });

  // The reference model stops comparing where it models no more (a hot reload): most of what programs do must still
  // be compared, or the suite would check results on paper only.
  it('the reference model vouches for most of what the programs observe', () => {
    let observed = 0;
    let compared = 0;
    for (const program of fc.sample(programs, { numRuns: 300, seed: 2 })) {
      const { stopAt } = runModel(program, TICK_LIMIT);
      const lines = execute(program, false).observations;
      observed += lines.length;
      compared += lines.filter((line) => Number(line.slice(0, line.indexOf(' '))) < stopAt).length;
    }
    expect(compared / observed).toBeGreaterThan(0.8);
  });

  it('a program that keeps the rules reports nothing, and prints as readable text', () => {
    const program: Program = { roots: [[{ k: 'spawn', detached: false, body: [{ k: 'throw' }] }, { k: 'join', child: 0 }]], host: [] };
    expect(runProgram(program)).toEqual([]);
    expect(printProgram(program)).toBe(['root 0 {', '  spawn {', '    throw new Error', '  }', '  join child[0]', '}'].join('\n'));
  });
});

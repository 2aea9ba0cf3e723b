import { describe, expect, it } from 'vitest';
import { codeBlocks, runScript, typeErrors } from './code-blocks.ts';

describe('README: a first script', () => {
  // README.md's first script block, read from the file, with the output block that follows it.
  const first = codeBlocks('README.md').find((block) => block.kind === 'script');

  it('is in the README with what it prints', () => {
    expect(first?.code).toContain("from 'loom-threads'");
    expect(first?.output).toMatch(/\S/);
  });

  it('type-checks against the engine', () => {
    expect(typeErrors([first!])).toEqual([]);
  });

  it('runs as written, its ticks driven by its own engine.step() calls, and prints what the README says', () => {
    const { logged, engines } = runScript(first!);
    expect(logged).toEqual(first!.output!.split('\n'));
    expect(engines.map((engine) => [engine.tick, engine.threadCount])).toEqual([[61, 0]]);
  });
});

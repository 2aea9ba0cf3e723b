import { describe, expect, it } from 'vitest';
import { codeBlocks, documents, runScript, typeErrors } from './code-blocks.ts';

// Every TypeScript and JavaScript block in README.md and docs/, by its fence marker (test/docs/code-blocks.ts):
// scripts are type-checked and run, `file=` modules type-checked where they belong, fragments left alone.
const blocks = documents().flatMap(codeBlocks);
const scripts = blocks.filter((block) => block.kind === 'script');

describe('the code in README.md and docs/', () => {
  // An unknown marker fails the whole file as it is read.
  it('reads every block by its marker, scripts and file= modules among them', () => {
    expect(blocks.map((block) => block.kind)).toContain('file');
    expect(scripts.some((block) => block.where.startsWith('README.md:'))).toBe(true);
    expect(blocks.map((block) => block.kind)).toContain('page');
  });

  it('type-checks every script and file= module against the engine and the game', () => {
    expect(typeErrors(blocks.filter((block) => block.kind !== 'fragment'))).toEqual([]);
  }, 60_000);

  it.each(scripts.map((block) => [block.where, block] as const))('runs the script at %s, printing its output block', (_, block) => {
    const { logged } = runScript(block);
    if (block.output !== undefined) expect(logged).toEqual(block.output.split('\n'));
  });
});

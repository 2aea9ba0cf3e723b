// The project's ESLint config keeps process-wide mutable state out of engine/: a module-level `let` or `var` is an
// error there, but for the one exception the config names (which engine is ticking now, in core/thread.ts).
import { ESLint } from 'eslint';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const eslint = new ESLint({ cwd: root });

async function stateErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = [counter];\n`, { filePath: join(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

describe('no process-wide mutable state in engine/', { timeout: 60_000 }, () => {
  it.each([
    ['engine/core/probe.ts', 'let counter = 0;'],
    ['engine/ops/probe.ts', 'var counter = 0;'],
    ['engine/replay/probe.ts', 'export let counter = 0;'],
  ])('%s may not: %s', async (file, code) => {
    const errors = await stateErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('no process-wide mutable state');
  });

  it.each([
    ['engine/core/probe.ts', 'const counter = { count: 0 };'],
    ['engine/core/probe.ts', 'function tally(): number {\n  let counter = 0;\n  return ++counter;\n}\nconst counter = tally();'],
    ['engine/core/thread.ts', 'let counter = 0;'],
    ['game/probe.ts', 'let counter = 0;'],
  ])('%s may: %s', async (file, code) => {
    expect(await stateErrors(file, code)).toEqual([]);
  });
});

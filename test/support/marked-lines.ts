// Positions in a test file of its own lines marked `// @mark`: what V8 reports for a call or throw written there.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/**
 * The marked lines of the module at `url` (a test passes its `import.meta.url`).
 *
 * @example
 * ```ts
 * const { at } = markedLines(import.meta.url);
 * at('spawn', 'spawn('); // '/work/main/test/x.test.ts:12:10', where `engine.spawn(x); // @spawn` is
 * ```
 */
export function markedLines(url: string) {
  const file = fileURLToPath(url);
  const source = readFileSync(file, 'utf8').split('\n');
  /** `file:line:column` of `token` on the one line marked `// @mark`. */
  const at = (mark: string, token: string): string => {
    const lines = source.flatMap((text, index) => (text.endsWith(`// @${mark}`) ? [index] : []));
    expect(lines, mark).toHaveLength(1);
    return `${file}:${lines[0]! + 1}:${source[lines[0]!]!.indexOf(token) + 1}`;
  };
  /** The number of the line marked `// @mark`. */
  const lineOf = (mark: string): number => Number(at(mark, '').split(':').at(-2));
  return { file, source, at, lineOf };
}

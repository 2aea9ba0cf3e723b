// Each part of engine/ has a README naming every file in it, so the map a newcomer reads is the code as it is.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const engineDir = join(dirname(fileURLToPath(import.meta.url)), '../../engine');
const parts = readdirSync(engineDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);

/** The file names a README mentions in backticks, e.g. `thread.ts`. */
function namedFiles(readme: string): Set<string> {
  return new Set([...readme.matchAll(/`([a-z0-9-]+\.ts)`/g)].map((match) => match[1]!));
}

describe('engine READMEs', () => {
  it('engine/README.md lists every part, with a link to its README', () => {
    const readme = readFileSync(join(engineDir, 'README.md'), 'utf8');
    for (const part of parts) expect(readme).toContain(`[${part}/](${part}/README.md)`);
  });

  it.each(parts)('engine/%s/README.md names each of its files, and only those', (part) => {
    const readme = readFileSync(join(engineDir, part, 'README.md'), 'utf8');
    const files = readdirSync(join(engineDir, part)).filter((name) => name.endsWith('.ts')).sort();
    expect(readme.split('\n')[0]).toMatch(new RegExp(`^# engine/${part}: `));
    expect([...namedFiles(readme)].sort()).toEqual(files);
  });
});

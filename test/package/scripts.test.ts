// Every file an npm script names exists: a script whose file moved fails here, not in a user's terminal.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
// A path argument: `bench/server.ts`, `--env-file=harness/production.env`, `--import ./game/headless/register-assets.mjs`.
const PATH = /(?:^|[\s=])(?:\.\/)?([\w-]+(?:\/[\w.-]+)+\.(?:ts|mts|mjs|js|json|env))(?=\s|$)/g;

/** The repository paths a script's command line names. */
function pathsIn(command: string): string[] {
  return [...command.matchAll(PATH)].map((match) => match[1]!);
}

describe('npm scripts', () => {
  it('finds the paths of a command line, and only those', () => {
    expect(pathsIn('node --env-file=harness/production.env --import tsx --import ./game/headless/register-assets.mjs bench/server.ts'))
      .toEqual(['harness/production.env', 'game/headless/register-assets.mjs', 'bench/server.ts']);
    expect(pathsIn('vitest run --exclude \'test/e2e/**\' && tsc -p tsconfig.build.json')).toEqual([]);
  });

  for (const [name, command] of Object.entries(scripts)) {
    const paths = pathsIn(command);
    if (paths.length === 0) continue;
    it(`${name}: every file it names exists`, () => {
      expect(paths.filter((path) => !existsSync(join(root, path)))).toEqual([]);
    });
  }
});

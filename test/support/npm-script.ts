// A Node command of package.json's scripts, for tests that start it as a child process the way `npm run` does,
// without npm between them and the process they stop by its pid.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(fileURLToPath(import.meta.url), '../../..');

/** The script `name` (`node FLAGS... ENTRY`) split: Node's flags, and the module it runs. */
export function nodeScript(name: string): { flags: string[]; entry: string } {
  const scripts = (JSON.parse(readFileSync(resolve(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const words = scripts[name]?.split(/\s+/) ?? [];
  if (words[0] !== 'node' || words.length < 2) throw new Error(`package.json has no script "${name}" of the form node FLAGS... ENTRY`);
  return { flags: words.slice(1, -1), entry: words.at(-1)! };
}

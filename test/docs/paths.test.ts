// A file a doc names by its path from the repository root exists: docs follow the code when it moves.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const FOLDERS = 'test|engine|game|bench|tools|harness|inspector|server|colyseus|eslint-plugin|vite-plugin|node-hook|assets|docs';
const PATH = new RegExp(`(?<![\\w/.-])((?:${FOLDERS})/[\\w./*-]+\\.(?:ts|md|mjs|json|html|css|svg))`, 'g');
// Paths a doc names on purpose that are not in the repository: a file the reader writes, or a bench's output.
const NOT_FILES = new Set(['game/scripts/mine.ts', 'test/game/mine.test.ts', 'test/my.test.ts']);
const GENERATED = /^bench\/results\//;

function docs(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return ['node_modules', '.git', 'lib', 'dist', 'api'].includes(entry.name) ? [] : docs(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

/** Whether `path`, which may end in a `*` glob for one name, names at least one file. */
function exists(path: string): boolean {
  if (!path.includes('*')) return existsSync(join(root, path));
  const [folder, pattern] = [dirname(path), path.slice(dirname(path).length + 1)];
  const name = new RegExp(`^${pattern.replace(/[.]/g, '\\.').replace(/\*/g, '.*')}$`);
  return existsSync(join(root, folder)) && readdirSync(join(root, folder)).some((file) => name.test(file));
}

describe('paths named in the docs', () => {
  it.each(docs('.').map((path) => relative(root, join(root, path))))('%s names only files that exist', (doc) => {
    const text = readFileSync(join(root, doc), 'utf8');
    // test/README.md names the test folder's own files from inside it.
    const base = doc === 'test/README.md' ? 'test/' : '';
    const named = [...text.matchAll(PATH)].map((match) => match[1]!.replace(/[.]$/, ''));
    const missing = named.filter((path) => !NOT_FILES.has(path) && !GENERATED.test(path) && !exists(path) && !exists(base + path));
    expect(missing).toEqual([]);
  });
});

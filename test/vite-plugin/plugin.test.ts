import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../engine/index.ts';
import { drill } from '../../game/scripts/drill.ts';
import { loomSites } from '../../vite-plugin/index.ts';

const SOURCE = 'export function* g() { yield* sleep(1); }';
type Transform = (this: unknown, code: string, id: string, options?: { ssr?: boolean }) => Promise<{ code: string } | null>;

// The plugin's transform as Vite calls it; the engine resolves from every module but those under /p/linked/.
async function transformIn(plugin: Plugin, consumer: 'client' | 'server', id: string, source = SOURCE, ssr = false): Promise<string | null> {
  const transform = plugin.transform as Transform;
  const resolve = (specifier: string, importer: string) => {
    resolved.push(specifier);
    return Promise.resolve(importer.startsWith('/p/linked/') ? null : { id: `/p/node_modules/${specifier}/index.js` });
  };
  return (await transform.call({ environment: { config: { consumer } }, resolve }, source, id, { ssr }))?.code ?? null;
}
const resolved: string[] = [];

describe('loomSites, the Vite plugin (loom-threads/vite)', () => {
  it('runs under the dev server only, before TypeScript is stripped', () => {
    const plugin = loomSites();
    expect([plugin.name, plugin.apply, plugin.enforce]).toEqual(['loom-sites', 'serve', 'pre']);
  });

  it('writes sites into script modules, by URL for a page and by path for Node, and leaves node_modules and other files alone', async () => {
    const plugin = loomSites();
    expect(await transformIn(plugin, 'client', '/p/game/a.ts')).toContain('__loom$site(import.meta.url, 1, 31, "g")');
    expect(await transformIn(plugin, 'client', '/p/game/a.mjs?t=5')).toContain('__loom$site(import.meta.url, 1, 31, "g")');
    expect(await transformIn(plugin, 'server', '/p/game/a.ts')).toContain('__loom$site("/p/game/a.ts", 1, 31, "g")');
    expect(await transformIn(plugin, 'client', '/p/node_modules/loom-threads/lib/engine/ops/group.js')).toBeNull();
    expect(await transformIn(plugin, 'client', '/p/game/page.css')).toBeNull();
    expect(await transformIn(plugin, 'client', '/p/game/page.html?html-proxy&index=0.js')).toBeNull();
    expect(await transformIn(plugin, 'client', '/p/game/data.json')).toBeNull();
    expect(await transformIn(plugin, 'client', '/p/game/a.ts', SOURCE, true)).toContain('__loom$site("/p/game/a.ts", 1, 31, "g")');
    expect(await transformIn(plugin, 'client', '/p/game/a.ts')).toContain('\nimport { atSite as __loom$at, sourceSite as __loom$site } from "loom-threads";\n');
  });

  it('takes include and exclude, and the specifier to import the engine by', async () => {
    const plugin = loomSites({ include: ['/p/game/**'], exclude: ['/p/game/vendor/**'], engine: '@me/loom' });
    expect(await transformIn(plugin, 'client', '/p/game/a.ts')).toContain('\nimport { atSite as __loom$at, sourceSite as __loom$site } from "@me/loom";\n');
    expect(await transformIn(plugin, 'client', '/p/test/a.ts')).toBeNull();
    expect(await transformIn(plugin, 'client', '/p/game/vendor/a.ts')).toBeNull();
  });

  it('looks for the engine only from a module with a yield', async () => {
    resolved.length = 0;
    expect(await transformIn(loomSites(), 'client', '/p/game/a.ts', 'export const a = 1;')).toBeNull();
    expect(resolved).toEqual([]);
    expect(await transformIn(loomSites(), 'client', '/p/game/a.ts')).not.toBeNull();
    expect(resolved).toEqual(['loom-threads']);
  });

  it('leaves alone a module the engine does not resolve from: a linked library that does not use Loom', async () => {
    const plugin = loomSites();
    expect(await transformIn(plugin, 'client', '/p/linked/flatten.ts')).toBeNull();
    expect(await transformIn(plugin, 'client', '/p/game/flatten.ts')).not.toBeNull();
  });

  it("is in this project's config for the game: under vitest a game script's sites are written in, by path", () => {
    const engine = new Engine({ callSites: 'waits' });
    const thread = engine.spawn(drill);
    engine.step();
    const file = resolve(import.meta.dirname, '../../game/scripts/drill.ts');
    const line = readFileSync(file, 'utf8').split('\n').findIndex((text) => text.includes('yield* join(child)')) + 1;
    expect(thread.waitingAt).toEqual({ fn: 'drill', file, line, column: 10, original: true });
    engine.cancel(thread);
    engine.step();
  });
});

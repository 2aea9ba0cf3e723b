import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseSync } from 'vite';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { Engine, type ScriptGenerator, type SourcePosition } from '../../engine/index.ts';
import { placeSites } from '../../vite-plugin/placed-sites.ts';
import { waitSites as waitSitesAs } from '../support/wait-sites.ts';

const FIXTURE = new URL('./fixtures/placed-scripts.ts', import.meta.url);
const MEMBERS = new URL('./fixtures/placed-members.js', import.meta.url);
const EARLY = new URL('./fixtures/placed-early.ts', import.meta.url);
const written: URL[] = [];

type Scripts = typeof import('./fixtures/placed-scripts.ts');
type Members = { members: () => ScriptGenerator; names: () => ScriptGenerator };

/**
 * A fixture through the plugin's transform, written next to it (so that it imports the engine the same way) under
 * a name of its own content: a transform that writes something else is imported afresh, never a module cached.
 */
async function placed<T>(fixture: URL): Promise<T> {
  const module = placeSites(readFileSync(fixture, 'utf8'), fileURLToPath(fixture), { parse: parseSync, server: true });
  expect(module).not.toBeNull();
  const hash = createHash('sha1').update(module!.code).digest('hex').slice(0, 12);
  const file = new URL(fixture.href.replace(/\/([\w-]+)(\.\w+)$/, `/.$1-${process.pid}-${hash}$2`));
  writeFileSync(file, module!.code);
  written.push(file);
  return (await import(/* @vite-ignore */ file.href)) as T;
}

const placedScripts = (): Promise<Scripts> => placed<Scripts>(FIXTURE);
const asWritten = (): Promise<Scripts> => import('./fixtures/placed-scripts.ts');

function where(at: SourcePosition): string {
  return `${at.line}:${at.column} ${at.fn}`;
}

// Where the thread waits, each time it changes, as line:column and function, until the thread ends.
const waitSites = (body: () => ScriptGenerator): string[] => waitSitesAs(body, where);

describe('the Vite plugin writes the sites V8 would capture', () => {
  afterAll(() => {
    for (const file of written) rmSync(file, { force: true });
  });

  it('names the same line, column and function for every form of yield*', async () => {
    const captured = waitSites((await asWritten()).everyForm);
    expect(captured).toHaveLength(17);
    expect(waitSites((await placedScripts()).everyForm)).toEqual(captured);
  });

  it('names the column V8 does for each form of argument: a call, a property, a `[`, a `?.`, the last branch', async () => {
    const captured = waitSites(((await import(/* @vite-ignore */ MEMBERS.href)) as Members).members);
    expect(captured).toHaveLength(24);
    expect(waitSites((await placed<Members>(MEMBERS)).members)).toEqual(captured);
  });

  it('names each function as V8 does: by variable, by assignment, by owner, by key', async () => {
    const captured = waitSites(((await import(/* @vite-ignore */ MEMBERS.href)) as Members).names);
    expect(captured.map((site) => site.split(' ').slice(1).join(' '))).toEqual(['anonymous', 'assigned', 'Object.owner.run', 'Squad.march', 'Squad.#sneak', 'Squad.quoted name']);
    expect(waitSites((await placed<Members>(MEMBERS)).names)).toEqual(captured);

  });

  it('gives a script run before its module has loaded to its end its site all the same', async () => {
    const { earlyAt } = await placed<{ earlyAt: SourcePosition }>(EARLY);
    expect(earlyAt).toEqual({ fn: 'early', file: fileURLToPath(EARLY), line: 6, column: 10, original: true });
  });

  it('names methods as V8 does, by their owner', async () => {
    const captured = waitSites((await asWritten()).methods);
    expect(captured.map((site) => site.split(' ')[1])).toEqual(['Patrol.route', 'Function.anywhere', 'Object.hold', 'Object.march']);
    expect(waitSites((await placedScripts()).methods)).toEqual(captured);
  });

  it('gives a failure the same frames and spawn chain, marked as the source as written', async () => {
    const failures = (scripts: Scripts) => {
      const printed: string[] = [];
      const print = vi.spyOn(console, 'error').mockImplementation((text: string) => printed.push(text));
      const engine = new Engine({ callSites: 'frames' });
      engine.spawn(scripts.spawner);
      for (let tick = 0; tick < 200; tick++) engine.step();
      print.mockRestore();
      return printed.join('\n').replace(/\/[\w/.-]*placed-scripts[\w-]*\.ts/g, 'FILE');
    };
    const captured = failures(await asWritten());
    expect(captured).toContain('at outer (FILE:');
    expect(captured).toContain('spawned by #1 spawner at FILE:');
    expect(failures(await placedScripts())).toEqual(captured);
  });
});

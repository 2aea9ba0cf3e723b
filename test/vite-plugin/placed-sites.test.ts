import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { Engine, type ScriptGenerator, type SourcePosition } from '../../engine/index.ts';
import { placeSites } from '../../vite-plugin/placed-sites.ts';

const FIXTURE = new URL('./fixtures/placed-scripts.ts', import.meta.url);
const PLACED = new URL(`./fixtures/.placed-scripts-${process.pid}.ts`, import.meta.url);
const PLACED_MEMBERS = new URL(`./fixtures/.placed-members-${process.pid}.js`, import.meta.url);
const PLACED_EARLY = new URL(`./fixtures/.placed-early-${process.pid}.ts`, import.meta.url);

type Scripts = typeof import('./fixtures/placed-scripts.ts');

let placed: Scripts | null = null;

// The fixture through the plugin's transform, written next to it so that it imports the engine the same way.
async function placedScripts(): Promise<Scripts> {
  if (placed !== null) return placed;
  const module = placeSites(readFileSync(FIXTURE, 'utf8'), fileURLToPath(FIXTURE), { server: true });
  expect(module).not.toBeNull();
  writeFileSync(PLACED, module!.code);
  placed = (await import(/* @vite-ignore */ PLACED.href)) as Scripts;
  return placed;
}

const asWritten = (): Promise<Scripts> => import('./fixtures/placed-scripts.ts');

function where(at: SourcePosition): string {
  return `${at.line}:${at.column} ${at.fn}`;
}

// Where the thread waits, each time it changes, as line:column and function, until the thread ends.
function waitSites(body: () => ScriptGenerator): string[] {
  const engine = new Engine({ callSites: 'waits' });
  const thread = engine.spawn(body);
  const seen: string[] = [];
  for (let tick = 0; tick < 5000 && thread.alive; tick++) {
    engine.step();
    const at = thread.waitingAt;
    if (at !== null && seen.at(-1) !== where(at)) seen.push(where(at));
  }
  expect(thread.alive).toBe(false);
  return seen;
}

describe('the Vite plugin writes the sites V8 would capture', () => {
  afterAll(() => {
    rmSync(PLACED, { force: true });
    rmSync(PLACED_MEMBERS, { force: true });
    rmSync(PLACED_EARLY, { force: true });
  });

  it('names the same line, column and function for every form of yield*', async () => {
    const captured = waitSites((await asWritten()).everyForm);
    expect(captured).toHaveLength(14);
    expect(waitSites((await placedScripts()).everyForm)).toEqual(captured);
  });

  it('names the column V8 does for an argument that is not a call: a property, a `[`, a `?.`, the last branch', async () => {
    const source = new URL('./fixtures/placed-members.js', import.meta.url);
    const module = placeSites(readFileSync(source, 'utf8'), fileURLToPath(source), { server: true })!;
    writeFileSync(PLACED_MEMBERS, module.code);
    type Members = { members: () => ScriptGenerator };
    const captured = waitSites(((await import(/* @vite-ignore */ source.href)) as Members).members);
    expect(captured).toEqual(['10:17 members', '11:21 members', '12:22 members', '13:16 members', '14:59 members', '15:29 members', '16:25 members', '17:25 members', '18:21 members']);
    expect(waitSites(((await import(/* @vite-ignore */ PLACED_MEMBERS.href)) as Members).members)).toEqual(captured);
  });

  it('gives a script run before its module has loaded to its end its site all the same', async () => {
    const source = new URL('./fixtures/placed-early.ts', import.meta.url);
    writeFileSync(PLACED_EARLY, placeSites(readFileSync(source, 'utf8'), fileURLToPath(source), { server: true })!.code);
    const { earlyAt } = (await import(/* @vite-ignore */ PLACED_EARLY.href)) as { earlyAt: SourcePosition };
    expect(earlyAt).toEqual({ fn: 'early', file: fileURLToPath(source), line: 6, column: 10, original: true });
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
      return printed.join('\n').replaceAll(fileURLToPath(PLACED), 'FILE').replaceAll(fileURLToPath(FIXTURE), 'FILE');
    };
    const captured = failures(await asWritten());
    expect(captured).toContain('at outer (FILE:');
    expect(captured).toContain('spawned by #1 spawner at FILE:');
    expect(failures(await placedScripts())).toEqual(captured);
  });
});

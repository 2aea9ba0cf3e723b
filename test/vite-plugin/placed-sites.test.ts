import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { Engine, type ScriptGenerator, type SourcePosition } from '../../engine/index.ts';
import { placeSites } from '../../vite-plugin/placed-sites.ts';

const FIXTURE = new URL('./fixtures/placed-scripts.ts', import.meta.url);
const PLACED = new URL(`./fixtures/.placed-scripts-${process.pid}.ts`, import.meta.url);

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
  afterAll(() => rmSync(PLACED, { force: true }));

  it('names the same line, column and function for every form of yield*', async () => {
    const captured = waitSites((await asWritten()).everyForm);
    expect(captured).toHaveLength(14);
    expect(waitSites((await placedScripts()).everyForm)).toEqual(captured);
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

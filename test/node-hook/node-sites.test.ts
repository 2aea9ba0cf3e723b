// The Node hook (`loom-threads/node`): in this process, what placeSitesForNode writes for a module as tsx or tsc
// leave it; in child processes run as `npm run server` runs, that the sites it writes are those Node's own
// capture prints through tsx, form by form, and that a failure prints the same.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { SourceMap, type SourceMapping } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseSync } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { placeSitesForNode, uncompiled } from '../../node-hook/node-sites.ts';
import { REPO_ROOT } from '../support/browser.ts';
import { nodeScript } from '../support/npm-script.ts';
import { insertText } from '../../vite-plugin/inserted-text.ts';
import { encodeVlq } from '../../vite-plugin/vlq.ts';

const REPORT = 'test/node-hook/fixtures/report-sites.ts';
const GAME = 'test/node-hook/fixtures/report-game-sites.ts';
const MEMBERS = resolve(REPO_ROOT, 'test/vite-plugin/fixtures/placed-members.js');
const HOOK = ['--import', './node-hook/register.ts'];
const temporary: string[] = [];
const NODE = { engine: 'loom-threads', parse: parseSync };

afterAll(() => {
  for (const path of temporary) rmSync(path, { recursive: true, force: true });
});

function inlineMap(map: object): string {
  return `//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}\n`;
}

function mapOf(code: string): { mappings: string; sources: string[] } {
  const data = /sourceMappingURL=data:application\/json;base64,(\S+)\s*$/.exec(code);
  expect(data).not.toBeNull();
  return JSON.parse(Buffer.from(data![1]!, 'base64').toString('utf8')) as { mappings: string; sources: string[] };
}

// A one-line module as esbuild writes it for tsx, and its map: each `yield*` and each call back to its place in a
// four-line source (and a segment one column after a callee, so that a lookup a column off shows).
const COMPILED = 'function*patrol2(){yield*walk(1);yield*sleep(2)}__name(patrol2,"patrol");';
const SOURCE_PLACES: [string, number, number][] = [['function*patrol2', 0, 0], ['yield*walk', 1, 2], ['walk', 1, 9], ['alk(1)', 1, 30], ['yield*sleep', 2, 2], ['sleep', 2, 9]];
function compiledMap(sources: string[]): object {
  let [column, line, sourceColumn] = [0, 0, 0];
  const segments = SOURCE_PLACES.map(([text, toLine, toColumn]) => {
    const at = COMPILED.indexOf(text);
    const segment = encodeVlq(at - column) + encodeVlq(0) + encodeVlq(toLine - line) + encodeVlq(toColumn - sourceColumn);
    [column, line, sourceColumn] = [at, toLine, toColumn];
    return segment;
  });
  return { version: 3, sources, names: [], mappings: segments.join(',') };
}

describe('placeSitesForNode: the sites of a module as Node runs it', () => {
  it('writes each site where a mapped trace prints it: through the map, the file a path, a nameless function `<anonymous>`', () => {
    const code = placeSitesForNode(`${COMPILED}\n${inlineMap(compiledMap(['patrol.ts']))}`, 'file:///game/scripts/patrol.js', NODE);
    expect(code).toContain('yield*__loom$at(walk(1), __loom$s(0));yield*__loom$at(sleep(2), __loom$s(1))');
    expect(code).toContain('__loom$site("/game/scripts/patrol.ts", 2, 10, "patrol")');
    expect(code).toContain('__loom$site("/game/scripts/patrol.ts", 3, 10, "patrol")');
    expect(code).toContain('from "loom-threads"');
    expect(placeSitesForNode('export const g = [function* () { yield* a(); }];', 'file:///p/a.js', NODE)).toContain('__loom$site("/p/a.js", 1, 41, "<anonymous>")');
  });

  it('replaces the map with one that maps every token as the old one did, and keeps the lines', () => {
    const source = `${COMPILED}\n${inlineMap(compiledMap(['patrol.ts']))}`;
    const code = placeSitesForNode(source, 'file:///game/scripts/patrol.js', NODE)!;
    expect(code.match(/sourceMappingURL/g)).toHaveLength(1);
    const before = new SourceMap(compiledMap(['patrol.ts']) as ConstructorParameters<typeof SourceMap>[0]);
    const after = new SourceMap(mapOf(code) as ConstructorParameters<typeof SourceMap>[0]);
    const [firstLine] = code.split('\n');
    for (const [text] of SOURCE_PLACES) {
      const was = COMPILED.indexOf(text);
      const now = firstLine!.indexOf(text.replace(/^yield\*(\w)/, 'yield*__loom$at($1'));
      expect(now).toBeGreaterThanOrEqual(was);
      const { originalLine, originalColumn } = before.findEntry(0, was) as SourceMapping;
      expect(after.findEntry(0, now)).toMatchObject({ originalLine, originalColumn });
    }
    // Made absolute as Node makes them, with no root left to prefix them again.
    expect(mapOf(code)).toMatchObject({ sources: [pathToFileURL('/game/scripts/patrol.ts').href], sourceRoot: '' });
  });

  it('reads an inline map written as text, a comment with no line break after it, and only the last comment', () => {
    const map = JSON.stringify(compiledMap(['patrol.ts']));
    const asText = placeSitesForNode(`${COMPILED}\n//# sourceMappingURL=data:application/json,${encodeURIComponent(map)}`, 'file:///g/patrol.js', NODE);
    expect(asText).toContain('__loom$site("/g/patrol.ts", 2, 10, "patrol")');
    const quoted = `${COMPILED}const note = "//# sourceMappingURL=elsewhere.js.map";\n${inlineMap(compiledMap(['patrol.ts'])).trimEnd()}`;
    expect(placeSitesForNode(quoted, 'file:///g/patrol.js', NODE)).toContain('__loom$site("/g/patrol.ts", 3, 10, "patrol")');
  });

  it('writes a source that is not a file by its URL', () => {
    const code = placeSitesForNode(`${COMPILED}\n${inlineMap(compiledMap(['https://example.com/src/patrol.ts']))}`, 'file:///g/patrol.js', NODE);
    expect(code).toContain('__loom$site("https://example.com/src/patrol.ts", 2, 10, "patrol")');
  });

  it("parses tsx's JavaScript as JavaScript, whatever the file's extension", () => {
    // As JavaScript the sequence ends in a comparison (no position of its own: its start); as TypeScript, in a call.
    const code = placeSitesForNode('function* g() {\n  yield* (x, f < a, b > (c));\n}\n', 'file:///g/g.ts', NODE);
    expect(code).toContain('__loom$site("/g/g.ts", 2, 21, "g")');
  });

  it('tells TypeScript no compiler has seen: a TypeScript file with no map', () => {
    expect(['a.ts', 'a.mts', 'a.cts', 'a.tsx'].map((file) => uncompiled('const a: number = 1;\n', `file:///g/${file}`))).toEqual([true, true, true, true]);
    expect(uncompiled(`const a = 1;\n${inlineMap({})}`, 'file:///g/a.ts')).toBe(false);
    expect(uncompiled('const a = 1;\n', 'file:///g/a.js')).toBe(false);
  });

  it('reads a map from a file beside the module (as tsc writes it), with its sourceRoot', () => {
    const dir = mkdtempSync(join(tmpdir(), 'loom-node-sites-'));
    temporary.push(dir);
    writeFileSync(join(dir, 'patrol.js.map'), JSON.stringify({ ...compiledMap(['patrol.ts']), sourceRoot: '../src/' }));
    const code = placeSitesForNode(`${COMPILED}\n//# sourceMappingURL=patrol.js.map\n`, pathToFileURL(join(dir, 'patrol.js')).href, NODE);
    expect(code).toContain(`__loom$site(${JSON.stringify(resolve(dir, '../src/patrol.ts'))}, 2, 10, "patrol")`);
    expect(code).not.toContain('patrol.js.map');
  });

  it("with no map, or one it cannot read, writes the module's own places and gives it a map of its own", () => {
    const plain = placeSitesForNode('function* g() {\n  yield* a();\n}\n', 'file:///p/g.js', NODE)!;
    expect(plain).toContain('__loom$site("/p/g.js", 2, 10, "g")');
    expect(mapOf(plain).sources).toEqual(['/p/g.js']);
    const unread = placeSitesForNode('function* g() {\n  yield* a();\n}\n//# sourceMappingURL=missing.js.map\n', 'file:///nowhere/g.js', NODE)!;
    expect(unread).toContain('__loom$site("/nowhere/g.js", 2, 10, "g")');
  });

  it('leaves a place its map does not reach to the engine, and a module with no yield* alone', () => {
    const late = `var x=1;function*g(){yield*a()}\n${inlineMap({ version: 3, sources: ['g.ts'], names: [], mappings: ';' })}`;
    expect(placeSitesForNode(late, 'file:///p/g.js', NODE)).toBeNull();
    expect(placeSitesForNode('export const x = 1;\n', 'file:///p/x.js', NODE)).toBeNull();
  });
});

/** What `script` prints (JSON), run with Node's `flags` (tsx's, and the hook's or not). */
function run<T>(flags: string[], script: string, ...args: string[]): T {
  const out = execFileSync(process.execPath, [...flags, script, ...args], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'development' } });
  return JSON.parse(out) as T;
}

function report(flags: string[], members?: string): Record<string, string[] | string> {
  return run(flags, REPORT, ...(members === undefined ? [] : [members]));
}

const unmarked = (sites: Record<string, string[] | string>) => JSON.parse(JSON.stringify(sites).replaceAll(' (written in)', '')) as Record<string, string[] | string>;

describe('node --import tsx --import loom-threads/node: the sites written in are those Node would capture', () => {
  it('for every form of yield*, each method and the failure printed, through tsx', () => {
    const captured = report(['--import', 'tsx']);
    const written = report(['--import', 'tsx', ...HOOK]);
    for (const form of ['everyForm', 'methods'] as const) {
      expect(captured[form]).toHaveLength(form === 'everyForm' ? 17 : 4);
      for (const site of written[form]!) expect(site).toMatch(/placed-scripts\.ts:\d+:\d+ .* \(written in\)$/);
    }
    expect(captured['methods']).toContain(`${resolve(REPO_ROOT, 'test/vite-plugin/fixtures/placed-scripts.ts')}:73:12 Object.march`);
    expect(captured['failure']).toMatch(/at outer \(.*placed-scripts\.ts:\d+:\d+\)/);
    // The error's own stack: the frames paused in a delegation, at the column V8 gives the delegation.
    expect((captured['thrown'] as string[]).map((line) => line.trim().replace(/ \(.*placed-scripts\.ts:(\d+:\d+)\)$/, ' $1'))).toEqual(['at failing 86:9', 'at middle 89:10', 'at Object.member 94:5', 'at viaPlain 98:16']);
    expect(captured['nameless']).toEqual([expect.stringMatching(/report-sites\.ts:\d+:12 <anonymous>$/)]);
    const plainOnes = { members: [], names: [], byDefault: [], thrownPlain: [] };
    expect({ ...unmarked(written), ...plainOnes }).toEqual({ ...captured, ...plainOnes });
  }, 60_000);

  it('in plain JavaScript, as Node prints it once the module has a map (as the hook gives it)', () => {
    const mapped = join(REPO_ROOT, `test/vite-plugin/fixtures/.mapped-members-${process.pid}.js`);
    temporary.push(mapped);
    const code = readFileSync(MEMBERS, 'utf8');
    writeFileSync(mapped, `${code}\n${inlineMap(insertText(code, [], '', '', MEMBERS).map)}`);
    const captured = report(['--import', 'tsx'], mapped);
    const written = report(['--import', 'tsx', ...HOOK]);
    expect(captured['members']).toHaveLength(24);
    expect(captured['names']).toContain(`${MEMBERS}:61:12 Squad.#sneak`);
    for (const site of [...written['members']!, ...written['names']!]) expect(site).toMatch(/ \(written in\)$/);
    expect(unmarked(written)['members']).toEqual(captured['members']);
    expect(unmarked(written)['names']).toEqual(captured['names']);
    expect(captured['byDefault']).toEqual([`${MEMBERS}:85:10 default`]);
    expect(unmarked(written)['byDefault']).toEqual(captured['byDefault']);
    expect(captured['thrownPlain']).toEqual([`    at failing (${MEMBERS}:91:9)`, `    at viaPlain (${MEMBERS}:94:25)`]);
    expect(written['thrownPlain']).toEqual(captured['thrownPlain']);
  }, 60_000);

  it("for every thread of the sample game, as `npm run server` runs it, and never in the engine's own modules", () => {
    const { flags } = nodeScript('server');
    expect(flags).toEqual(expect.arrayContaining(HOOK));
    const written = run<string[]>(flags, GAME);
    const captured = run<string[]>(flags.filter((flag, index) => flag !== HOOK[1] && flags[index + 1] !== HOOK[1]), GAME);
    expect(captured.length).toBeGreaterThan(20);
    expect(captured.filter((site) => site.includes('/engine/'))).toEqual([]);
    for (const site of written) expect(site).toMatch(/ \/\S+\/game\/scripts\/\S+ .* \(written in\)$/);
    expect(written.map((site) => site.replace(' (written in)', ''))).toEqual(captured);
  }, 60_000);

  it('leaves alone a module the engine does not resolve from (a linked library of its own)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'loom-linked-'));
    temporary.push(dir);
    writeFileSync(join(dir, 'library.mjs'), 'export function* outer() {\n  yield* inner();\n}\nfunction* inner() {\n  yield 1;\n}\n');
    writeFileSync(join(dir, 'main.mjs'), "import { outer } from './library.mjs';\nconsole.log(JSON.stringify({ values: [...outer()], source: outer.toString() }));\n");
    // Outside this repository, with tsx and the hook named by their paths: nothing there resolves `loom-threads`.
    const tsx = pathToFileURL(resolve(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
    const hook = pathToFileURL(resolve(REPO_ROOT, 'node-hook/register.ts')).href;
    const out = execFileSync(process.execPath, ['--import', tsx, '--import', hook, 'main.mjs'], { cwd: dir, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ values: [1], source: 'function* outer() {\n  yield* inner();\n}' });
  }, 60_000);

  it('counts lines as V8 does: at a carriage return, and at the Unicode line and paragraph separators', () => {
    // Written by the test, so that no checkout changes its line breaks.
    const module = join(REPO_ROOT, `test/node-hook/fixtures/.line-breaks-${process.pid}.js`);
    temporary.push(module);
    writeFileSync(module, [
      "import { Engine, sleep } from 'loom-threads';",
      "const texts = ['a\u2028b', 'c\u2029d'];",
      'function* walker() {\r\n  yield* sleep(1);\r  yield* sleep(texts.length);\n  /* \u2028 */ yield* sleep(1);',
      "  throw new Error('here');",
      '}',
      "const engine = new Engine({ callSites: 'waits', onError: (error) => console.log(/walker \\((.*)\\)/.exec(String(error.stack))[1]) });",
      'const thread = engine.spawn(walker);',
      'for (let tick = 0; tick < 400 && thread.alive; tick++) {',
      '  engine.step();',
      '  if (thread.waitingAt !== null) console.log(`${thread.waitingAt.line}:${thread.waitingAt.column}`);',
      '}',
    ].join('\n'));
    const lines = (flags: string[]) => [...new Set(execFileSync(process.execPath, [...flags, module], { cwd: REPO_ROOT, encoding: 'utf8' }).trim().split('\n'))];
    const captured = lines(['--import', 'tsx']);
    expect(captured).toEqual(['6:10', '7:10', '9:12', `${pathToFileURL(module).href}:10:9`]);
    expect(lines(['--import', 'tsx', ...HOOK])).toEqual([...captured.slice(0, 3), `${module}:10:9`]);
  }, 60_000);

  it('loads a module it cannot write into as it was, and says why', () => {
    const module = join(REPO_ROOT, `test/node-hook/fixtures/.unreadable-map-${process.pid}.js`);
    temporary.push(module);
    // Node reads past the mapping it cannot parse; the transform cannot move it.
    const map = { version: 3, sources: ['walker.ts'], names: [], mappings: ';;AAEA,!!!' };
    writeFileSync(module, [
      "import { Engine, sleep } from 'loom-threads';",
      'function* walker() {',
      '  yield* sleep(1);',
      '}',
      "const engine = new Engine({ callSites: 'waits' });",
      'const thread = engine.spawn(walker);',
      'engine.step();',
      'console.log(JSON.stringify({ original: thread.waitingAt?.original ?? false }));',
      inlineMap(map),
    ].join('\n'));
    const ran = spawnSync(process.execPath, ['--import', 'tsx', ...HOOK, module], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(ran.status).toBe(0);
    expect(JSON.parse(ran.stdout)).toEqual({ original: false });
    expect(ran.stderr).toContain(`[LOOM_SITES_FAILED] Warning: loom-threads/node could not write call sites into ${module} (Error: source map: no number at 0 of its mappings): it runs as it was`);
  }, 60_000);

  it('writes into an ES module with no extension, a tool run by its `#!` line', () => {
    const tool = join(REPO_ROOT, `test/node-hook/fixtures/.tool-${process.pid}`);
    temporary.push(tool);
    writeFileSync(tool, [
      '#!/usr/bin/env node',
      "import { Engine, sleep } from 'loom-threads';",
      'function* patrol() {',
      '  yield* sleep(1);',
      '}',
      "const engine = new Engine({ callSites: 'waits' });",
      'const thread = engine.spawn(patrol);',
      'engine.step();',
      'console.log(JSON.stringify(thread.waitingAt));',
    ].join('\n'));
    const out = execFileSync(process.execPath, ['--import', 'tsx', ...HOOK, tool], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ fn: 'patrol', file: tool, line: 4, column: 10, original: true });
  }, 60_000);
});

// The engine as another project gets it: pack the package into a temporary folder, install the tarball alone into a
// fresh project there (offline: the package has no dependencies), type-check a script and a page that import it by
// name, run the script with Node, and bundle the page with Vite and open it in Chromium (the inspector attaches).
// Slow (npm pack builds lib/, about 10 s).
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectConsoleErrors, describeBrowser, launchChromium } from '../support/browser.ts';
import { DETAILS, listedNames, panelBox, ROWS } from '../support/inspector-panel.ts';
import { servePage } from '../support/serve-page.ts';
import { recordCspViolations, STRICT_CSP } from '../support/strict-csp.ts';

const REPO_ROOT = resolve(fileURLToPath(import.meta.url), '../../..');

const TSC = join(REPO_ROOT, 'node_modules/typescript/bin/tsc');

/** Runs a command in `cwd` and returns its stdout; on failure, the error carries what it printed. */
function run(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`, { cause: error });
  }
}

/** Runs a command in `cwd` that must fail, and returns what it printed on stdout. */
function runFailing(command: string, args: string[], cwd: string): string {
  let stdout: string;
  try {
    stdout = execFileSync(command, args, { cwd, encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    return (error as { stdout?: string }).stdout ?? '';
  }
  throw new Error(`${command} ${args.join(' ')} was expected to fail, and did not:\n${stdout}`);
}

interface PackedFile {
  path: string;
}
interface PackResult {
  filename: string;
  files: PackedFile[];
}

/** The relative link targets of a Markdown text (no web addresses, no anchors within the same file). */
function relativeLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1]!.replace(/#.*$/, ''))
    .filter((target) => target !== '' && !/^[a-z]+:/i.test(target));
}

describe('the packed package, installed into a fresh project', () => {
  let dir = '';
  let packed: PackResult;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'loom-consumer-'));
    // `npm pack` runs the prepack script, which builds lib/ from source.
    const out = run('npm', ['pack', '--json', '--pack-destination', dir], REPO_ROOT);
    packed = (JSON.parse(out.slice(out.indexOf('['))) as PackResult[])[0]!;
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    run('npm', ['install', '--offline', '--no-audit', '--no-fund', join(dir, packed.filename)], dir);
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('packs into the temporary folder, and git ignores a tarball packed in the repository', () => {
    expect(existsSync(join(REPO_ROOT, packed.filename))).toBe(false);
    expect(existsSync(join(dir, packed.filename))).toBe(true);
    expect(run('git', ['check-ignore', packed.filename], REPO_ROOT).trim()).toBe(packed.filename);
  });

  it('holds the built engine, inspector and plugin, the licence, the manifest, and the docs the README links to, and no source', () => {
    const paths = packed.files.map((file) => file.path);
    expect(paths).toContain('LICENSE');
    expect(paths).toContain('package.json');
    expect(paths).toContain('lib/engine/index.js');
    expect(paths).toContain('lib/engine/index.d.ts');
    expect(paths).toContain('lib/inspector/index.js');
    expect(paths).toContain('lib/inspector/index.d.ts');
    expect(paths).toContain('lib/inspector/feed.js');
    expect(paths).toContain('lib/eslint-plugin/index.js');
    expect(paths).toContain('lib/eslint-plugin/index.d.ts');
    expect(paths).toContain('lib/colyseus/index.js');
    expect(paths).toContain('lib/colyseus/client.js');
    expect(paths).toContain('lib/vite-plugin/index.js');
    expect(paths).toContain('lib/vite-plugin/index.d.ts');
    expect(paths).toContain('lib/node-hook/register.js');
    expect(paths).toContain('lib/node-hook/hooks.js');
    const other = /^(lib\/.*\.(js|d\.ts)|LICENSE|package\.json|README\.md|BENCHMARKS\.md|bench\/figures\/[\w-]+\.svg|docs\/[\w-]+\.md)$/;
    expect(paths.filter((path) => !other.test(path))).toEqual([]);
  });

  it('links from its README and docs only to files it holds', () => {
    const installed = join(dir, 'node_modules/loom-threads');
    const markdown = packed.files.map((file) => file.path).filter((path) => path.endsWith('.md'));
    expect(markdown).toContain('README.md');
    const dangling = markdown.flatMap((path) =>
      relativeLinks(readFileSync(join(installed, path), 'utf8'))
        .map((target) => normalize(join(dirname(path), target)))
        .filter((target) => !existsSync(join(installed, target)))
        .map((target) => `${path} -> ${target}`),
    );
    expect(dangling).toEqual([]);
  });

  it('declares no dependencies, a licence and an exports map', () => {
    const manifest = JSON.parse(readFileSync(join(dir, 'node_modules/loom-threads/package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.license).toBe('MIT');
    expect(Object.keys(manifest.exports as object)).toEqual(['.', './watchdog-node', './inspector', './inspector/feed', './eslint-plugin', './colyseus', './colyseus/client', './vite', './node', './package.json']);
  });

  it('type-checks a script and a page that import the package by name, and runs the script with Node', () => {
    copyFileSync(join(REPO_ROOT, 'test/package/consumer.ts'), join(dir, 'main.ts'));
    mkdirSync(join(dir, 'page'));
    copyFileSync(join(REPO_ROOT, 'test/package/consumer-page.ts'), join(dir, 'page/main.ts'));
    writeFileSync(join(dir, 'page/index.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>consumer</title></head><body><script type="module" src="./main.ts"></script></body></html>');
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true,
        lib: ['ES2022', 'DOM', 'DOM.Iterable'], types: [], outDir: 'out',
      },
      files: ['main.ts', 'page/main.ts'],
    }));
    run(process.execPath, [TSC, '-p', '.'], dir);
    expect(JSON.parse(run(process.execPath, ['out/main.js'], dir))).toEqual({ order: ['quick@0.2', 'slow@0.4'], slow: 'done' });
  }, 60_000); // a whole tsc run over the installed declarations: seconds, more on a busy machine

  it('publishes no internal member in its types: a host reaches only the public API', () => {
    writeFileSync(join(dir, 'internals.ts'), [
      "import { Engine, type Thread } from 'loom-threads';",
      'declare const engine: Engine;',
      'declare const thread: Thread;',
      'export const reached = [engine.columns, engine.create, thread.kernel, thread.flags, thread.ensureExtra, thread.value, thread.wait];',
    ].join('\n'));
    writeFileSync(join(dir, 'tsconfig.internals.json'), JSON.stringify({
      compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, types: [] },
      files: ['internals.ts'],
    }));
    const errors = [...runFailing(process.execPath, [TSC, '-p', 'tsconfig.internals.json', '--pretty', 'false'], dir).matchAll(/Property '(\w+)' does not exist/g)];
    expect(errors.map((match) => match[1])).toEqual(['columns', 'create', 'kernel', 'flags', 'ensureExtra', 'value', 'wait']);
  }, 60_000);

  it('serves its ESLint plugin by name, with a recommended config that turns every rule on but the opt-in no-unportable-math', () => {
    const script = `
      const { default: loom } = await import('loom-threads/eslint-plugin');
      const { plugins, rules } = loom.configs.recommended;
      console.log(JSON.stringify({ rules: Object.keys(loom.rules).sort(), registered: plugins.loom === loom, enabled: rules }));`;
    const { rules, registered, enabled } = JSON.parse(run(process.execPath, ['--input-type=module', '-e', script], dir)) as {
      rules: string[];
      registered: boolean;
      enabled: Record<string, string>;
    };
    expect(rules).toEqual(['no-floating-op', 'no-nondeterminism', 'no-swallowed-cancellation', 'no-unportable-math', 'no-unshielded-finally-wait']);
    expect(registered).toBe(true);
    expect(enabled).toEqual({
      ...Object.fromEntries(rules.filter((rule) => rule !== 'no-unportable-math').map((rule) => [`loom/${rule}`, 'error'])),
      'no-unsafe-finally': 'error',
    });
  });

  it("serves its Node hook by name: `node --import loom-threads/node` writes a plain script's sites in, and without vite says why not", () => {
    writeFileSync(join(dir, 'guard.mjs'), [
      "import { Engine, sleep } from 'loom-threads';",
      'function* guard() {',
      '  yield* sleep(1);',
      '}',
      "const engine = new Engine({ callSites: 'waits' });",
      'const thread = engine.spawn(guard);',
      'engine.step();',
      'console.log(JSON.stringify(thread.waitingAt));',
    ].join('\n'));
    const site = { fn: 'guard', file: join(dir, 'guard.mjs'), line: 3, column: 10 };
    // Without the hook, the engine captures it: the same place, as V8 prints it.
    const captured = { ...site, file: pathToFileURL(site.file).href };
    expect(JSON.parse(run(process.execPath, ['guard.mjs'], dir))).toEqual(captured);
    const withoutVite = spawnSync(process.execPath, ['--import', 'loom-threads/node', 'guard.mjs'], { cwd: dir, encoding: 'utf8' });
    expect(withoutVite.status).toBe(0);
    expect(JSON.parse(withoutVite.stdout)).toEqual(captured);
    expect(withoutVite.stderr).toContain('[LOOM_NO_PARSER] Warning: loom-threads/node needs vite (npm install -D vite) for its parser');
    symlinkSync(join(REPO_ROOT, 'node_modules/vite'), join(dir, 'node_modules/vite'));
    expect(JSON.parse(run(process.execPath, ['--import', 'loom-threads/node', 'guard.mjs'], dir))).toEqual({ ...site, original: true });
  });

  it('runs its Node hook after tsx, on TypeScript, and says so when it was put before', () => {
    symlinkSync(join(REPO_ROOT, 'node_modules/tsx'), join(dir, 'node_modules/tsx'));
    writeFileSync(join(dir, 'patrol.ts'), [
      "import { Engine, sleep, type ScriptGenerator } from 'loom-threads';",
      'function* patrol(seconds: number): ScriptGenerator {',
      '  yield* sleep(seconds);',
      '}',
      "const engine = new Engine({ callSites: 'waits' });",
      'const thread = engine.spawn(patrol, 1);',
      'engine.step();',
      'console.log(JSON.stringify(thread.waitingAt));',
    ].join('\n'));
    const site = { fn: 'patrol', file: join(dir, 'patrol.ts'), line: 3, column: 10 };
    expect(JSON.parse(run(process.execPath, ['--import', 'tsx', '--import', 'loom-threads/node', 'patrol.ts'], dir))).toEqual({ ...site, original: true });
    const before = spawnSync(process.execPath, ['--import', 'loom-threads/node', '--import', 'tsx', 'patrol.ts'], { cwd: dir, encoding: 'utf8' });
    expect(JSON.parse(before.stdout)).toEqual(site);
    expect(before.stderr).toContain(`[LOOM_HOOK_ORDER] Warning: loom-threads/node was given ${join(dir, 'patrol.ts')} as TypeScript, before tsx made it JavaScript: put --import loom-threads/node after --import tsx.`);
  });

  it("serves its Vite plugin by name, to a project that has vite (a peer dependency), and it writes a script's sites in", () => {
    // Linked by the Node hook's test, before.
    expect(existsSync(join(dir, 'node_modules/vite'))).toBe(true);
    const script = `
      const { loomSites } = await import('loom-threads/vite');
      const plugin = loomSites();
      const context = { environment: { config: { consumer: 'client' } }, resolve: async () => ({ id: '/p/node_modules/loom-threads/lib/engine/index.js' }) };
      const placed = await plugin.transform.call(context, 'export function* g() { yield* sleep(1); }', '/p/a.ts');
      console.log(JSON.stringify({ name: plugin.name, code: placed.code }));`;
    const { name, code } = JSON.parse(run(process.execPath, ['--input-type=module', '-e', script], dir)) as { name: string; code: string };
    expect(name).toBe('loom-sites');
    expect(code).toContain('yield* __loom$at(sleep(1), __loom$s(0))');
    expect(code).toContain('__loom$site(import.meta.url, 1, 31, "g")');
  });
  describeBrowser('its inspector in a page bundled by Vite from the install', () => {
    it('attaches, docked left, styled, listing the threads, under the strict CSP, with no console error', async () => {
      // Vite resolves loom-threads and loom-threads/inspector from the install's node_modules, as a user's build does.
      const served = await servePage(join(dir, 'page'), { 'Content-Security-Policy': STRICT_CSP });
      const browser = await launchChromium();
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        const errors = collectConsoleErrors(page);
        await recordCspViolations(page);
        await page.goto(served.url);
        await page.waitForFunction(() => (window.consumer?.engine.tick ?? 0) >= 10);
        const box = await panelBox(page);
        expect([box.position, box.left, box.top, box.bottom]).toEqual(['fixed', 0, 0, 800]);
        await expect.poll(() => page.locator('.loom-status').textContent()).toBe('2 live threads');
        expect((await listedNames(page)).sort()).toEqual(['ticker', 'waiter']);
        await page.locator(ROWS).filter({ hasText: 'waiter' }).click();
        await expect.poll(() => page.locator(`${DETAILS} .loom-wait`).textContent()).toMatch(/^sleep until /);
        expect(await page.evaluate(() => window.cspViolations)).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
        await served.close();
      }
    }, 120_000);
  });
});

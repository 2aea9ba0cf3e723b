// The engine as another project gets it: pack the package, install the tarball alone into a fresh project
// (offline: the package has no dependencies), type-check a script that imports it by name, and run it with Node.
// Slow (npm pack builds lib/, about 10 s): test:unit runs it too, being Node only.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

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

interface PackedFile {
  path: string;
}
interface PackResult {
  filename: string;
  files: PackedFile[];
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

  it('holds the built engine and plugin, the licence and the manifest, and no source', () => {
    const paths = packed.files.map((file) => file.path);
    expect(paths).toContain('LICENSE');
    expect(paths).toContain('package.json');
    expect(paths).toContain('lib/engine/index.js');
    expect(paths).toContain('lib/engine/index.d.ts');
    expect(paths).toContain('lib/eslint-plugin/index.js');
    expect(paths).toContain('lib/eslint-plugin/index.d.ts');
    expect(paths).toContain('lib/colyseus/index.js');
    expect(paths).toContain('lib/colyseus/client.js');
    expect(paths.filter((path) => !/^(lib\/.*\.(js|d\.ts)|LICENSE|package\.json|README\.md)$/.test(path))).toEqual([]);
  });

  it('declares no dependencies, a licence and an exports map', () => {
    const manifest = JSON.parse(readFileSync(join(dir, 'node_modules/loom-threads/package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.license).toBe('MIT');
    expect(Object.keys(manifest.exports as object)).toEqual(['.', './watchdog-node', './eslint-plugin', './colyseus', './colyseus/client', './package.json']);
  });

  it('type-checks a script that imports the package by name, and runs it with Node', () => {
    copyFileSync(join(REPO_ROOT, 'test/package/consumer.ts'), join(dir, 'main.ts'));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true,
        lib: ['ES2022', 'DOM'], types: [], outDir: 'out',
      },
      files: ['main.ts'],
    }));
    run(process.execPath, [TSC, '-p', '.'], dir);
    expect(JSON.parse(run(process.execPath, ['out/main.js'], dir))).toEqual({ order: ['quick@0.2', 'slow@0.4'], slow: 'done' });
  }, 60_000); // a whole tsc run over the installed declarations: seconds, more on a busy machine

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
});

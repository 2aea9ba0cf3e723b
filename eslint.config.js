import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { posix } from 'node:path';
import { tsImport } from 'tsx/esm/api';

// The package's ESLint plugin, loaded from its TypeScript source so that linting needs no build first.
const { default: loom } = await tsImport('./eslint-plugin/index.ts', import.meta.url);

// Nothing in engine/ imports the game, the tools, the inspector, the server or a renderer: it is the library they
// build on. `patterns` adds what one part of the engine may not import of the others.
function engineImports(files, patterns) {
  return {
    files: [files],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { group: ['pixi.js', 'pixi.js/*', 'colyseus.js', '@colyseus/*'], message: 'engine/ is the library: it imports no host, tool or renderer' },
          { regex: '^(?:\\.\\./)+(?:game|bench|tools|harness|inspector|colyseus|server)(?:/|$)', message: 'engine/ is the library: it imports no host, tool or renderer' },
          ...patterns,
        ],
      }],
    },
  };
}

const HEADLESS = { group: ['pixi.js', 'pixi.js/*'], message: 'this folder runs headless (in Node and in tests): no pixi.' };

/**
 * Which folders the files of `folder` may import (each folder's README.md draws the same graph): a relative import
 * that leaves `folder` must go to one of `may` (paths from the repository root). Packages (the engine as
 * `loom-threads`, node:, vite) are not relative, so they stay allowed unless `refused` names them. A nested file
 * climbs one more `../` to leave the folder, hence one config object per depth.
 */
function allowedImports(folder, may, refused = []) {
  const message = `${folder}/ may import ${may.length > 0 ? `${may.join(', ')} and ` : ''}the engine, nothing else in the repository (${folder}/README.md)`;
  const exits = may.map((path) => posix.relative(folder, path).slice('../'.length).replace(/[.]/g, '\\.'));
  return [0, 1, 2].map((depth) => {
    const leaves = `^(?:\\.\\./){${depth + 1}}`;
    const regex = exits.length > 0 ? `${leaves}(?!(?:${exits.join('|')})(?:/|$))` : leaves;
    return {
      files: [`${folder}/${'*/'.repeat(depth)}*.{ts,mjs}`],
      rules: { 'no-restricted-imports': ['error', { patterns: [{ regex, message }, ...refused] }] },
    };
  });
}

export default tseslint.config(
  { ignores: ['dist/', 'docs/api/', 'lib/', 'node_modules/', 'test-results/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      // A script that ends without waiting is a valid thread (it runs to completion in one resume).
      'require-yield': 'off',
    },
  },
  {
    // The engine runs headless: a host adapter drives it, so it never reaches for the DOM, the frame clock or pixi.
    files: ['engine/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error',
        { name: 'window', message: 'engine/ is headless: a host adapter supplies the browser.' },
        { name: 'document', message: 'engine/ is headless: a host adapter supplies the browser.' },
        { name: 'requestAnimationFrame', message: 'engine/ is headless: use a host adapter (game/host.ts).' },
      ],
      // Each engine owns its state, so two engines in one process (a server's rooms) share nothing.
      'no-restricted-syntax': ['error', {
        selector: 'Program > VariableDeclaration[kind!="const"], Program > ExportNamedDeclaration > VariableDeclaration[kind!="const"]',
        message: 'engine/ keeps no process-wide mutable state: put it on the engine (Scheduler) instead of a module variable',
      }],
    },
  },
  {
    // The one exception: which engine is running a tick now, set and cleared within its synchronous tick. It is how
    // `useThread()` and an op's `yield*` find their engine without being handed it.
    files: ['engine/core/thread.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  // What each part of the engine may import (engine/README.md draws the same map).
  engineImports('engine/core/**/*.ts', [
    { group: ['../replay/*'], message: 'the core knows nothing of recordings' },
    { group: ['../ops/*'], allowTypeImports: true, message: 'the core runs ops through Op and the Kernel; it imports their types only' },
  ]),
  engineImports('engine/ops/**/*.ts', [
    { group: ['../core/*', '!../core/kernel.ts'], message: 'ops reach the core through core/kernel.ts only: it names all they may use' },
    { group: ['../accounting/*', '../diagnostics/*', '../watchdog/*', '../hot-reload/*', '../replay/*'], message: 'ops use the kernel, not engine features' },
  ]),
  ...['accounting', 'diagnostics', 'watchdog'].map((part) => engineImports(`engine/${part}/**/*.ts`, [
    { group: ['../ops/*', '../accounting/*', '../diagnostics/*', '../watchdog/*', '../hot-reload/*', '../replay/*', `!../${part}/*`], message: `engine/${part} builds on the core alone` },
  ])),
  engineImports('engine/replay/**/*.ts', [
    { group: ['../accounting/*', '../watchdog/*', '../hot-reload/*'], message: 'replay builds on the core and the ops' },
  ]),
  engineImports('engine/det-math/**/*.ts', [
    { group: ['../*'], message: 'det-math is plain arithmetic: it imports nothing of the engine' },
  ]),
  engineImports('engine/hot-reload/**/*.ts', []),
  engineImports('engine/*.ts', []),
  {
    // The inspector is the package's (loom-threads/inspector): the engine's public API and the DOM, nothing else.
    files: ['inspector/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['pixi.js', 'pixi.js/*'], message: 'inspector/ draws with the DOM only: it attaches to any page.' },
          { group: ['**/game/**', '**/bench/**', '**/tools/**', '**/harness/**'], message: 'inspector/ is the package\'s: it knows no game or tool.' },
          { group: ['**/engine/**', 'loom-threads/*'], message: 'inspector/ uses the engine by its public API (loom-threads), and its own files by relative path.' },
        ],
      }],
    },
  },
  {
    // The plain page of the inspector's browser test is any user's page: the package's exports, nothing else.
    files: ['test/fixtures/inspector-page/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['pixi.js', 'pixi.js/*', '**/game/**', '**/engine/**', '**/inspector/**'], message: 'This page uses loom-threads and loom-threads/inspector only.' },
      ] }],
    },
  },
  {
    // The Colyseus adapter is part of the package: it works for any game, so it never reaches into the sample's.
    files: ['colyseus/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['../game/*', '../server/*', '../engine/*', '../inspector/*'], message: 'colyseus/ imports loom-threads by name (the inspection feed as loom-threads/inspector/feed) and @colyseus/*, never the sample game or engine internals.' },
        { group: ['pixi.js', 'pixi.js/*', 'colyseus.js'], message: 'colyseus/ is the server side; its browser half (client.ts) needs no client library.' },
      ] }],
    },
  },
  {
    // The sample game's server: it hosts game/sim and game/scripts through the adapter, and never draws.
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['../game/view/*', '../game/inspector/*', '../game/app.ts', '../game/main.ts', 'pixi.js', 'pixi.js/*'], message: 'server/ runs headless: the simulation and the adapter only.' },
        { group: ['../engine/*', '../colyseus/*'], message: 'server/ imports the engine as loom-threads and the adapter as loom-threads/colyseus.' },
      ] }],
    },
  },
  {
    // The game's scripts, checked as a user's would be. no-floating-op reads types: the project service supplies them.
    files: ['game/**/*.ts'],
    ...loom.configs.recommended,
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      ...loom.configs.recommended.rules,
    },
  },
  {
    // What the simulation computes must be bit-identical in Node and every browser, or replays diverge there.
    files: ['game/sim/**/*.ts', 'game/scripts/**/*.ts'],
    rules: { 'loom/no-unportable-math': 'error' },
  },
  {
    // Dependencies run one way (docs/guide.md draws the graph); test/ may import anything.
    files: ['game/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: '^(?:\\.\\./)+(?:bench|tools)(?:/|$)', message: 'game/ never imports the benchmarks or the tools: they import it.' },
          { regex: '^(?:\\.\\./)+inspector(?:/|$)', message: 'Import the inspector from loom-threads/inspector, as a user of the package does.' },
          { regex: '^(?:\\.\\./)+engine(?:/|$)', message: 'The game uses the engine by its package name, loom-threads, as a user does.' },
        ],
      }],
    },
  },
  ...allowedImports('game/sim', [], [HEADLESS]),
  ...allowedImports('game/scripts', ['game/sim', 'assets'], [HEADLESS]),
  ...allowedImports('game/view', ['game/sim', 'assets']),
  ...allowedImports('game/headless', ['game/sim', 'game/scripts'], [HEADLESS]),
  ...allowedImports('game/stress', ['harness', 'assets']),
  ...allowedImports('game/live-inspect', []),
  ...allowedImports('harness', [], [HEADLESS]),
  ...allowedImports('tools', ['harness', 'game/headless']),
  ...allowedImports('bench', ['harness', 'game', 'server', 'test/support']),
  ...allowedImports('eslint-plugin', []),
  ...allowedImports('vite-plugin', [], [
    { group: ['loom-threads', 'loom-threads/*'], message: 'vite-plugin/ runs in the bundler: it writes imports of the engine into modules, and imports none itself' },
  ]),
  ...allowedImports('node-hook', ['vite-plugin'], [
    { group: ['loom-threads', 'loom-threads/*'], message: "node-hook/ runs in Node's module loader: it writes imports of the engine into modules, and imports none itself" },
  ]),
);

import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
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
          { group: ['pixi.js', 'pixi.js/*', '**/game/*', '**/bench/*', '**/tools/*', '**/inspector/*', '**/colyseus/*', '**/server/*', 'colyseus.js', '@colyseus/*'], message: 'engine/ is the library: it imports no host, tool or renderer' },
          ...patterns,
        ],
      }],
    },
  };
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
    },
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
  engineImports('engine/*.ts', []),
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
);

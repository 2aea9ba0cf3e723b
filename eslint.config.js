import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { tsImport } from 'tsx/esm/api';

// The package's ESLint plugin, loaded from its TypeScript source so that linting needs no build first.
const { default: loom } = await tsImport('./eslint-plugin/index.ts', import.meta.url);

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
      'no-restricted-imports': ['error', { patterns: ['pixi.js', 'pixi.js/*', '../game/*'] }],
    },
  },
  {
    // The Colyseus adapter is part of the package: it works for any game, so it never reaches into the sample's.
    files: ['colyseus/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['../game/*', '../server/*', '../engine/*'], message: 'colyseus/ imports loom-threads by name and @colyseus/*, never the sample game or engine internals.' },
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
);

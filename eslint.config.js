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
    // The inspector is the package's (loom-threads/inspector): the engine's public API and the DOM, nothing else.
    files: ['inspector/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['pixi.js', 'pixi.js/*'], message: 'inspector/ draws with the DOM only: it attaches to any page.' },
          { group: ['**/game/**', '**/bench/**', '**/tools/**'], message: 'inspector/ is the package\'s: it knows no game or tool.' },
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
    // The game and the tools use the inspector as any user does: by the package's export, never its files.
    // (A later block setting no-restricted-imports for some of these files replaces this one there: merge them.)
    files: ['game/**/*.ts', 'bench/**/*.ts', 'tools/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/inspector/*'], message: 'Import the inspector from loom-threads/inspector, as a user of the package does.' },
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

import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { posix } from 'node:path';
import { tsImport } from 'tsx/esm/api';

// The package's ESLint plugin, loaded from its TypeScript source so that linting needs no build first.
const { default: loom } = await tsImport('./eslint-plugin/index.ts', import.meta.url);

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
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['pixi.js', 'pixi.js/*'] }, {
          regex: '^(?:\\.\\./)+(?:game|bench|tools|harness|inspector)(?:/|$)',
          message: 'engine/ is the library: the game, the benchmarks, the tools, the harness and the inspector import it, never the reverse.',
        }],
      }],
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
        patterns: [{ regex: '^(?:\\.\\./)+(?:bench|tools)(?:/|$)', message: 'game/ never imports the benchmarks or the tools: they import it.' }],
      }],
    },
  },
  ...allowedImports('game/sim', [], [HEADLESS]),
  ...allowedImports('game/scripts', ['game/sim', 'assets'], [HEADLESS]),
  ...allowedImports('game/view', ['game/sim', 'assets']),
  ...allowedImports('game/headless', ['game/sim', 'game/scripts'], [HEADLESS]),
  ...allowedImports('game/stress', ['harness', 'game/inspector', 'assets']),
  ...allowedImports('harness', [], [HEADLESS]),
  ...allowedImports('tools', ['harness', 'game/headless']),
  ...allowedImports('bench', ['harness', 'game', 'inspector', 'test/support']),
  ...allowedImports('eslint-plugin', []),
);

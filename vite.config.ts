import { dirname, relative, resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import { loomSites } from './vite-plugin/index.ts';

// Cross-origin isolation gives performance.now() 5 µs resolution instead of 100 µs, so the inspector's
// per-thread times mean something. Everything the pages load is same-origin.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  base: './',
  // The scripts' call sites written in at serve time (docs/stack-traces.md): the engine itself, and the tests'
  // own scripts, keep the runtime's capture, which the stack-trace tests check.
  plugins: [loomSites({ include: ['game/**', 'harness/**'].map((folder) => resolve(import.meta.dirname, folder)) })],
  // The game and the tools use the engine by its package name, from source (tsconfig.json has the same paths).
  resolve: {
    alias: [
      { find: /^loom-threads$/, replacement: resolve(import.meta.dirname, 'engine/index.ts') },
      { find: /^loom-threads\/watchdog-node$/, replacement: resolve(import.meta.dirname, 'engine/watchdog/node-watchdog.ts') },
      { find: /^loom-threads\/inspector$/, replacement: resolve(import.meta.dirname, 'inspector/index.ts') },
      { find: /^loom-threads\/inspector\/feed$/, replacement: resolve(import.meta.dirname, 'inspector/feed.ts') },
      { find: /^loom-threads\/eslint-plugin$/, replacement: resolve(import.meta.dirname, 'eslint-plugin/index.ts') },
      { find: /^loom-threads\/colyseus$/, replacement: resolve(import.meta.dirname, 'colyseus/index.ts') },
      { find: /^loom-threads\/colyseus\/client$/, replacement: resolve(import.meta.dirname, 'colyseus/client.ts') },
      { find: /^loom-threads\/vite$/, replacement: resolve(import.meta.dirname, 'vite-plugin/index.ts') },
    ],
  },
  // Every package the pages import, co-op's included, is pre-bundled at start: a dependency found later (the join
  // panel is loaded only with ?server=) makes the dev server re-bundle and reload the page as it first loads.
  optimizeDeps: { include: ['pixi.js', 'pixi.js/unsafe-eval', 'colyseus.js'] },
  server: { headers: isolation },
  preview: { headers: isolation },
  build: {
    target: 'es2022',
    // Script stack traces in the inspector map bundle positions back to the TypeScript (inspector/source-lines.ts).
    sourcemap: true,
    // pixi fetches its textures, and a strict CSP (docs/csp.md) lets it fetch from this origin only, not data: URLs.
    assetsInlineLimit: 0,
    rollupOptions: {
      input: {
        main: resolve(import.meta.dirname, 'index.html'),
        stress: resolve(import.meta.dirname, 'stress.html'),
        inspect: resolve(import.meta.dirname, 'inspect.html'),
      },
      output: {
        // Thread names come from script function names: keep them in production builds.
        keepNames: true,
        // engine.breakBeforeResume works by a `debugger` statement, which the minifier drops by default.
        minify: { compress: { dropDebugger: false }, mangle: true },
        // Sources named from the site's root (`/game/scripts/grunt.ts`), wherever the build is written: the
        // inspector shows script stacks with these paths.
        sourcemapPathTransform: (source, map) => `/${relative(import.meta.dirname, resolve(dirname(map), source))}`,
      },
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 120_000,
  },
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { build, preview, type AliasOptions } from 'vite';

/** A built page served by Vite's preview server: `url` ends with '/'. */
export interface ServedPage {
  url: string;
  close(): Promise<void>;
}

/**
 * Builds the Vite page in `root` (its `index.html`) for production into a temporary folder, without a config file,
 * and serves it on a free loopback port with `headers`. `alias` resolves imports as a config would (the
 * repository's `vite.config.ts` aliases `loom-threads` to source); without it they resolve from `root`'s
 * `node_modules`, as in an installed project. Close the handle when done: it removes the build.
 *
 * @example
 * ```ts
 * const served = await servePage(FIXTURE, { 'Content-Security-Policy': "default-src 'self'" }, viteConfig.resolve?.alias);
 * await page.goto(served.url);
 * ```
 */
export async function servePage(root: string, headers: Record<string, string> = {}, alias?: AliasOptions): Promise<ServedPage> {
  const outDir = await mkdtemp(join(tmpdir(), 'loom-page-'));
  // Vite takes a set NODE_ENV over the mode, and vitest sets NODE_ENV=test: a production build needs both.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root,
      configFile: false,
      mode: 'production',
      logLevel: 'warn',
      base: './',
      resolve: alias ? { alias } : {},
      // Thread names come from script function names, and the inspector maps stack lines with the source maps: a page
      // keeps both in its build, its sources named from its root, as vite.config.ts does.
      build: { outDir, emptyOutDir: true, target: 'es2022', sourcemap: true, rolldownOptions: { checks: { bundlerTimings: false }, output: {
          keepNames: true,
          sourcemapPathTransform: (source, map) => `/${relative(root, resolve(dirname(map), source))}`,
        },
      } },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  const server = await preview({
    root,
    configFile: false,
    logLevel: 'warn',
    preview: { port: 0, host: '127.0.0.1', strictPort: true, headers },
    build: { outDir },
  });
  const url = server.resolvedUrls?.local[0];
  const close = async (): Promise<void> => {
    await server.close();
    await rm(outDir, { recursive: true, force: true });
  };
  if (!url) {
    await close();
    throw new Error('Vite preview server reported no local URL');
  }
  return { url, close };
}

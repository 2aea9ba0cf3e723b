import { build, type Rolldown } from 'vite';
import viteConfig from '../../vite.config.ts';

/**
 * Bundles `entry` (a module of the repository) into one classic script that, run in a page, puts the module's
 * exports on `window[global]`. It resolves `loom-threads` as the game does, and inlines imported assets.
 *
 * @example
 * ```ts
 * await page.addScriptTag({ content: await bundleForPage(ENTRY, 'recorder') });
 * ```
 */
export async function bundleForPage(entry: string, global: string): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: 'warn',
    resolve: viteConfig.resolve,
    build: { write: false, minify: false, lib: { entry, formats: ['iife'], name: global } },
  });
  // A library build gives one output per format, in an array.
  const outputs = Array.isArray(output) ? output : 'output' in output ? [output] : [];
  const chunk = outputs.flatMap((o) => o.output).find((file): file is Rolldown.OutputChunk => file.type === 'chunk');
  if (!chunk) throw new Error(`bundling ${entry} produced no script`);
  return chunk.code;
}
